"""How excerpts and sources are credited, in plain words."""

from __future__ import annotations

from .schema import CONTENT_NOTES, Excerpt, Source


def speaker_line(excerpt: Excerpt) -> str:
    """Who says it: the named speaker, or the article's own text."""
    return excerpt.speaker or "Article text"


def source_line(source: Source) -> str:
    """Short title, and the publisher where the copy itself names one."""
    named = source.publisher and "publisher" not in source.inferred
    return f"{source.short_title}, {source.publisher}" if named else source.short_title


def excerpts_phrase(n: int) -> str:
    """ "1 excerpt", "3 excerpts"."""
    return f"{n} excerpt" if n == 1 else f"{n} excerpts"


def content_note_line(excerpt: Excerpt) -> str:
    """E.g. "Content note: torture, death"; empty when the excerpt has no note."""
    if not excerpt.content_note:
        return ""
    return "Content note: " + ", ".join(CONTENT_NOTES[tag] for tag in excerpt.content_note)


def bibliography(source: Source) -> list[tuple[str, str]]:
    """The source's bibliographic fields as (label, value) pairs, saying what the copy lacks."""

    def given(field: str, value: str, missing: str) -> str:
        if not value:
            return missing
        return f"{value} (inferred, not stated in the copy)" if field in source.inferred else value

    return [
        ("Title", given("title", source.title, "not given in the copy")),
        ("Publisher", given("publisher", source.publisher, "not named in the copy")),
        ("Author", given("author", source.author, "not named in the copy")),
        ("Date", given("date", source.date, "not given in the copy")),
        ("Pastor Kim's name", f"spelled {source.kim_spelling} in this copy"),
        ("File", f"{source.file} (sha256 {source.sha256[:12]}…)"),
    ]
