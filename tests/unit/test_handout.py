"""The PDF handout: every quotation and credit of the journey in it verbatim, notes honoured,
the map drawn as vector country polygons, and the same content always giving the same bytes."""

import io
import re
import time

import pypdf
import pytest

from route_atlas.atlas_map import CAPTION, SCHEMATIC_CAPTION
from route_atlas.citations import bibliography, content_note_line, source_line, speaker_line
from route_atlas.handout import (
    build_handout,
    citation,
    render_handout,
)
from route_atlas.journey import heading, sequence_sources, step_content_notes, step_excerpts
from route_atlas.schema import CONTENT_NOTES


def flat(text: str) -> str:
    """Text with every run of white space as one space: extraction breaks lines where it likes."""
    return " ".join(text.split())


class Made:
    def __init__(self, data: bytes, seconds: float, pages: int):
        self.data = data
        self.seconds = seconds
        self.page_count = pages
        self.reader = pypdf.PdfReader(io.BytesIO(data))
        self.pages = [flat(page.extract_text()) for page in self.reader.pages]
        self.text = " ".join(self.pages)


@pytest.fixture(scope="module")
def made(atlas):
    """The handout for each content-note setting, built once, with its text and build time."""
    handouts = {}
    for notes in ("ask", "show", "hide"):
        start = time.perf_counter()
        rendered = render_handout(atlas, notes)
        handouts[notes] = Made(rendered.data, time.perf_counter() - start, rendered.pages)
    return handouts


def journey_excerpts(atlas):
    return [excerpt for step in atlas.steps for excerpt in step_excerpts(atlas, step)]


def test_the_journey_is_the_shipped_one(atlas):
    assert len(atlas.steps) >= 8
    assert any(excerpt.content_note for excerpt in journey_excerpts(atlas))


@pytest.mark.parametrize("notes", ["ask", "show"])
def test_every_quotation_and_citation_of_every_step_is_in_it_verbatim(atlas, made, notes):
    text = made[notes].text
    for excerpt in journey_excerpts(atlas):
        assert flat(excerpt.text) in text, excerpt.id
        credit = citation(atlas, excerpt)
        assert flat(credit) in text, excerpt.id
        source = atlas.sources[excerpt.source]
        assert f"{speaker_line(excerpt)} · {source_line(source)}" in credit
    quotes = [e for e in journey_excerpts(atlas) if e.kind == "quote"]
    summaries = [e for e in journey_excerpts(atlas) if e.kind == "summary"]
    for excerpt in quotes:
        assert flat(f"“{excerpt.text}”") in text, f"{excerpt.id} is not in quotation marks"
    for excerpt in summaries:
        assert flat(f"Summary: {excerpt.text}") in text, f"{excerpt.id} is not labelled Summary"


def test_each_step_has_its_heading_countries_note_and_list_sentences(atlas, made):
    text = made["show"].text
    headings = [heading(atlas.steps, i) for i in range(len(atlas.steps))]
    positions = [text.index(flat(h)) for h in headings]
    assert positions == sorted(positions), "steps are in journey order"
    for step in atlas.steps:
        if step.countries:
            names = ", ".join(atlas.countries[code].name for code in step.countries)
            assert f"Countries: {names}" in text
        if step.note:
            assert flat(step.note) in text
        for sentence in sequence_sources(atlas, step):
            assert flat(sentence) in text


def test_the_country_level_caption_is_under_the_map_and_at_the_end(made):
    for handout in made.values():
        first, last = handout.pages[0], handout.pages[-1]
        for caption in (SCHEMATIC_CAPTION, CAPTION):
            assert flat(caption) in first
            assert flat(caption) in last
    assert SCHEMATIC_CAPTION == (
        "Schematic: countries named in the interviews; lines do not show paths or crossing points."
    )


def test_both_bibliographic_entries_and_both_spellings_of_kims_name(atlas, made):
    text = made["ask"].text
    for number, source in enumerate(atlas.sources.values(), start=1):
        assert f"[{number}] {source.short_title}" in text
        for label, value in bibliography(source):
            assert flat(f"{label}: {value}") in text
    assert "Kim Seungeun" in text and "Kim Seongeun" in text


def test_the_title_page_names_the_setting_used(made):
    for notes, handout in made.items():
        assert handout.pages[0].startswith("Escape Route Atlas A journey through the countries named")
        assert f"Content notes: set to {notes}." in handout.pages[0]


