"""The PDF handout: the guided journey on paper, with a vector country-level map.

`build_handout(content, notes)` returns the PDF's bytes; `build_excerpts_handout` does the same
for a chosen list of excerpts (the Excerpts page's view). Everything in it comes from the same
checked content the app shows: quotations verbatim, summaries labelled, every excerpt credited,
and the map drawn from the whole-country polygons only (no towns, rivers, points or paths).
Each excerpt is printed in full once, in the first step that shows it; a later step gives its
first words and the step that quotes it. The same content and setting always give the same bytes:
the PDF carries no date of making unless SOURCE_DATE_EPOCH names one (reproducible builds).
"""

from __future__ import annotations

import math
import os
from datetime import UTC, datetime
from typing import NamedTuple

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.output import OutputProducer

from . import words
from .content import Content
from .geography import largest_ring, polygons
from .glyphs import FONT_FILES, FONTS_DIR
from .look import (
    BOUNDS,
    CAPTION,
    LINK_LEGEND,
    NEIGHBOUR_COLOUR,
    ROLE_COLOURS,
    ROLE_LABELS,
    SCHEMATIC_CAPTION,
    SEA_COLOUR,
)
from .present import (
    LEFT_OUT,
    ExcerptView,
    StepView,
    excerpt_view,
    source_views,
    spellings_line,
    step_titles,
    step_view,
)
from .schema import NOTES_SETTINGS

TITLE = "Escape Route Atlas"
FILM = "Beyond Utopia"
SUBTITLE = (
    f"A journey through the countries named in two published texts about {FILM} and Pastor Kim's rescue work"
)
FONT = "DejaVu"

# A PDF's creation date is when it was made. To keep builds byte-for-byte reproducible the
# handout takes it from SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/)
# and otherwise carries none: no clock is read, so the same content gives the same bytes.
SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"

# Page layout, in millimetres (A4 portrait); type sizes in points. Every word that carries
# information is at least SMALL_SIZE and in INK, so that it survives a photocopier; only the
# page number (FOOTER_SIZE) and the country names drawn on the map (LABEL_SIZE) are smaller.
MARGIN = 18
BODY_SIZE = 10.5
SMALL_SIZE = 9.5  # notes, credits, content-note lines, the list sentences, the setting sentence
MIN_SIZE = 9  # captions and the legend: the smallest text apart from the two below
FOOTER_SIZE = 8
LABEL_SIZE = 7
INK = (17, 17, 17)
LINK_COLOUR = (34, 34, 34)
NOTE_FILL = (255, 243, 224)
QUOTE_INDENT = 6
# How many words of an excerpt a later step repeats when it refers to the step quoting it in full.
OPENING_WORDS = 6


class HandoutFile(NamedTuple):
    data: bytes  # the PDF
    pages: int


def build_handout(content: Content, notes: str = "ask") -> bytes:
    """The handout as PDF bytes. `notes` is the content-note setting: "ask", "show" or "hide"."""
    return render_handout(content, notes).data


def render_handout(content: Content, notes: str = "ask") -> HandoutFile:
    """The handout and its page count (what the command line reports)."""
    _check_setting(notes)
    pdf = _Handout(creation_date())
    # A printed page cannot ask: with Ask the noted excerpts print, after a boxed warning.
    views = [step_view(content, index, notes, "show") for index in range(len(content.steps))]
    first = first_printed(views)
    _title_page(pdf, content, notes)
    for view in views:
        _step_section(pdf, content, view, notes, first)
    _sources_section(pdf, content)
    return pdf.made()


def build_excerpts_handout(content: Content, excerpt_ids, notes: str = "ask", chosen: str = "") -> bytes:
    """A handout of just these excerpts, in the order given, each in full with its citation, then
    the Sources. `notes` is the content-note setting; `chosen` says how they were chosen."""
    return render_excerpts_handout(content, excerpt_ids, notes, chosen).data


