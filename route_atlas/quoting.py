"""What a quotation may be and what it says: found verbatim in its source, its sentences, the
countries it names and the lists it gives.

A quotation may differ from its source only by the edits a careful quoter makes: white space,
"…" (or "...") marking an elision, and a [square-bracketed] insertion, which matches either
itself (the copy may print brackets too) or nothing (an editor's addition such as [sic]).

A schematic line between two countries is allowed only where a source lists them itself: in one
sentence of a quoted excerpt the two are adjacent members of one enumeration ("China, Vietnam,
Laos, and Thailand"), in that order. `enumerations` and `list_sentence` are that rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

# An elision: the quoter leaves words out. In a quotation it may stand for any source text; a
# list never runs across one, since it joins words the source does not put together.
_ELISION = re.compile(r"\s*(?:…|\.\.\.)\s*")
# A [bracketed] insertion is the quoter's, not the source's: it names no country of a list.
_BRACKETED = re.compile(r"(\[[^\[\]]*\])")
# A sentence ends at . ! or ? (perhaps followed by a closing quote or bracket) and white space.
# Each alternative has a fixed width, as Python's look-behind requires.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][\"”’')\]])\s+")
# What stands between two members of one enumeration: a comma, "and" or "or", or ", and".
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or)\s+)")


# --- verbatim ---------------------------------------------------------------------------------


def _segment_pattern(segment: str) -> str:
    parts = []
    for piece in _BRACKETED.split(segment.strip()):
        if not piece.strip():
            continue
        if _BRACKETED.fullmatch(piece):
            parts.append(f"(?:{re.escape(piece)})?")
        else:
            parts.append(r"\s+".join(re.escape(word) for word in piece.split()))
    return r"\s*".join(parts)


def find_quote(quote: str, text: str) -> int | None:
    """Return where `quote` starts in `text`, or None when it is not there verbatim."""
    span = quote_span(quote, text)
    return span[0] if span else None


def quote_span(quote: str, text: str) -> tuple[int, int] | None:
    """Where `quote` starts and ends in `text`, or None when it is not there verbatim."""
    segments = [s for s in _ELISION.split(quote) if s.strip()]
    if not segments:
        return None
    pattern = r"[\s\S]*?".join(f"({_segment_pattern(s)})" for s in segments)
    match = re.search(pattern, text)
    return match.span() if match else None


# --- sentences, names and lists -----------------------------------------------------------------


def sentences(text: str) -> list[str]:
    """The sentences of a quotation, white space tidied, in order.

    An elision ("…" or "...") also ends a piece, e.g. ``"A, B. … C, D"`` -> ``["A, B.", "C, D"]``.
    """
    pieces = []
    for part in _ELISION.split(text):
        for sentence in _SENTENCE_END.split(part):
            sentence = " ".join(sentence.split())
            if sentence:
                pieces.append(sentence)
    return pieces


def mentions(text: str, names: Mapping[str, Iterable[str]]) -> list[tuple[str, str, int, int]]:
    """Where `text` names a country: (ISO3, the words, start, end), in the order of the text.

    `names` maps ISO3 to the words that name it ("CHN" -> ["China", "Chinese"]). Words match
    whole words only and with their case, so "North Korean" is not "North Korea" unless listed,
    and the longer words win, so "South Korea" is never also "Korea". Bracketed insertions are
    the quoter's, not the source's: they name nothing (blanked, so positions still hold).
    """
    by_words = {" ".join(w.split()): code for code, words in names.items() for w in words if w.strip()}
    if not by_words:
        return []
    longest_first = sorted(by_words, key=len, reverse=True)
    pattern = "|".join(r"\b" + r"\s+".join(map(re.escape, w.split())) + r"\b" for w in longest_first)
    text = _BRACKETED.sub(lambda m: " " * len(m.group()), text)
    return [
        (by_words[" ".join(m.group().split())], m.group(), m.start(), m.end())
        for m in re.finditer(pattern, text)
    ]


def named_countries(sentence: str, names: Mapping[str, str]) -> list[str]:
    """ISO3 codes of the route countries a sentence names, in the order it names them.

    `names` maps ISO3 to the country's name as in countries.csv ("PRK" -> "North Korea"): only
    the name counts here, so "North Korean" or "Chinese" name no country of a list.
    """
    return [code for code, *_ in mentions(sentence, {code: [name] for code, name in names.items()})]


def enumerations(text: str, names: Mapping[str, str]) -> list[tuple[str, list[str]]]:
    """Every list of two or more route countries in `text`: (its sentence, ISO3 codes in order).

    Members of one list stand next to each other with only list punctuation between them
    ("China, Vietnam, Laos, and Thailand", "A, B or C"); "Thailand, to reach safety in South
    Korea" ends the list, and so does a sentence ("Laos. On other days, Mongolia").
    """
    by_name = {code: [name] for code, name in names.items()}
    found = []
    for sentence in sentences(text):
        run: list[str] = []
        last_end = None
        for code, _, start, end in mentions(sentence, by_name):
            if last_end is not None and not _LIST_JOIN.fullmatch(sentence[last_end:start]):
                if len(run) > 1:
                    found.append((sentence, run))
                run = []
            run.append(code)
            last_end = end
        if len(run) > 1:
            found.append((sentence, run))
    return found


def list_sentence(text: str, names: Mapping[str, str], start: str, end: str) -> str | None:
    """The first sentence of `text` in which `start` and `end` are adjacent members of one list,
    `start` first, or None."""
    for sentence, members in enumerations(text, names):
        if (start, end) in zip(members, members[1:], strict=False):
            return sentence
    return None
