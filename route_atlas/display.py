"""How the atlas is being shown, as the address asks: a reader's screen, a projector or a kiosk.

The frame (app.py) reads the address once per visit into a `Display`; every page then follows it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from . import words
from .schema import NOTES_SETTINGS

LANGUAGES = ("en",)


@dataclass(frozen=True)
class Display:
    present: bool = False  # projector mode: large type, no sidebar or navigation (the Journey's)
    kiosk: bool = False  # an unattended screen: no controls at all
    notes: str | None = None  # a content-note setting the address asks for, if any
    lang: str = "en"
    notice: str = ""  # what the address asked for that does not exist, in a reader's words

    @property
    def bare(self) -> bool:
        """No sidebar and no navigation: a room or a foyer sees the content only."""
        return self.present or self.kiosk


def display_from(query: Mapping[str, str]) -> Display:
    """The display an address asks for, e.g. ``?present=1&notes=hide``; anything else is ignored.

    Only "1" switches projector or kiosk mode on, so a stray ``?present=yes`` changes nothing.
    """
    asked = query.get("notes") or ""
    notes = asked.strip().lower()
    lang = (query.get("lang") or "").strip().lower()
    return Display(
        present=query.get("present") == "1",
        kiosk=query.get("kiosk") == "1",
        notes=notes if notes in NOTES_SETTINGS else None,
        lang=lang if lang in LANGUAGES else "en",
        notice=words.no_such_notes_setting(asked) if notes and notes not in NOTES_SETTINGS else "",
    )
