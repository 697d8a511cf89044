"""The shape of each content record, as pydantic models (field-level checks only).

Checks that need more than one file (does a country exist, is a quote in its source) live in
`content.py`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .plain_text import text_problem

ROLES = ("origin", "transit", "destination")

# What to do with content-noted excerpts, for a whole lesson: ask first, show them, or leave them out.
NOTES_SETTINGS = ("ask", "show", "hide")

# Tag -> the words every surface uses for it ("Content note: torture and a child's death"), in the
# order they are listed. This is the one list: the sidebar, the cards, the handout and the README
# all build their sentences from it (words.tags_phrase).
CONTENT_NOTES = {
    "torture": "torture",
    "killing": "killing",
    "death": "death",
    "child-death": "a child's death",
    "captivity": "captivity (detention, forced labour, trafficking)",
}

# Parts of a source's own text that are credited by what they are, not as its narration.
PARTS = ("photo-caption",)

# A kiosk shows a step this long unless the step says otherwise; a long step stretches to a
# reading pace (route_atlas.display.READING_PACE).
DEFAULT_STEP_SECONDS = 20

Slug = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
NonEmpty = Field(min_length=1)


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _plain_text(cls, value):
        """Every text is plain words (route_atlas.plain_text says what that excludes, and why)."""
        for text in value if isinstance(value, tuple) else (value,):
            if isinstance(text, str) and (problem := text_problem(text)):
                raise ValueError(problem)
        return value


class Country(Record):
    iso3: str = Field(pattern=r"^[A-Z]{3}$")
    name: str = NonEmpty
    role: Literal[ROLES]
    description: str = NonEmpty
    sources: tuple[str, ...] = Field(min_length=1)
    # Other words that name the country in an excerpt ("Chinese", "the South"), ";"-separated.
    other_names: tuple[str, ...] = ()

    @field_validator("sources", mode="before")
    @classmethod
    def _split_words(cls, value):
        return tuple(value.split()) if isinstance(value, str) else value

    @field_validator("other_names", mode="before")
    @classmethod
    def _split_semicolons(cls, value):
        if isinstance(value, str):
            return tuple(name.strip() for name in value.split(";") if name.strip())
        return value

    @property
    def names(self) -> tuple[str, ...]:
        """Every word that names the country in an excerpt: its name first."""
        return (self.name, *self.other_names)


class Source(Record):
    id: str = Slug
    file: str = Field(pattern=r"^[^/\\]+\.txt$")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    short_title: str = NonEmpty
    title: str = NonEmpty
    publisher: str = ""
    author: str = ""
    interviewer: str = ""
    date: str = Field("", pattern=r"^(\d{4}-\d{2}-\d{2})?$")
    kim_spelling: str = NonEmpty
    # How an excerpt of the source's own words (no speaker) is credited: "Introduction", "Article text".
    own_text: str = NonEmpty
    speakers: tuple[str, ...] = ()
    inferred: tuple[Literal["title", "publisher", "author", "interviewer", "date"], ...] = ()
    notes: tuple[str, ...] = ()


class Excerpt(Record):
    id: str = Slug
    source: str = NonEmpty
    kind: Literal["quote", "summary"]
    text: str = NonEmpty
    anchor: str = ""
    countries: tuple[str, ...] = ()
    topic: str = Slug
    speaker: str = ""
    part: Literal[("", *PARTS)] = ""  # photo-caption: credited "Photo caption", not as narration
    content_note: tuple[Literal[tuple(CONTENT_NOTES)], ...] = ()

    @field_validator("content_note", mode="before")
    @classmethod
    def _split_commas(cls, value):
        if isinstance(value, str):
            return tuple(tag.strip() for tag in value.split(",") if tag.strip())
        return value

    @field_validator("countries", mode="before")
    @classmethod
    def _one_or_many(cls, value):
        return (value,) if isinstance(value, str) else value


class Link(Record):
    """A schematic link between two route countries' label points, drawn from a source's list.

    `list` is the id of a quote excerpt with one sentence naming `from` then `to` next to each
    other among the route countries it names (checked in `content.py`).
    """

    from_: str = Field(alias="from", min_length=1)
    to: str = NonEmpty
    list: str = NonEmpty


class Step(Record):
    """One step of the guided journey (data/journey.yaml)."""

    slug: str = Slug
    title: str = NonEmpty
    countries: tuple[str, ...] = ()
    excerpts: tuple[str, ...] = Field(min_length=1)
    links: tuple[Link, ...] = ()
    note: str = ""
    seconds: int = Field(DEFAULT_STEP_SECONDS, ge=3, le=600)  # how long a kiosk shows it, at least

    @field_validator("countries", "excerpts", mode="before")
    @classmethod
    def _one_or_many(cls, value):
        return (value,) if isinstance(value, str) else value

    @field_validator("countries", "links", "excerpts", mode="before")
    @classmethod
    def _nothing_is_empty(cls, value):
        return () if value is None else value


class Panel(Record):
    """A panel of excerpts chosen by hand (data/explore.yaml): Explore's opening panel."""

    panel: Literal["opening"]
    title: str = NonEmpty
    excerpts: tuple[str, ...] = Field(min_length=1)
