"""The PDF handout: every quotation and credit of the journey in it verbatim and in full once,
notes honoured, citations legible on a photocopy, the map drawn as vector country polygons,
and the same content always giving the same bytes (with no date unless SOURCE_DATE_EPOCH)."""

import dataclasses
import io
import re
import time
from datetime import UTC, datetime

import fpdf.fpdf
import fpdf.output
import pypdf
import pytest

from route_atlas import handout as handout_module
from route_atlas.handout import TITLE, build_excerpts_handout, build_handout, citation, render_handout
from route_atlas.journey import step_content_notes, step_excerpts
from route_atlas.look import CAPTION, LINK_LEGEND, SCHEMATIC_CAPTION
from route_atlas.present import excerpt_view, list_views
from route_atlas.words import (
    ALL_TAGS_PHRASE,
    bibliography,
    content_note_line,
    excerpts_phrase,
    source_line,
    speaker_line,
    tags_phrase,
)


def heading(steps, index: int) -> str:
    return f"Step {index + 1} of {len(steps)}: {steps[index].title}"


INK_LIMIT = 17 / 255  # no colour component of any text above the handout's ink (17, 17, 17)


def flat(text: str) -> str:
    """Text with every run of white space as one space: extraction breaks lines where it likes."""
    return " ".join(text.split())


class Made:
    def __init__(self, data: bytes, seconds: float = 0.0, pages: int = 0):
        self.data = data
        self.seconds = seconds
        self.page_count = pages
        self.reader = pypdf.PdfReader(io.BytesIO(data))
        self.pages = [flat(page.extract_text()) for page in self.reader.pages]
        self.text = " ".join(self.pages)

    def step_text(self, content, index: int) -> str:
        """The text of one step, from its heading to the next heading (or to the Sources)."""
        steps = content.steps
        start = self.text.index(flat(heading(steps, index)))
        if index + 1 < len(steps):
            end = self.text.index(flat(heading(steps, index + 1)), start)
        else:
            end = self.text.index("Sources [1]", start)
        return self.text[start:end]