def render_excerpts_handout(
    content: Content, excerpt_ids, notes: str = "ask", chosen: str = ""
) -> HandoutFile:
    """The handout of chosen excerpts and its page count."""
    _check_setting(notes)
    pdf = _Handout(creation_date())
    views = [excerpt_view(content, e, notes) for e in content.excerpts_by_id(excerpt_ids)]
    # A printed page cannot ask: with Ask the noted excerpts print, after a boxed warning.
    shown = [v for v in views if v.state != LEFT_OUT]
    left_out = [v for v in views if v.state == LEFT_OUT]
    noted = [v for v in shown if v.note]
    pdf.add_page()
    pdf.text_block(TITLE, size=26, style="B", after=2)
    subtitle = words.excerpts_subtitle(len(shown)).replace(FILM, f"__{FILM}__")
    pdf.text_block(subtitle + ".", size=13, after=3, markdown=True)
    if chosen:
        pdf.text_block(chosen, size=SMALL_SIZE, after=1)
    pdf.text_block(words.handout_setting(notes, journey=False), size=SMALL_SIZE, after=1)
    pdf.text_block(words.EXCERPTS_HOW_TO_READ, size=SMALL_SIZE, after=3)
    if left_out:
        tags = [tag for v in left_out for tag in v.tags]
        pdf.text_block(words.handout_left_out(len(left_out), tags), style="I")
    if noted and notes == "ask":
        _warning(pdf, words.excerpts_warning(len(noted), [tag for v in noted for tag in v.tags]))
    for view in shown:
        _full_excerpt(pdf, content, view)
    _sources_section(pdf, content, about_map=False)
    return pdf.made()


def citation(content: Content, view: ExcerptView) -> str:
    """How the handout credits an excerpt: speaker, source and its number under Sources."""
    return f"— {view.credit} [{_source_number(content, view.source_id)}]"


def first_printed(views: list[StepView]) -> dict[str, int]:
    """Excerpt id -> the number (1-based) of the step that prints it in full.

    An excerpt a setting leaves out (hide) is printed nowhere, so it has no number here and no
    later step may say it is quoted.
    """
    first: dict[str, int] = {}
    for view in views:
        for excerpt in view.shown:
            first.setdefault(excerpt.id, view.index + 1)
    return first


def opening(text: str, count: int = OPENING_WORDS) -> str:
    """The first few words of a text and an ellipsis: "Defectors often undertake…".

    It stops early at the end of a first sentence of three words or more ("But travel routes
    vary…"), and is always shorter than the text, so it never reprints a short excerpt whole.
    """
    parts = text.split()
    kept: list[str] = []
    for word in parts[: max(1, min(count, len(parts) - 1))]:
        kept.append(word)
        if len(kept) >= 3 and word.endswith((".", "!", "?")):
            break
    return " ".join(kept).rstrip(",;:.!?—–-…") + "…"


def reference(content: Content, view: ExcerptView, step_number: int, count: int = OPENING_WORDS) -> str:
    """The line standing for an excerpt printed in full in another step: its first words, a short
    credit and that step, e.g. “Defectors often undertake…” (Article text [2]; quoted in full in
    step 4)."""
    credit = f"{view.speaker} [{_source_number(content, view.source_id)}]"
    return words.quoted_elsewhere(opening(view.text, count), credit, step_number, view.quote)


def list_sentences(content: Content, view: StepView, notes: str, first: dict[str, int]) -> list[str]:
    """The step's sentences saying which source list each line follows, pointing to the excerpt
    instead of quoting its sentence again where the handout prints it.

    Printed in this step: its first words, "quoted below". Printed in another step: that step,
    and the first words too unless this step refers to the excerpt itself a few lines on.
    """
    by_id = {e.id: e for e in content.excerpts}
    number = view.index + 1
    here = {e.id for e in view.shown}
    out = []
    for listed in view.lists:
        excerpt = by_id[listed.list_id]
        start = "" if " ".join(excerpt.text.split()).startswith(listed.sentence) else "…"
        first_words = start + opening(listed.sentence)
        at = first.get(listed.list_id)
        if at is None and excerpt.content_note and notes == "hide":
            out.append(words.list_pointer(listed.lead, "", False, None, excerpt.content_note))
        elif at is None:
            out.append(listed.line)
        else:
            shown_here = at == number
            point = "" if (listed.list_id in here and not shown_here) else first_words
            out.append(words.list_pointer(listed.lead, point, shown_here, at))
    return out


