"""How excerpts and sources are credited, and how content-note tags are put into words."""

from __future__ import annotations

from collections.abc import Iterable

from .schema import CONTENT_NOTES, Excerpt, Source

PHOTO_CAPTION = "Photo caption"


def speaker_line(excerpt: Excerpt, source: Source) -> str:
    """Who says it: the named speaker, a photo caption, or the source's own text in its words
    ("Introduction" for the interview's narration, "Article text" for the article's)."""
    if excerpt.speaker:
        return excerpt.speaker
    if excerpt.part == "photo-caption":
        return PHOTO_CAPTION
    return source.own_text


def source_line(source: Source) -> str:
    """Short title, and the publisher where the copy itself names one."""
    named = source.publisher and "publisher" not in source.inferred
    return f"{source.short_title}, {source.publisher}" if named else source.short_title


def excerpts_phrase(n: int) -> str:
    """ "1 excerpt", "3 excerpts"."""
    return f"{n} excerpt" if n == 1 else f"{n} excerpts"


def join_words(words: Iterable[str], last: str = "and") -> str:
    """Words as English lists them: "a", "a and b", "a, b and c" (or "… or c")."""
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {last} " + words[-1]


def ordered_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Content-note tags, each once, in the order of CONTENT_NOTES."""
    present = set(tags)
    return tuple(tag for tag in CONTENT_NOTES if tag in present)


def tags_phrase(tags: Iterable[str], last: str = "and") -> str:
    """E.g. "torture and a child's death", in the order of CONTENT_NOTES."""
    return join_words((CONTENT_NOTES[tag] for tag in ordered_tags(tags)), last)


# Every tag, in one phrase: what the content-note setting is about ("torture, killing, … or …").
ALL_TAGS_PHRASE = tags_phrase(CONTENT_NOTES, last="or")


def content_note_line(excerpt: Excerpt) -> str:
    """E.g. "Content note: torture and death"; empty when the excerpt has no note."""
    if not excerpt.content_note:
        return ""
    return "Content note: " + tags_phrase(excerpt.content_note)


def bibliography(source: Source, for_print: bool = False) -> list[tuple[str, str]]:
    """The source's bibliographic fields as (label, value) pairs, saying what the copy lacks.

    `for_print` leaves out what only this project's files need (the copy's file name and
    checksum): a reader looking for the original needs the title, publisher, date and author.
    """

    def given(field: str, value: str, missing: str) -> str:
        if not value:
            return missing
        return f"{value} (inferred, not stated in the copy)" if field in source.inferred else value

    fields = [
        ("Title", given("title", source.title, "not given in the copy")),
        ("Publisher", given("publisher", source.publisher, "not named in the copy")),
        ("Author", given("author", source.author, "not named in the copy")),
        *([("Interviewer", given("interviewer", source.interviewer, ""))] if source.interviewer else []),
        ("Date", given("date", source.date, "not given in the copy")),
        ("Pastor Kim's name", f"spelled {source.kim_spelling} in this copy"),
    ]
    if not for_print:
        fields.append(("File", f"{source.file} (sha256 {source.sha256[:12]}…)"))
    return fields