def without_source_date(build):
    """Run `build` with SOURCE_DATE_EPOCH unset, whatever the environment running the tests says."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        return build()


@pytest.fixture(scope="module")
def made(atlas):
    """The handout for each content-note setting, built once, with its text and build time."""
    handouts = {}
    for notes in ("ask", "show", "hide"):
        start = time.perf_counter()
        rendered = without_source_date(lambda notes=notes: render_handout(atlas, notes))
        handouts[notes] = Made(rendered.data, time.perf_counter() - start, rendered.pages)
    return handouts


def journey_excerpts(atlas):
    return [excerpt for step in atlas.steps for excerpt in step_excerpts(atlas, step)]


def first_steps(content, notes: str) -> dict[str, int]:
    """Excerpt id -> the step number (1-based) that first shows it under the setting."""
    first: dict[str, int] = {}
    for number, step in enumerate(content.steps, start=1):
        for excerpt in step_excerpts(content, step):
            if notes != "hide" or not excerpt.content_note:
                first.setdefault(excerpt.id, number)
    return first


def first_words(excerpt, n: int = 3) -> str:
    return " ".join(excerpt.text.split()[:n])


def referred(excerpt, number: int) -> str:
    """How a reference ends: which step quotes (or gives) the excerpt in full."""
    verb = "quoted" if excerpt.kind == "quote" else "given"
    return f"{verb} in full in step {number})"


def check_full_once_and_referred_later(content, handout: Made, notes: str) -> int:
    """Every shown excerpt in full exactly once, in its first step; in each later step that lists
    it, a reference to that step (after its content note, if any). Returns how many references."""
    text = handout.text
    first = first_steps(content, notes)
    shown = {e.id: e for e in journey_excerpts(content) if e.id in first}
    for excerpt in shown.values():
        full = flat(excerpt.text)
        # A short excerpt may also stand inside a longer one: that is not a repeat.
        inside = sum(flat(other.text).count(full) for other in shown.values() if other.id != excerpt.id)
        assert text.count(full) == 1 + inside, f"{excerpt.id} is not printed in full exactly once"
    references = 0
    for index, step in enumerate(content.steps):
        section = handout.step_text(content, index)
        for excerpt in step_excerpts(content, step):
            if excerpt.id not in first:
                continue
            if first[excerpt.id] == index + 1:
                assert flat(excerpt.text) in section, (step.slug, excerpt.id)
                continue
            assert flat(excerpt.text) not in section, (step.slug, excerpt.id)
            opening = "“" if excerpt.kind == "quote" else "Summary: "
            note = content_note_line(excerpt)
            start = (
                flat(f"{note} {opening}{first_words(excerpt)}") if note else opening + first_words(excerpt)
            )
            found = re.search(
                re.escape(start) + r"[^()]*\([^()]*; " + re.escape(referred(excerpt, first[excerpt.id])),
                section,
            )
            assert found, f"step {index + 1} does not refer {excerpt.id} to step {first[excerpt.id]}"
            references += 1
    return references


def test_the_journey_is_the_shipped_one(atlas):
    assert len(atlas.steps) >= 8
    assert any(excerpt.content_note for excerpt in journey_excerpts(atlas))


@pytest.mark.parametrize("notes", ["ask", "show"])
def test_every_quotation_and_citation_of_every_step_is_in_it_verbatim(atlas, made, notes):
    text = made[notes].text
    for excerpt in journey_excerpts(atlas):
        assert flat(excerpt.text) in text, excerpt.id
        credit = citation(atlas, excerpt_view(atlas, excerpt, "show"))
        assert flat(credit) in text, excerpt.id
        source = atlas.sources[excerpt.source]
        assert f"{speaker_line(excerpt, source)} · {source_line(source)}" in credit
        # The credit follows the full text itself, not a reference to it.
        body = f"“{excerpt.text}”" if excerpt.kind == "quote" else f"Summary: {excerpt.text}"
        assert flat(f"{body} {credit}") in text, f"{excerpt.id}: not in quotation marks or Summary, credited"


@pytest.mark.parametrize("notes", ["ask", "show", "hide"])
def test_each_excerpt_is_printed_in_full_once_and_later_steps_refer_to_its_step(atlas, made, notes):
    check_full_once_and_referred_later(atlas, made[notes], notes)


def test_a_repeated_excerpt_with_a_content_note_is_referred_to_after_its_note_or_left_out(atlas):
    """Whatever the shipped journey repeats: list a content-noted excerpt and a plain one again in
    the last step. Ask and show refer to them (the note first); hide quotes the noted one nowhere,
    so nothing may say it is quoted, and counts it in the last step's left-out sentence."""
    noted = next(e for e in journey_excerpts(atlas) if e.content_note)
    plain = next(e for e in journey_excerpts(atlas) if not e.content_note)
    last = atlas.steps[-1]
    extra = tuple(e.id for e in (noted, plain) if e.id not in last.excerpts)
    steps = (*atlas.steps[:-1], last.model_copy(update={"excerpts": (*last.excerpts, *extra)}))
    content = dataclasses.replace(atlas, steps=steps)
    built = {
        notes: Made(without_source_date(lambda n=notes: build_handout(content, n)))
        for notes in ("ask", "show", "hide")
    }
    for notes in ("ask", "show"):
        assert check_full_once_and_referred_later(content, built[notes], notes) >= 2
    hide = built["hide"]
    assert flat(noted.text) not in hide.text
    section = hide.step_text(content, len(steps) - 1)
    assert first_words(noted) not in section
    check_full_once_and_referred_later(content, hide, "hide")
    left_out = [e for e in step_excerpts(content, steps[-1]) if e.content_note]
    assert left_out_sentence(left_out) in section


