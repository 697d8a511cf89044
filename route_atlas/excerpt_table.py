"""The Excerpts page's table: every excerpt as one pandas row, filtered, searched and exported.

`excerpt_table(content)` builds the table once per content version (the page caches it);
`filters_from_query` reads the filters a link asks for; `table_view` applies them, and the
content-note setting, with vectorised pandas operations; `csv_bytes` is the file to download.
The words are `words.py`'s and an excerpt is shown through `present.excerpt_view`, as everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import get_args

import pandas as pd

from . import words
from .content import Content
from .present import ExcerptView, excerpt_view
from .schema import Excerpt

COLUMNS = ("id", "text", "kind", "speaker", "source", "countries", "topic", "content_note", "citation")
KINDS: tuple[str, ...] = get_args(Excerpt.model_fields["kind"].annotation)
# The address's names for the filters: /excerpts?country=CHN&country=LAO&source=…&kind=…&topic=…&q=…
PARAMS = ("country", "source", "kind", "topic", "q")
MAX_QUERY = 200  # longer searches are cut: no excerpt is that long a phrase, and a link stays short

# Accents are the combining diacritical marks (U+0300-U+036F) only: "é", "ü" and Vietnamese "ệ"
# lose them, while Hangul, and kana with voicing marks, stay the letters they are.
_ACCENTS = re.compile("[\u0300-\u036f]")
# A keyboard types straight quotes where the sources print curly ones ("God’s").
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def normalise(text: str) -> str:
    """Text as search compares it: NFKC (full-width and compatibility forms folded), curly quotes
    straight, accents off, case folded, white space single; Hangul stays composed (NFC)."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _ACCENTS.sub("", unicodedata.normalize("NFD", text))
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


@dataclass(frozen=True)
class ExcerptTable:
    """Every excerpt, one row each, with what filtering needs beside it (all on one index).

    Shared by every session through the page's cache: nothing here is changed after it is built.
    """

    frame: pd.DataFrame  # COLUMNS; the sources in file order, each source's excerpts in document order
    names: pd.DataFrame  # bool, one column per route country (ISO3): does the row's excerpt name it
    source_ids: pd.Series
    haystack: pd.Series  # text and speaker, normalised for search
    notes: pd.Series  # "Content note: killing", or "" for none
    folded: pd.Series  # what Ask shows in place of a noted row's text ("" for none)
    tags: pd.Series  # each row's content-note tags (tuples)
    topics: tuple[str, ...]  # every topic, in the order they first appear

    @property
    def total(self) -> int:
        return len(self.frame)


def excerpt_table(content: Content) -> ExcerptTable:
    """The table of every excerpt: built once per content version, then only filtered."""
    rows: list[Excerpt] = [e for source_id in content.sources for e in content.excerpts_in(source_id)]
    codes = list(content.countries)
    notes = [words.content_note_line(e) for e in rows]
    frame = pd.DataFrame(
        {
            "id": [e.id for e in rows],
            "text": [e.text for e in rows],
            "kind": [e.kind for e in rows],
            "speaker": [words.speaker_line(e, content.sources[e.source]) for e in rows],
            "source": [content.sources[e.source].short_title for e in rows],
            "countries": [
                ", ".join(content.countries[c].name for c in codes if c in e.countries) for e in rows
            ],
            "topic": [e.topic for e in rows],
            "content_note": [words.tags_phrase(e.content_note) for e in rows],
            "citation": [words.citation_line(e, content.sources[e.source]) for e in rows],
        },
        columns=list(COLUMNS),
        dtype="str",
    )
    names = pd.DataFrame({code: [code in e.countries for e in rows] for code in codes}, dtype=bool)
    return ExcerptTable(
        frame=frame,
        names=names,
        source_ids=pd.Series([e.source for e in rows], dtype="str"),
        haystack=pd.Series(
            [normalise(f"{e.text}\n{speaker}") for e, speaker in zip(rows, frame["speaker"], strict=True)],
            dtype="str",
        ),
        notes=pd.Series(notes, dtype="str"),
        folded=pd.Series([words.folded_cell(n) if n else "" for n in notes], dtype="str"),
        tags=pd.Series([e.content_note for e in rows], dtype=object),
        topics=tuple(dict.fromkeys(e.topic for e in rows)),
    )


# --- filters -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """What the reader asked for; empty fields filter nothing."""

    countries: tuple[str, ...] = ()  # ISO3 codes: rows naming any one of them
    source: str | None = None  # a source id
    kind: str | None = None  # "quote" or "summary"
    topic: str | None = None
    query: str = ""  # every word of it, in the text or the speaker

    def query_params(self) -> dict[str, str | list[str]]:
        """The filters as the address gives them (``?country=CHN&q=broker``), empty ones left out."""
        values = {
            "country": list(self.countries),
            "source": self.source or "",
            "kind": self.kind or "",
            "topic": self.topic or "",
            "q": self.query,
        }
        return {name: value for name, value in values.items() if value}