def test_hide_leaves_out_exactly_the_content_noted_excerpts_and_says_so(atlas, made):
    text = made["hide"].text
    steps_text = " ".join(made["hide"].pages[1:])
    for excerpt in journey_excerpts(atlas):
        if excerpt.content_note:
            assert flat(excerpt.text) not in text, excerpt.id
        else:
            assert flat(excerpt.text) in text, excerpt.id
    assert "Content note:" not in text
    said = 0
    for step in atlas.steps:
        noted = [e for e in step_excerpts(atlas, step) if e.content_note]
        if noted:
            count = f"{len(noted)} excerpt" + ("s" if len(noted) > 1 else "")
            start = steps_text.index(flat(heading(atlas.steps, atlas.steps.index(step))))
            sentence = steps_text[steps_text.index(f"{count} with a content note (", start) :]
            sentence = sentence[: sentence.index("left out of this handout.")]
            for tag in step_content_notes(atlas, step):
                assert CONTENT_NOTES[tag] in sentence, (step.slug, tag)
            said += 1
    assert steps_text.count("left out of this handout.") == said > 0


@pytest.mark.parametrize("notes", ["ask", "show"])
def test_show_and_ask_print_each_content_note_right_before_its_excerpt(atlas, made, notes):
    text = made[notes].text
    noted = [e for e in journey_excerpts(atlas) if e.content_note]
    assert noted
    for excerpt in noted:
        opening = "“" if excerpt.kind == "quote" else "Summary: "
        assert flat(f"{content_note_line(excerpt)} {opening}{excerpt.text}") in text, excerpt.id


def test_ask_opens_each_step_with_content_notes_with_a_warning_and_show_does_not(atlas, made):
    warned = [s for s in atlas.steps if step_content_notes(atlas, s)]
    ask, show = made["ask"].text, made["show"].text
    assert ask.count("Content note: this step includes") == len(warned)
    assert "Content note: this step includes" not in show
    for step in warned:
        start = ask.index(flat(heading(atlas.steps, atlas.steps.index(step))))
        warning = ask.index("Content note: this step includes", start)
        first_excerpt = ask.index(flat(step_excerpts(atlas, step)[0].text), start)
        assert warning < first_excerpt
        for tag in step_content_notes(atlas, step):
            assert CONTENT_NOTES[tag] in ask[warning : warning + 200]


def test_the_map_is_vector_polygons_with_no_image(made):
    for handout in made.values():
        page = handout.reader.pages[0]
        stream = page.get_contents().get_data().decode("latin-1")
        # Path construction (m, l, re) and painting (f, B, S) operators: the polygons and lines.
        assert len(re.findall(r" l\n", stream)) > 1000
        assert re.search(r" m\n", stream) and re.search(r"\bre\b", stream)
        assert len(re.findall(r"\s[Bf]\n", stream)) > 20, "filled country polygons"
        assert re.search(r" l S\n", stream), "stroked lines"
        assert re.search(r"\[[\d.]+ [\d.]+\] [\d.]+ d", stream), "dashed schematic links"
        for each in handout.reader.pages:
            xobjects = each["/Resources"].get("/XObject", {})
            assert not xobjects, "no image, no embedded picture of a map"


def test_the_map_names_nothing_but_countries(atlas, made):
    first = made["ask"].pages[0]
    for place in ("Tumen", "Changbai", "Namyang", "Seoul", "Yanji"):
        assert place not in first
    for country in atlas.countries.values():
        assert country.name in first


def test_the_font_is_embedded(made):
    data = made["ask"].data
    assert b"/FontFile2" in data and b"DejaVuSans" in data


def test_the_same_content_gives_the_same_bytes(atlas, made):
    assert build_handout(atlas, "ask") == made["ask"].data
    assert build_handout(atlas) == made["ask"].data, "ask is the default"
    assert len({handout.data for handout in made.values()}) == 3
    # Not the clock: the latest date a source gives (the article's).
    assert b"/CreationDate (D:20240131000000Z)" in made["ask"].data


def test_a_handout_builds_well_under_a_second(made):
    # Typically about 0.2 s each; the bound leaves room for a slow, busy CI machine.
    assert max(handout.seconds for handout in made.values()) < 3


def test_render_counts_the_pages(made):
    for handout in made.values():
        assert handout.page_count == len(handout.reader.pages) >= 3


def test_an_unknown_setting_is_refused(atlas):
    with pytest.raises(ValueError, match="ask, show, hide"):
        build_handout(atlas, "maybe")