def test_each_step_has_its_heading_countries_note_and_list_sentences(atlas, made):
    text = made["show"].text
    headings = [heading(atlas.steps, i) for i in range(len(atlas.steps))]
    positions = [text.index(flat(h)) for h in headings]
    assert positions == sorted(positions), "steps are in journey order"
    for index, step in enumerate(atlas.steps):
        section = made["show"].step_text(atlas, index)
        if step.countries:
            names = ", ".join(atlas.countries[code].name for code in step.countries)
            assert f"Countries: {names}" in section
        if step.note:
            assert flat(f"Our note: {step.note}") in section
        for listed in list_views(atlas, step):
            # Which lines follow which source's list; the list itself is the excerpt, quoted once.
            assert flat(listed.lead) in section, step.slug


def test_the_country_level_caption_is_under_the_map_and_at_the_end(made):
    for handout in made.values():
        first, last = handout.pages[0], handout.pages[-1]
        for caption in (SCHEMATIC_CAPTION, CAPTION):
            assert flat(caption) in first
            assert flat(caption) in last


def test_the_legend_names_the_dashed_line_as_a_schematic_link(made):
    assert LINK_LEGEND == "Schematic link: two countries a source lists one after the other"
    for handout in made.values():
        assert LINK_LEGEND in handout.pages[0]


def test_the_sources_give_what_finds_the_original_and_both_spellings_of_kims_name(atlas, made):
    text = made["ask"].text
    sources_page = text[text.index("Sources [1]") :]
    for number, source in enumerate(atlas.sources.values(), start=1):
        assert f"[{number}] {source.short_title}" in sources_page
        for label, value in bibliography(source, for_print=True):
            assert flat(f"{label}: {value}") in sources_page
        if source.interviewer:
            assert f"Interviewer: {source.interviewer}" in sources_page
    assert "Kim Seungeun" in text and "Kim Seongeun" in text


def test_the_handout_names_no_internal_file_or_checksum(atlas, made):
    for handout in made.values():
        for source in atlas.sources.values():
            assert source.file not in handout.text
            assert source.sha256[:12] not in handout.text
        assert "sha256" not in handout.text
        assert "File:" not in handout.text


def test_the_title_page_names_the_setting_used_and_every_tag(made):
    for notes, handout in made.items():
        assert handout.pages[0].startswith("Escape Route Atlas A journey through the countries named")
        assert f"Content notes: set to {notes}." in handout.pages[0]
        assert f"about {flat(ALL_TAGS_PHRASE)} are" in handout.pages[0]


def left_out_sentence(excerpts) -> str:
    tags = tags_phrase(tag for excerpt in excerpts for tag in excerpt.content_note)
    verb = "is" if len(excerpts) == 1 else "are"
    return flat(f"{excerpts_phrase(len(excerpts))} about {tags} {verb} left out of this handout.")


def test_hide_leaves_out_exactly_the_content_noted_excerpts_and_says_so(atlas, made):
    text = made["hide"].text
    for excerpt in journey_excerpts(atlas):
        if excerpt.content_note:
            assert flat(excerpt.text) not in text, excerpt.id
        else:
            assert flat(excerpt.text) in text, excerpt.id
    assert "Content note:" not in text
    said = 0
    for index, step in enumerate(atlas.steps):
        noted = [e for e in step_excerpts(atlas, step) if e.content_note]
        section = made["hide"].step_text(atlas, index)
        if noted:
            assert left_out_sentence(noted) in section, step.slug
            said += 1
        else:
            assert "left out of this handout" not in section
    assert text.count("left out of this handout.") == said > 0


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
        index = atlas.steps.index(step)
        section = made["ask"].step_text(atlas, index)
        noted = [e for e in step_excerpts(atlas, step) if e.content_note]
        warning = flat(
            f"Content note: this step includes {excerpts_phrase(len(noted))} about "
            f"{tags_phrase(step_content_notes(atlas, step))}."
        )
        assert warning in section, step.slug
        first_excerpt = section.index(first_words(step_excerpts(atlas, step)[0]))
        assert section.index(warning) < first_excerpt


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