def _check_setting(notes: str) -> None:
    if notes not in NOTES_SETTINGS:
        raise ValueError(f"notes must be one of {', '.join(NOTES_SETTINGS)}, got {notes!r}")


def creation_date() -> datetime | None:
    """The date SOURCE_DATE_EPOCH names (seconds since 1970, UTC), or None when it is not set."""
    value = os.environ.get(SOURCE_DATE_EPOCH, "").strip()
    if not value:
        return None
    try:
        return datetime.fromtimestamp(int(value), UTC)
    except (ValueError, OverflowError, OSError) as error:
        raise ValueError(f"{SOURCE_DATE_EPOCH} must be a whole number of seconds, got {value!r}") from error


# --- the document -------------------------------------------------------------------------


class _Producer(OutputProducer):
    """fpdf2's writer, leaving /CreationDate out of the document information when there is none.

    fpdf2 2.8.9 always writes one (the clock's, by default) and has no switch to omit it; an
    entry set to None is left out of the dictionary. (Its /ID hashes the file and the date, so
    with no date it too depends on the content alone; it writes no /ModDate and, without a
    compliance profile, no XMP metadata.)
    """

    def _add_info(self):
        info = super()._add_info()
        if self.fpdf.creation_date is None:
            info.creation_date = None
        return info


class _Handout(FPDF):
    def __init__(self, date: datetime | None):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        for style, file in FONT_FILES.items():
            self.add_font(FONT, style, str(FONTS_DIR / file))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN)
        if date is None:
            self.creation_date = None  # not the clock's: see _Producer
        else:
            self.set_creation_date(date)
        self.set_title(TITLE)
        self.set_subject(SUBTITLE)
        self.set_creator("Escape Route Atlas (python -m route_atlas handout)")
        self.set_lang("en")
        self.set_text_color(*INK)
        self.c_margin = 0  # text lines up with the map's left edge

    def footer(self):
        self.set_y(-12)
        self.set_font(FONT, "", FOOTER_SIZE)
        self.set_text_color(*INK)
        self.cell(0, 5, f"{TITLE} · page {self.page_no()} of {{nb}}", align="C")

    def text_block(self, text, size=BODY_SIZE, style="", indent=0.0, after=1.5, **kwargs):
        """A paragraph that wraps at spaces only (fpdf never hyphenates), left-aligned, in INK."""
        self.set_font(FONT, style, size)
        self.set_text_color(*INK)
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

    def made(self) -> HandoutFile:
        return HandoutFile(bytes(self.output(output_producer_class=_Producer)), self.pages_count)


def _title_page(pdf: _Handout, content: Content, notes: str) -> None:
    pdf.add_page()
    pdf.text_block(TITLE, size=26, style="B", after=2)
    pdf.text_block(SUBTITLE.replace(FILM, f"__{FILM}__") + ".", size=13, after=3, markdown=True)
    pdf.text_block(words.handout_setting(notes), size=SMALL_SIZE, after=4)
    links = [(link.from_, link.to) for step in content.steps for link in step.links]
    _draw_map(pdf, content, links, width=pdf.epw)
    pdf.ln(2)
    _legend(pdf, drawn_links=bool(links))
    pdf.text_block(SCHEMATIC_CAPTION, size=MIN_SIZE, style="B", after=0.5)
    pdf.text_block(CAPTION, size=MIN_SIZE, after=3)
    if content.steps:
        pdf.text_block(words.journey_in_steps(step_titles(content)), size=SMALL_SIZE, after=1)


