"""Which characters the handout's font can print. The app shows any text the browser has a font
for; the PDF has only DejaVu Sans, which has no Hangul, so a Korean name would print as blanks.
`check` names each such line, so an editor knows before a class prints it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
FONT_NAME = "DejaVu Sans"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
SHOWN = 3  # characters named per line; the rest are counted


@cache
def printable() -> frozenset[int]:
    """Code points every style of the handout's font has a glyph for."""
    maps = [set(TTFont(FONTS_DIR / file, lazy=True).getBestCmap()) for file in FONT_FILES.values()]
    return frozenset(set.intersection(*maps))


def unprintable(text: str) -> list[str]:
    """The characters of `text` the handout cannot print, each once, in order."""
    have = printable()
    return list(dict.fromkeys(c for c in text if not c.isspace() and ord(c) not in have))


def gaps(path: Path, shown_as: str) -> list[str]:
    """One line per line of the file that holds a character the handout cannot print."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if line.lstrip().startswith("#") or not (missing := unprintable(line)):
            continue
        named = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing[:SHOWN])
        more = f" and {len(missing) - SHOWN} more" if len(missing) > SHOWN else ""
        found.append(
            f"{shown_as}, line {number}: the handout's font ({FONT_NAME}) has no {named}{more}; "
            "the PDF would print blanks there (the app shows them)"
        )
    return found