def text_spans(handout: Made):
    """(page index, text, size in points, fill colour) of every piece of text drawn."""
    spans = []
    for number, page in enumerate(handout.reader.pages):
        state = {"fill": (0.0,), "saved": []}

        def before(operator, operands, cm, tm, state=state):
            if operator == b"q":
                state["saved"].append(state["fill"])
            elif operator == b"Q":
                state["fill"] = state["saved"].pop() if state["saved"] else (0.0,)
            elif operator in (b"rg", b"g", b"k"):
                state["fill"] = tuple(float(value) for value in operands)

        def text(words, cm, tm, font, size, number=number, state=state):
            if words.strip():
                scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
                spans.append((number, flat(words), round(size * scale, 2), state["fill"]))

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return spans


def is_black(colour: tuple[float, ...]) -> bool:
    if len(colour) == 4:  # CMYK: black is all K
        return colour[3] >= 1 - INK_LIMIT and max(colour[:3]) <= INK_LIMIT
    return max(colour) <= INK_LIMIT + 0.001


@pytest.mark.parametrize("notes", ["ask", "show", "hide"])
def test_all_text_is_black_and_at_least_9_pt_but_the_page_numbers_and_map_labels(atlas, made, notes):
    spans = text_spans(made[notes])
    assert len(spans) > 50
    names = {country.name for country in atlas.countries.values()}
    labels = []
    for page, words, size, colour in spans:
        assert is_black(colour), f"page {page + 1}: {words[:40]!r} is in {colour}, not black"
        if size >= 9:
            continue
        if words.startswith(f"{TITLE} · page"):
            assert size >= 8, words
        else:
            assert page == 0 and words in names, f"page {page + 1}: {words[:40]!r} is {size} pt"
            labels.append((words, size))
    assert sorted(name for name, _ in labels) == sorted(names), "each route country named on the map once"
    assert min(size for _, size in labels) >= 7


def test_the_colour_check_would_see_grey_text(atlas, monkeypatch):
    monkeypatch.setattr(handout_module, "INK", (80, 80, 80))
    spans = text_spans(Made(without_source_date(lambda: build_handout(atlas, "show"))))
    assert not any(is_black(colour) for _, _, _, colour in spans)


def test_the_font_is_embedded(made):
    data = made["ask"].data
    assert b"/FontFile2" in data and b"DejaVuSans" in data


def test_the_same_content_gives_the_same_bytes(atlas, made):
    assert without_source_date(lambda: build_handout(atlas, "ask")) == made["ask"].data
    assert without_source_date(lambda: build_handout(atlas)) == made["ask"].data, "ask is the default"
    assert len({handout.data for handout in made.values()}) == 3


class OtherClock(datetime):
    """A clock that says 1999: a handout that read the clock would change with it."""

    @classmethod
    def now(cls, tz=None):
        return datetime(1999, 12, 31, 23, 59, 59, tzinfo=tz or UTC)


