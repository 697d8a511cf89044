"""The PDF handout: the guided journey on paper, with a vector country-level map.

`build_handout(content, notes)` returns the PDF's bytes. Everything in it comes from the same
checked content the app shows: quotations verbatim, summaries labelled, every excerpt credited,
and the map drawn from the whole-country polygons only (no towns, rivers, points or paths).
The same content and setting always give the same bytes.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from .atlas_map import (
    BOUNDS,
    CAPTION,
    NEIGHBOUR_COLOUR,
    ROLE_COLOURS,
    ROLE_LABELS,
    SCHEMATIC_CAPTION,
    SEA_COLOUR,
)
from .citations import bibliography, content_note_line, excerpts_phrase, source_line, speaker_line
from .content import Content
from .geography import largest_ring, polygons
from .journey import content_note_view, heading, sequence_sources, step_content_notes, step_excerpts
from .schema import CONTENT_NOTES, NOTES_SETTINGS, Excerpt

TITLE = "Escape Route Atlas"
FILM = "Beyond Utopia"
SUBTITLE = (
    f"A journey through the countries named in two published texts about {FILM} and Pastor Kim's rescue work"
)
FONTS_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"

# The PDF's creation date is the latest date a source gives, never the clock: the same content
# gives the same bytes. (The handout itself names no date of making.)
FALLBACK_DATE = datetime(2024, 1, 1, tzinfo=UTC)

_SETTING_WORDS = {
    "ask": (
        "Content notes: set to ask. A printed page cannot ask, so excerpts about {tags} are included: "
        "each step that holds them opens with a boxed warning naming what is coming, and each such "
        "excerpt is preceded by its content note."
    ),
    "show": (
        "Content notes: set to show. Excerpts about {tags} are included, each preceded by its content note."
    ),
    "hide": (
        "Content notes: set to hide. Excerpts about {tags} are left out of this handout; each step "
        "says how many were left out."
    ),
}

# Page layout, in millimetres (A4 portrait).
MARGIN = 18
BODY_SIZE = 10.5
INK = (17, 17, 17)
MUTED = (80, 80, 80)
LINK_COLOUR = (34, 34, 34)
NOTE_FILL = (255, 243, 224)
NOTE_INK = (150, 60, 0)
QUOTE_INDENT = 6


class HandoutFile(NamedTuple):
    data: bytes  # the PDF
    pages: int


def build_handout(content: Content, notes: str = "ask") -> bytes:
    """The handout as PDF bytes. `notes` is the content-note setting: "ask", "show" or "hide"."""
    return render_handout(content, notes).data


def render_handout(content: Content, notes: str = "ask") -> HandoutFile:
    """The handout and its page count (what the command line reports)."""
    if notes not in NOTES_SETTINGS:
        raise ValueError(f"notes must be one of {', '.join(NOTES_SETTINGS)}, got {notes!r}")
    pdf = _Handout(_content_date(content))
    steps = tuple(content.steps)
    _title_page(pdf, content, steps, notes)
    for index in range(len(steps)):
        _step_section(pdf, content, steps, index, notes)
    _sources_section(pdf, content)
    return HandoutFile(bytes(pdf.output()), pdf.pages_count)


def citation(content: Content, excerpt: Excerpt) -> str:
    """How the handout credits an excerpt: speaker, source and its number under Sources."""
    source = content.sources[excerpt.source]
    return f"— {speaker_line(excerpt)} · {source_line(source)} [{_source_number(content, source.id)}]"


# --- the document -------------------------------------------------------------------------


def _content_date(content: Content) -> datetime:
    dates = [source.date for source in content.sources.values() if source.date]
    return datetime.fromisoformat(max(dates)).replace(tzinfo=UTC) if dates else FALLBACK_DATE


class _Handout(FPDF):
    def __init__(self, date: datetime):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        for style, file in (
            ("", "DejaVuSans.ttf"),
            ("B", "DejaVuSans-Bold.ttf"),
            ("I", "DejaVuSans-Oblique.ttf"),
        ):
            self.add_font(FONT, style, str(FONTS_DIR / file))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN)
        self.set_creation_date(date)
        self.set_title(TITLE)
        self.set_subject(SUBTITLE)
        self.set_creator("Escape Route Atlas (python -m route_atlas handout)")
        self.set_lang("en")
        self.set_text_color(*INK)
        self.c_margin = 0  # text lines up with the map's left edge

    def footer(self):
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{TITLE} · page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(*INK)

    def text_block(self, text, size=BODY_SIZE, style="", indent=0.0, colour=INK, after=1.5, **kwargs):
        """A paragraph that wraps at spaces only (fpdf never hyphenates), left-aligned."""
        self.set_font(FONT, style, size)
        self.set_text_color(*colour)
        self.set_x(self.l_margin + indent)
        self.multi_cell(
            self.epw - indent,
            size * 0.5,
            text,
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
            **kwargs,
        )
        self.set_text_color(*INK)
        self.ln(after)

    def block_height(self, text, size=BODY_SIZE, style="", indent=0.0) -> float:
        """How tall `text_block` would make this text, without drawing it (0 for no text)."""
        if not text:
            return 0.0
        self.set_font(FONT, style, size)
        lines = self.multi_cell(self.epw - indent, size * 0.5, text, align="L", dry_run=True, output="LINES")
        return len(lines) * size * 0.5 + 1.5

    def keep_room(self, height: float) -> None:
        """Start a new page unless `height` millimetres are left above the bottom margin."""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()


def _title_page(pdf: _Handout, content: Content, steps, notes: str) -> None:
    pdf.add_page()
    pdf.text_block(TITLE, size=26, style="B", after=2)
    pdf.text_block(SUBTITLE.replace(FILM, f"__{FILM}__") + ".", size=13, after=3, markdown=True)
    tags = _tags_phrase(tuple(CONTENT_NOTES))
    pdf.text_block(_SETTING_WORDS[notes].format(tags=tags), size=9.5, colour=MUTED, after=4)
    links = [(link.from_, link.to) for step in steps for link in step.links]
    _draw_map(pdf, content, links, width=pdf.epw)
    pdf.ln(2)
    _legend(pdf, drawn_links=bool(links))
    pdf.text_block(SCHEMATIC_CAPTION, size=9, style="B", after=0.5)
    pdf.text_block(CAPTION, size=9, colour=MUTED, after=3)
    if steps:
        pdf.text_block(
            f"The journey in {len(steps)} steps: " + "; ".join(s.title for s in steps) + ".",
            size=9.5,
            after=1,
        )


def _step_section(pdf: _Handout, content: Content, steps, index: int, notes: str) -> None:
    step = steps[index]
    excerpts = step_excerpts(content, step)
    noted = [e for e in excerpts if e.content_note]
    # A printed page cannot ask: with Ask the excerpts print, after a boxed warning.
    shown = content_note_view(content, step, notes, "show").shown

    if index == 0:
        pdf.add_page()
        pdf.text_block(
            "How to read this handout: quotations are verbatim from the two sources and set in "
            "quotation marks; paraphrases are labelled Summary. Each excerpt names who says it and "
            "its source; the number in brackets refers to the Sources at the end. Notes in italics "
            "marked Our note are the atlas's own words, not the sources'.",
            size=9.5,
            colour=MUTED,
            after=4,
        )
    else:
        pdf.keep_room(70)
        pdf.ln(5)
    pdf.text_block(heading(steps, index), size=16, style="B", after=1)
    names = [content.countries[code].name for code in step.countries if code in content.countries]
    if names:
        pdf.text_block("Countries: " + ", ".join(names), style="B", colour=MUTED, after=1)
    if step.note:
        pdf.text_block(f"Our note: {step.note}", style="I", colour=MUTED)
    for sentence in sequence_sources(content, step):
        pdf.text_block(sentence, size=9.5, style="I", colour=MUTED)

    tags = _tags_phrase(step_content_notes(content, step), "and")
    if noted and notes == "ask":
        pdf.ln(1)
        pdf.set_fill_color(*NOTE_FILL)
        pdf.text_block(
            f"Content note: this step includes {excerpts_phrase(len(noted))} about {tags}. "
            "Each is marked below; skip them if you choose.",
            style="B",
            border=1,
            fill=True,
            padding=2,
            after=3,
        )
    if noted and notes == "hide":
        pdf.text_block(
            f"{excerpts_phrase(len(noted))} with a content note ({tags}) left out of this handout.",
            style="I",
            colour=MUTED,
        )

    for excerpt in shown:
        note = content_note_line(excerpt)
        body = f"“{excerpt.text}”" if excerpt.kind == "quote" else f"Summary: {excerpt.text}"
        credit = citation(content, excerpt)
        # Keep an excerpt, its note and its credit on one page when they fit on one (measured
        # only near the foot of a page: measuring wraps the text a second time).
        if pdf.page_break_trigger - pdf.get_y() < 80:
            needed = (
                pdf.block_height(note, size=9.5, style="B")
                + pdf.block_height(body, indent=QUOTE_INDENT)
                + pdf.block_height(credit, size=9, indent=QUOTE_INDENT)
            )
            if needed < pdf.eph - 10:
                pdf.keep_room(needed + 4)
        pdf.ln(1.5)
        if note:
            pdf.text_block(note, size=9.5, style="B", colour=NOTE_INK, after=0.5)
        pdf.text_block(body, indent=QUOTE_INDENT, after=0.5)
        pdf.text_block(credit, size=9, indent=QUOTE_INDENT, colour=MUTED)


def _sources_section(pdf: _Handout, content: Content) -> None:
    pdf.add_page()
    pdf.text_block("Sources", size=16, style="B", after=2)
    for number, source in enumerate(content.sources.values(), start=1):
        pdf.keep_room(40)
        pdf.text_block(f"[{number}] {source.short_title}", size=12, style="B", after=1)
        for label, value in bibliography(source):
            pdf.text_block(f"{label}: {value}", size=9.5, indent=6, after=0.5)
        for line in source.notes:
            pdf.text_block(line, size=9, indent=6, colour=MUTED, after=0.5)
        pdf.ln(3)
    spellings = [f"{s.kim_spelling} in the {s.short_title}" for s in content.sources.values()]
    pdf.text_block(
        "Pastor Kim's name is spelled " + " and ".join(spellings) + "; this handout quotes each "
        "source as it spells it.",
        after=6,
    )
    pdf.keep_room(30)
    pdf.text_block("About the map", size=12, style="B", after=1)
    pdf.text_block(SCHEMATIC_CAPTION, size=9.5, style="B", after=0.5)
    pdf.text_block(CAPTION, size=9.5)


def _tags_phrase(tags, last: str = "or") -> str:
    words = [CONTENT_NOTES[t] for t in tags]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {last} " + words[-1]


def _source_number(content: Content, source_id: str) -> int:
    return list(content.sources).index(source_id) + 1


# --- the map -------------------------------------------------------------------------------


def _mercator(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _draw_map(pdf: _Handout, content: Content, links, width: float) -> None:
    """Whole countries coloured by role inside the regional bounds, links as dashed lines."""
    west, east = BOUNDS["min_lon"], BOUNDS["max_lon"]
    top, bottom = _mercator(BOUNDS["max_lat"]), _mercator(BOUNDS["min_lat"])
    scale = width / math.radians(east - west)  # millimetres per radian
    height = (top - bottom) * scale
    x0, y0 = pdf.l_margin, pdf.get_y()

    def at(lon: float, lat: float) -> tuple[float, float]:
        return x0 + math.radians(lon - west) * scale, y0 + (top - _mercator(lat)) * scale

    features = content.boundaries["features"]
    route = content.countries
    points = content.label_points
    pdf.set_fill_color(*_rgb(SEA_COLOUR))
    pdf.rect(x0, y0, width, height, style="F")
    with pdf.rect_clip(x0, y0, width, height):
        pdf.set_draw_color(255, 255, 255)
        # Neighbours first, then the route countries over them.
        for feature in sorted(features, key=lambda f: f["properties"]["iso3"] in route):
            iso3 = feature["properties"]["iso3"]
            colour = ROLE_COLOURS[route[iso3].role] if iso3 in route else NEIGHBOUR_COLOUR
            pdf.set_fill_color(*_rgb(colour))
            pdf.set_line_width(0.3 if iso3 in route else 0.15)
            for polygon in polygons(feature["geometry"]):
                pdf.polygon([at(lon, lat) for lon, lat in polygon[0]], style="DF")
        pdf.set_draw_color(*LINK_COLOUR)
        pdf.set_line_width(0.45)
        pdf.set_dash_pattern(dash=1.6, gap=1.0)
        for a, b in dict.fromkeys(links):
            if a in points and b in points:
                pdf.line(*at(*points[a]), *at(*points[b]))
        pdf.set_dash_pattern()
        pdf.set_font(FONT, "B", 6)
        for feature in features:
            iso3 = feature["properties"]["iso3"]
            if iso3 in route:
                east = max(at(lon, lat)[0] for lon, lat in largest_ring(feature["geometry"]))
                _label(pdf, route[iso3].name, *at(*points[iso3]), east=east)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)
    pdf.rect(x0, y0, width, height)
    pdf.set_y(y0 + height)


def _label(pdf: _Handout, name: str, x: float, y: float, east: float) -> None:
    """A country's name on a small white box, centred on its label point.

    A country narrower than its name (the Koreas) is named just east of it instead, so that the
    box does not hide it.
    """
    w, h = pdf.get_string_width(name) + 1.6, 3.2
    if w > 2 * (east - x) * 0.8:
        x = east + 0.6 + w / 2
    with pdf.local_context(fill_opacity=0.85):
        pdf.set_fill_color(255, 255, 255)
        pdf.rect(x - w / 2, y - h / 2, w, h, style="F")
    pdf.set_text_color(*INK)
    pdf.text(x - w / 2 + 0.8, y + 1.05, name)


def _legend(pdf: _Handout, drawn_links: bool) -> None:
    rows = [(ROLE_COLOURS[r], ROLE_LABELS[r] + " country") for r in ROLE_COLOURS]
    rows.append((NEIGHBOUR_COLOUR, "Neighbour (not a route country)"))
    pdf.set_font(FONT, "", 8.5)
    x, y = pdf.l_margin, pdf.get_y() + 1
    for colour, label in rows:
        pdf.set_fill_color(*_rgb(colour))
        pdf.rect(x, y, 3.5, 3.5, style="F")
        pdf.text(x + 5, y + 3, label)
        x += 5 + pdf.get_string_width(label) + 6
    if drawn_links:
        x, y = pdf.l_margin, y + 5.5
        pdf.set_draw_color(*LINK_COLOUR)
        pdf.set_line_width(0.45)
        pdf.set_dash_pattern(dash=1.6, gap=1.0)
        pdf.line(x, y + 1.75, x + 8, y + 1.75)
        pdf.set_dash_pattern()
        pdf.text(x + 10, y + 3, "Countries named in sequence in a source (schematic link)")
    pdf.set_xy(pdf.l_margin, y + 6)


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))