def filters_from_query(content: Content, table: ExcerptTable, query: Mapping[str, Sequence[str]]):
    """The filters a link asks for, from each parameter's values (``{"country": ["CHN"]}``), and a
    short plain sentence naming what it asked for that the atlas has not ("" when nothing).

    Codes and ids are read in any case; ``country`` may repeat or list codes with commas. A value
    the atlas has not is dropped, and so is all but the last of a repeated single-valued one.
    """
    dropped: list[tuple[str, str, list[str]]] = []

    def known(field: str, asked: str, allowed: Sequence[str]) -> str | None:
        value = asked.strip().lower()
        if value in allowed:
            return value
        if asked.strip():
            dropped.append((field, asked.strip(), list(allowed)))
        return None

    countries: list[str] = []
    for value in (v for values in query.get("country", ()) for v in values.split(",")):
        code = content.country_code(value)
        if code and code not in countries:
            countries.append(code)
        elif not code and value.strip():
            dropped.append(("country", value.strip(), list(content.countries)))

    def last(name: str) -> str:
        values = query.get(name) or [""]
        return values[-1]

    filters = Filters(
        countries=tuple(countries),
        source=known("source", last("source"), list(content.sources)),
        kind=known("kind", last("kind"), KINDS),
        topic=known("topic", last("topic"), table.topics),
        query=" ".join(last("q").split())[:MAX_QUERY],
    )
    return filters, words.unknown_filters(dropped) if dropped else ""


def matches(table: ExcerptTable, filters: Filters) -> pd.Series:
    """Which rows the filters keep, as one boolean Series (vectorised: no loop over rows)."""
    keep = pd.Series(True, index=table.frame.index)
    if filters.countries:
        keep &= table.names[list(filters.countries)].any(axis=1)
    if filters.source:
        keep &= table.source_ids == filters.source
    if filters.kind:
        keep &= table.frame["kind"] == filters.kind
    if filters.topic:
        keep &= table.frame["topic"] == filters.topic
    for word in normalise(filters.query).split():
        keep &= table.haystack.str.contains(word, regex=False)
    return keep


# --- what the page shows -----------------------------------------------------------------------


@dataclass(frozen=True)
class TableView:
    """The table under some filters and a content-note setting."""

    frame: pd.DataFrame  # the rows to show; under Ask a noted row's text is its note until picked
    rows: pd.DataFrame  # the same rows in full, for the CSV: a file cannot ask (as the handout)
    matched: tuple[str, ...]  # ids of every row the filters keep, left out ones too (for the PDF)
    count_line: str  # "Showing 4 of 32 excerpts."
    left_out_line: str  # "2 excerpts about … match but are left out (content notes: Hide)." or ""


def table_view(table: ExcerptTable, filters: Filters, setting: str) -> TableView:
    """The rows the filters keep, under the content-note setting ("ask", "show" or "hide")."""
    keep = matches(table, filters)
    noted = table.notes != ""
    hidden = keep & noted if setting == "hide" else pd.Series(False, index=keep.index)
    rows = table.frame[keep & ~hidden]
    frame = rows
    if setting == "ask":
        frame = rows.assign(text=rows["text"].where(~noted[rows.index], table.folded[rows.index]))
    left_out = int(hidden.sum())
    left_out_tags = [tag for tags in table.tags[hidden] for tag in tags]
    return TableView(
        frame=frame.reset_index(drop=True),
        rows=rows.reset_index(drop=True),
        matched=tuple(table.frame["id"][keep]),
        count_line=words.table_count(len(rows), table.total),
        left_out_line=words.table_left_out(left_out, left_out_tags) if left_out else "",
    )


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The rows as CSV in UTF-8 with a byte-order mark, so that spreadsheet programs read curly
    quotes and Korean correctly; CRLF line ends, as RFC 4180 has them, on every platform."""
    return frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


@dataclass(frozen=True)
class RowView:
    """A picked row: the excerpt as every page shows it, the line to copy, its countries."""

    excerpt: ExcerptView
    copy_line: str  # "“…” — Kim Seungeun, in “…”, interview by Kenji Yoshida, no date in the copy."
    countries: tuple[tuple[str, str], ...]  # (ISO3, name), for links to Explore


def row_view(content: Content, view: TableView, position: int | None) -> RowView | None:
    """The row at `position` in the view's table, opened; None when there is no such row (the
    filters have changed since the pick)."""
    if position is None or not 0 <= position < len(view.rows):
        return None
    row = view.rows.iloc[position]
    (excerpt,) = content.excerpts_by_id([row["id"]])
    return RowView(
        # Shown whatever the setting: picking a row whose note stood in its place is the reader's
        # choice to read it (a row Hide leaves out cannot be picked).
        excerpt=excerpt_view(content, excerpt, "show"),
        copy_line=words.copy_line(excerpt.text, excerpt.kind == "quote", row["citation"]),
        countries=tuple((c, content.countries[c].name) for c in content.countries if c in excerpt.countries),
    )


def chosen_line(content: Content, filters: Filters) -> str:
    """How the view's excerpts were chosen, in words, for the PDF of them."""
    return words.chosen_line(
        [content.countries[c].name for c in filters.countries],
        content.sources[filters.source].short_title if filters.source else None,
        filters.kind,
        filters.topic,
        filters.query,
    )