def _step_section(pdf: _Handout, content: Content, view: StepView, notes: str, first) -> None:
    number = view.index + 1
    noted = [e for e in (*view.shown, *view.left_out) if e.note]
    noted_tags = [tag for e in noted for tag in e.tags]

    if view.index == 0:
        pdf.add_page()
        pdf.text_block(words.HOW_TO_READ, size=SMALL_SIZE, after=4)
    else:
        pdf.keep_room(70)
        pdf.ln(5)
    pdf.text_block(view.heading, size=16, style="B", after=1)
    if view.countries_line:
        pdf.text_block(view.countries_line, style="B", after=1)
    if view.note:
        pdf.text_block(f"{words.OUR_NOTE} {view.note}", style="I")
    for sentence in list_sentences(content, view, notes, first):
        pdf.text_block(sentence, size=SMALL_SIZE, style="I")

    if noted and notes == "ask":
        _warning(pdf, words.handout_warning(len(noted), noted_tags))
    if view.left_out:
        left_out_tags = [tag for e in view.left_out for tag in e.tags]
        pdf.text_block(words.handout_left_out(len(view.left_out), left_out_tags), style="I")

    for excerpt in view.shown:
        note = excerpt.note
        if first[excerpt.id] < number:  # printed in full in an earlier step: one line here
            pdf.ln(1.5)
            if note:
                pdf.keep_room(pdf.block_height(note, size=SMALL_SIZE, style="B") + 12)
                pdf.text_block(note, size=SMALL_SIZE, style="B", after=0.5)
            pdf.text_block(_one_line_reference(pdf, content, excerpt, first[excerpt.id]), indent=QUOTE_INDENT)
            continue
        _full_excerpt(pdf, content, excerpt)


def _warning(pdf: _Handout, sentence: str) -> None:
    """A boxed content-note warning, before the excerpts it names."""
    pdf.ln(1)
    pdf.set_fill_color(*NOTE_FILL)
    pdf.text_block(sentence, style="B", border=1, fill=True, padding=2, after=3)


def _full_excerpt(pdf: _Handout, content: Content, excerpt: ExcerptView) -> None:
    """An excerpt in full: its content note, the quotation or summary, and its citation."""
    note = excerpt.note
    body = f"“{excerpt.text}”" if excerpt.quote else f"Summary: {excerpt.text}"
    credit = citation(content, excerpt)
    # Keep an excerpt, its note and its credit on one page when they fit on one (measured
    # only near the foot of a page: measuring wraps the text a second time).
    if pdf.page_break_trigger - pdf.get_y() < 80:
        needed = (
            pdf.block_height(note, size=SMALL_SIZE, style="B")
            + pdf.block_height(body, indent=QUOTE_INDENT)
            + pdf.block_height(credit, size=SMALL_SIZE, indent=QUOTE_INDENT)
        )
        if needed < pdf.eph - 10:
            pdf.keep_room(needed + 4)
    pdf.ln(1.5)
    if note:
        pdf.text_block(note, size=SMALL_SIZE, style="B", after=0.5)
    pdf.text_block(body, indent=QUOTE_INDENT, after=0.5)
    pdf.text_block(credit, size=SMALL_SIZE, indent=QUOTE_INDENT)


def _one_line_reference(pdf: _Handout, content: Content, excerpt: ExcerptView, step_number: int) -> str:
    """The reference, with as many of the first words (down to three) as fit on one line."""
    pdf.set_font(FONT, "", BODY_SIZE)
    width = pdf.epw - QUOTE_INDENT
    for count in range(OPENING_WORDS, 3, -1):
        line = reference(content, excerpt, step_number, count)
        if pdf.get_string_width(line) <= width:
            return line
    return reference(content, excerpt, step_number, 3)