def test_without_source_date_epoch_the_pdf_has_no_date_and_does_not_read_the_clock(atlas, made, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(fpdf.fpdf, "datetime", OtherClock)
    monkeypatch.setattr(fpdf.output, "datetime", OtherClock)
    for notes, handout in made.items():
        assert build_handout(atlas, notes) == handout.data, f"{notes}: the clock changed the bytes"
        assert b"/CreationDate" not in handout.data
        assert b"/ModDate" not in handout.data
        assert b"xmp:" not in handout.data and b"xpacket" not in handout.data
        assert handout.reader.metadata.creation_date is None


def test_source_date_epoch_sets_the_creation_date(atlas, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = build_handout(atlas, "ask")
    assert b"/CreationDate (D:20231114221320Z)" in data
    created = pypdf.PdfReader(io.BytesIO(data)).metadata.creation_date
    assert created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") == "2023-11-14T22:13:20Z"
    assert b"/ModDate" not in data
    assert build_handout(atlas, "ask") == data, "the same date gives the same bytes"


def test_a_malformed_source_date_epoch_is_refused(atlas, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        build_handout(atlas, "ask")


def test_a_handout_builds_well_under_a_second(made):
    # Typically about 0.2 s each; the bound leaves room for a slow, busy CI machine.
    assert max(handout.seconds for handout in made.values()) < 3


def test_render_counts_the_pages(made):
    for handout in made.values():
        assert handout.page_count == len(handout.reader.pages) >= 3


def test_an_unknown_setting_is_refused(atlas):
    with pytest.raises(ValueError, match="ask, show, hide"):
        build_handout(atlas, "maybe")


# --- a handout of chosen excerpts (the Excerpts page's view) ---------------------------------------

CHINA = "Chosen on the Excerpts page: naming China."


@pytest.fixture(scope="module")
def chosen(atlas):
    """The handout of the excerpts naming China, in each setting."""
    ids = [e.id for e in atlas.excerpts_about("CHN")]
    return {
        notes: Made(without_source_date(lambda notes=notes: build_excerpts_handout(atlas, ids, notes, CHINA)))
        for notes in ("ask", "show", "hide")
    }


def test_the_chosen_excerpts_are_printed_in_full_in_order_each_with_its_citation(atlas, chosen):
    text = chosen["show"].text
    at = 0
    for excerpt in atlas.excerpts_about("CHN"):
        body = f"“{excerpt.text}”" if excerpt.kind == "quote" else f"Summary: {excerpt.text}"
        credit = citation(atlas, excerpt_view(atlas, excerpt, "show"))
        found = text.find(flat(f"{body} {credit}"), at)
        assert found > at, f"{excerpt.id} is not printed in full, credited, after the one before"
        at = found


def test_excerpts_the_view_did_not_choose_are_not_printed(atlas, chosen):
    for excerpt in atlas.excerpts:
        if "CHN" not in excerpt.countries:
            assert flat(excerpt.text) not in chosen["show"].text, excerpt.id


def test_the_first_page_says_how_they_were_chosen_and_the_setting(atlas, chosen):
    for notes, handout in chosen.items():
        assert handout.pages[0].startswith("Escape Route Atlas ")
        assert CHINA in handout.pages[0]
        assert f"Content notes: set to {notes}." in handout.pages[0]
        assert "How to read these pages" in handout.pages[0]


def test_hide_leaves_the_noted_excerpts_out_and_says_how_many(atlas, chosen):
    noted = [e for e in atlas.excerpts_about("CHN") if e.content_note]
    assert noted
    text = chosen["hide"].text
    assert all(flat(e.text) not in text for e in noted)
    assert left_out_sentence(noted) in chosen["hide"].pages[0]
    assert f"{excerpts_phrase(len(atlas.excerpts_about('CHN')) - len(noted))} from two" in text


def test_ask_warns_once_before_the_first_excerpt_and_notes_each_noted_one(atlas, chosen):
    noted = [e for e in atlas.excerpts_about("CHN") if e.content_note]
    text = chosen["ask"].text
    warning = flat(f"Content note: these pages include {excerpts_phrase(len(noted))} about ")
    assert text.count(warning) == 1
    assert text.index(warning) < text.index(flat(atlas.excerpts_about("CHN")[0].text))
    for excerpt in noted:
        assert flat(f"{content_note_line(excerpt)} “{excerpt.text}”") in text
    assert "these pages include" not in chosen["show"].text


def test_the_chosen_handout_ends_with_the_sources_and_draws_no_map(chosen):
    handout = chosen["ask"]
    assert "Sources [1]" in handout.text and "Kim Seongeun" in handout.text
    assert "About the map" not in handout.text
    assert not any(page.images for page in handout.reader.pages)


def test_the_chosen_handout_gives_the_same_bytes_for_the_same_choice(atlas, chosen):
    ids = [e.id for e in atlas.excerpts_about("CHN")]
    assert without_source_date(lambda: build_excerpts_handout(atlas, ids, "ask", CHINA)) == chosen["ask"].data


def test_the_chosen_handout_refuses_an_unknown_setting(atlas):
    with pytest.raises(ValueError, match="ask, show, hide"):
        build_excerpts_handout(atlas, [], "maybe")
