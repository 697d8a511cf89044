"""How the atlas is being shown, as the address asks: a reader's screen, a projector or a kiosk.

The frame (app.py) reads the address once per visit into a `Display`; every page then follows it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from . import words
from .schema import NOTES_SETTINGS

LANGUAGES = ("en",)

# The kiosk's reading pace: words a second of a step's text, so a long step is shown long enough
# to read (about 180 words a minute, slow, for a foyer) unless ?seconds= sets every step's time.
READING_PACE = 3
SECONDS_RANGE, IDLE_RANGE, DEFAULT_IDLE = (1, 3600), (3, 3600), 60


@dataclass(frozen=True)
class Display:
    present: bool = False  # projector mode: large type, no sidebar or navigation (the Journey's)
    kiosk: bool = False  # an unattended screen: no controls at all
    notes: str | None = None  # a content-note setting the address asks for, if any
    lang: str = "en"
    notice: str = ""  # what the address asked for that does not exist, in a reader's words
    seconds: int | None = None  # a kiosk: every step's time (?seconds=), or None for each step's own
    idle: int = DEFAULT_IDLE  # a kiosk: seconds without input before the tour resumes (?idle=)
    problems: tuple[str, ...] = ()  # a kiosk's bad parameters, for the server's log, never its screen

    @property
    def bare(self) -> bool:
        """No sidebar and no navigation: a room or a foyer sees the content only."""
        return self.present or self.kiosk


def display_from(query: Mapping[str, str]) -> Display:
    """The display an address asks for, e.g. ``?present=1&notes=hide``; anything else is ignored.

    Only "1" switches projector or kiosk mode on, so a stray ``?present=yes`` changes nothing.
    A kiosk (``?kiosk=1&seconds=20&idle=60&notes=show``) leaves content-noted excerpts out unless
    the address says show, since no one is there to answer a card; its bad parameters fall back
    to the defaults and are named in `problems`, for the log: a venue's screen shows no messages.
    """
    asked = query.get("notes") or ""
    notes = asked.strip().lower()
    known = notes in NOTES_SETTINGS
    lang = (query.get("lang") or "").strip().lower()
    kiosk = query.get("kiosk") == "1"
    if not kiosk:
        return Display(
            present=query.get("present") == "1",
            notes=notes if known else None,
            lang=lang if lang in LANGUAGES else "en",
            notice=words.no_such_notes_setting(asked) if notes and not known else "",
        )
    problems = []
    seconds = _whole_number(query, "seconds", SECONDS_RANGE, None, problems)
    idle = _whole_number(query, "idle", IDLE_RANGE, DEFAULT_IDLE, problems)
    if "notes" in query and not known:
        problems.append(f"kiosk: notes={asked!r} is not ask, show or hide; using hide")
    return Display(
        kiosk=True,
        notes="show" if notes == "show" else "hide",
        lang=lang if lang in LANGUAGES else "en",
        seconds=seconds,
        idle=idle,
        problems=tuple(problems),
    )


def _whole_number(query, name, limits, default, problems) -> int | None:
    if name not in query:
        return default
    text, (low, high) = (query.get(name) or "").strip(), limits
    fallback = "each step's own time" if default is None else str(default)
    if not (text.isascii() and text.isdigit() and len(text) <= 6 and low <= int(text) <= high):
        problems.append(
            f"kiosk: {name}={text[:20]!r} is not a whole number from {low} to {high}; using {fallback}"
        )
        return default
    return int(text)