def _sources_section(pdf: _Handout, content: Content, about_map: bool = True) -> None:
    """What each copy gives for finding the original: title, publisher, author, date; and what
    the map shows, where the handout has one."""
    pdf.add_page()
    pdf.text_block("Sources", size=16, style="B", after=2)
    for number, source in enumerate(source_views(content, "hide", for_print=True), start=1):
        pdf.keep_room(40)
        pdf.text_block(f"[{number}] {source.heading}", size=12, style="B", after=1)
        for label, value in source.fields:
            pdf.text_block(f"{label}: {value}", size=SMALL_SIZE, indent=6, after=0.5)
        for line in source.notes:
            pdf.text_block(line, size=SMALL_SIZE, indent=6, after=0.5)
        pdf.ln(3)
    pdf.text_block(spellings_line(content), after=6)
    if not about_map:
        return
    pdf.keep_room(30)
    pdf.text_block("About the map", size=12, style="B", after=1)
    pdf.text_block(SCHEMATIC_CAPTION, size=SMALL_SIZE, style="B", after=0.5)
    pdf.text_block(CAPTION, size=SMALL_SIZE)


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
        pdf.set_font(FONT, "B", LABEL_SIZE)
        labels = []
        for feature in features:
            iso3 = feature["properties"]["iso3"]
            if iso3 in route:
                east = max(at(lon, lat)[0] for lon, lat in largest_ring(feature["geometry"]))
                labels.append((route[iso3].name, *at(*points[iso3]), east))
        # The names with least room east of their point first: they have the fewest places to go.
        labels.sort(key=lambda label: (label[3] - label[1] - pdf.get_string_width(label[0]) / 2, label[0]))
        placed: list[tuple[float, float, float, float]] = []
        for name, x, y, east in labels:
            placed.append(_label(pdf, name, x, y, east=east, placed=placed))
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)
    pdf.rect(x0, y0, width, height)
    pdf.set_y(y0 + height)


def _label(pdf: _Handout, name: str, x: float, y: float, east: float, placed=()) -> tuple:
    """A country's name on a small white box, centred on its label point; returns the box.

    A name that would reach past the country's east edge (the Koreas, Vietnam) is written just
    east of it instead, so that the box does not hide it. A box that would touch one already
    `placed` (x, y, w, h) goes to the other of those two places, or just below or above its
    point, whichever is free first.
    """
    w, h = pdf.get_string_width(name) + 1.6, LABEL_SIZE * 0.53
    centred, beside = x, east + 0.6 + w / 2
    first, second = (beside, centred) if w > 2 * (east - x) else (centred, beside)
    step = h + 0.4
    candidates = [(first, y), (second, y), *((centred, y + k * step) for k in (1, -1, 2, -2))]

    def free(cx: float, cy: float) -> bool:
        return all(
            abs(cx - px) * 2 >= w + pw + 0.6 or abs(cy - py) * 2 >= h + ph + 0.6 for px, py, pw, ph in placed
        )

    x, y = next((c for c in candidates if free(*c)), candidates[0])
    with pdf.local_context(fill_opacity=0.85):
        pdf.set_fill_color(255, 255, 255)
        pdf.rect(x - w / 2, y - h / 2, w, h, style="F")
    pdf.set_text_color(*INK)
    pdf.text(x - w / 2 + 0.8, y + LABEL_SIZE * 0.175, name)
    return x, y, w, h


def _legend(pdf: _Handout, drawn_links: bool) -> None:
    rows = [(ROLE_COLOURS[r], ROLE_LABELS[r] + " country") for r in ROLE_COLOURS]
    rows.append((NEIGHBOUR_COLOUR, "Neighbour (not a route country)"))
    pdf.set_font(FONT, "", MIN_SIZE)
    pdf.set_text_color(*INK)
    x, y = pdf.l_margin, pdf.get_y() + 1
    for colour, label in rows:
        if x > pdf.l_margin and x + 5 + pdf.get_string_width(label) > pdf.l_margin + pdf.epw:
            x, y = pdf.l_margin, y + 5.5  # the next row: a key never runs off the page
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
        pdf.text(x + 10, y + 3, LINK_LEGEND)
    pdf.set_xy(pdf.l_margin, y + 6)


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))
