import hashlib
import re
from pathlib import Path

import pytest

from route_atlas import ContentError, fingerprint, load_content
from route_atlas.quoting import find_quote
from tests.conftest import DATA, ROOT, edit

SHARED_SOURCES = ROOT.parent / "shared" / "sources"
ROUTE = {"PRK", "CHN", "VNM", "LAO", "MMR", "THA", "MNG", "KOR"}


# --- the project's own content ---------------------------------------------------------------


def test_the_content_loads_without_problems(atlas):
    assert set(atlas.countries) == ROUTE
    assert len(atlas.sources) == 2


def test_every_quote_is_verbatim_in_its_source(atlas):
    for excerpt in atlas.excerpts:
        if excerpt.kind == "quote":
            text = atlas.source_texts[excerpt.source]
            assert find_quote(excerpt.text, text) is not None, excerpt.id


def test_every_summary_is_anchored_in_its_source(atlas):
    summaries = [e for e in atlas.excerpts if e.kind == "summary"]
    assert summaries
    for excerpt in summaries:
        assert find_quote(excerpt.anchor, atlas.source_texts[excerpt.source]) is not None, excerpt.id


@pytest.mark.parametrize(
    "iso3, at_least",
    [("PRK", 2), ("CHN", 2), ("VNM", 2), ("LAO", 2), ("THA", 2), ("KOR", 2), ("MMR", 1), ("MNG", 1)],
)
def test_every_route_country_has_excerpts(atlas, iso3, at_least):
    assert len(atlas.excerpts_about(iso3)) >= at_least


@pytest.mark.parametrize("topic", ["pastor-kim", "documentary", "publicising-routes", "repatriation"])
def test_general_context_is_covered(atlas, topic):
    assert any(e.topic == topic for e in atlas.excerpts)


def test_countries_outside_the_route_are_not_route_countries(atlas):
    assert not {"RUS", "JPN", "USA"} & set(atlas.countries)


def test_speakers_are_people_the_source_names(atlas):
    for source in atlas.sources.values():
        for speaker in source.speakers:
            name = re.sub(r"\s*\(.*\)$", "", speaker)
            assert name in atlas.source_texts[source.id], speaker


def test_the_concealed_defector_stays_anonymous(atlas):
    article = atlas.sources["beyond-utopia-article"]
    assert article.speakers == ()
    assert all(not e.speaker for e in atlas.excerpts if e.source == article.id)


def test_both_spellings_of_pastor_kim_are_recorded_as_their_copies_print_them(atlas):
    for source in atlas.sources.values():
        assert source.kim_spelling in atlas.source_texts[source.id]
    assert {s.kim_spelling for s in atlas.sources.values()} == {"Kim Seungeun", "Kim Seongeun"}


def test_content_notes_mark_torture_killing_and_a_childs_death(atlas):
    tags = {tag for e in atlas.excerpts for tag in e.content_note}
    assert {"torture", "killing", "child-death"} <= tags


@pytest.mark.skipif(not SHARED_SOURCES.is_dir(), reason="../shared/sources is not beside this clone")
def test_source_texts_are_byte_for_byte_copies_of_the_shared_ones(atlas):
    for source in atlas.sources.values():
        ours = (DATA / "sources" / source.file).read_bytes()
        assert ours == (SHARED_SOURCES / source.file).read_bytes(), source.file


@pytest.mark.parametrize(
    "asked_for, code",
    [
        ("CHN", "CHN"),
        ("chn", "CHN"),
        (" kor ", "KOR"),
        ("XYZ", None),
        ("RUS", None),
        ("", None),
        (None, None),
    ],
)
def test_a_code_in_a_link_means_a_route_country_or_nothing(atlas, asked_for, code):
    assert atlas.country_code(asked_for) == code


def test_the_opening_panel_lists_its_excerpts_in_the_files_order(atlas):
    assert atlas.opening.title == "Where the journeys run"
    shown = [e.id for e in atlas.excerpts_by_id(atlas.opening.excerpts)]
    assert shown == list(atlas.opening.excerpts)
    assert "journeys-through-countries" in shown  # the dangers of the journeys, before any click


def test_excerpts_of_a_source_come_in_document_order(atlas):
    for source_id in atlas.sources:
        starts = [atlas.spans[e.id][0] for e in atlas.excerpts_in(source_id)]
        assert starts == sorted(starts)


def test_a_gap_between_two_excerpts_is_words_of_the_source_neither_quotes(atlas):
    by_id = {e.id: e for e in atlas.excerpts}
    # Kim's argument about the jungles follows his answer after a photo caption; the
    # surveillance question follows the jungles passage directly.
    assert atlas.gap_between(by_id["publicising-routes-answer"], by_id["jungles-vietnam-laos"])
    assert not atlas.gap_between(by_id["jungles-vietnam-laos"], by_id["surveillance-nonsensical"])


# --- bad inputs: every problem named with its file and line ----------------------------------

BAD_INPUTS = [
    pytest.param(
        "excerpts.yaml",
        "countries: [VNM, LAO, CHN]",
        "countries: [VNM, XYZ, LAO, CHN]",
        r'country "XYZ" is not one of PRK, CHN, VNM, LAO, MMR, THA, MNG, KOR',
        id="unknown-iso3",
    ),
    pytest.param(
        "excerpts.yaml",
        "source: beyond-utopia-article",
        "source: nowhere-news",
        r'source "nowhere-news" is not one of japan-forward, beyond-utopia-article',
        id="unknown-source",
    ),
    pytest.param(
        "excerpts.yaml",
        "id: sundance-audience-award",
        "id: documentary-recorded-by-phones",
        r'duplicate id "documentary-recorded-by-phones" \(first used on line \d+\)',
        id="duplicate-id",
    ),
    pytest.param(
        "excerpts.yaml",
        "Thailand, or a combination of them.",
        "Thailand, or a mixture of them.",
        r"quote of routes-vary is not found verbatim in sources/000_5e63ac12a3edf9cb\.txt",
        id="quote-not-verbatim",
    ),
    pytest.param(
        "excerpts.yaml",
        "anchor: To safely rescue the woman I fell in love with",
        "anchor: To rescue the woman he loved",
        r"anchor of park-ester-summary is not found verbatim",
        id="anchor-not-verbatim",
    ),
    pytest.param(
        "excerpts.yaml",
        "  anchor: To safely rescue the woman I fell in love with\n",
        "",
        r"a summary needs an anchor",
        id="summary-without-anchor",
    ),
    pytest.param(
        "excerpts.yaml",
        "kind: summary",
        "kind: paraphrase",
        r"kind: input should be 'quote' or 'summary'",
        id="bad-kind",
    ),
    pytest.param(
        "excerpts.yaml",
        "content_note: killing",
        "content_note: murder",
        r"content_note.*got 'murder'",
        id="unknown-content-note",
    ),
    pytest.param(
        "excerpts.yaml",
        "speaker: Kim Seungeun",
        "speaker: John Smith",
        r'speaker "John Smith" is not named by japan-forward; expected one of Kim Seungeun',
        id="speaker-not-named",
    ),
    pytest.param(
        "excerpts.yaml",
        "topic: risk",
        "topic: risk\n  speakr: Kim Seungeun",
        r'unknown field "speakr"',
        id="unknown-field",
    ),
    pytest.param(
        "excerpts.yaml",
        "  topic: documentary\n",
        "",
        r'missing field "topic"',
        id="missing-field",
    ),
    pytest.param(
        "excerpts.yaml",
        "  text: The documentary was awarded",
        '  text: "The documentary was awarded',
        r"not valid YAML",
        id="yaml-syntax",
    ),
    pytest.param(
        "countries.csv",
        "iso3,name,role,description,sources",
        "iso3,name,role,desc,sources",
        r"missing column 'description'; expected columns iso3, name, role, description, sources",
        id="missing-column",
    ),
    pytest.param(
        "countries.csv",
        "KOR,South Korea,destination",
        "KOR,South Korea,refuge",
        r"role: input should be",
        id="bad-role",
    ),
    pytest.param(
        "countries.csv",
        "MNG,Mongolia",
        "mng,Mongolia",
        r"iso3: expected a three-letter ISO code in capitals, such as CHN, got 'mng'",
        id="lower-case-iso3",
    ),
    pytest.param(
        "countries.csv",
        "MNG,Mongolia",
        "XXX,Nowhere",
        r'country "XXX" has no polygon in boundaries/region.geojson',
        id="country-without-polygon",
    ),
    pytest.param(
        "sources.yaml",
        "sha256: fc9584d0",
        "sha256: 00000000",
        r"sha256 of sources/000_5e63ac12a3edf9cb\.txt is fc9584d0\w+, expected 00000000",
        id="sha256-mismatch",
    ),
    pytest.param(
        "sources.yaml",
        "file: 002_11d98e203164986d.txt",
        "file: 003_missing.txt",
        r"source text sources/003_missing\.txt not found",
        id="missing-source-text",
    ),
]


@pytest.mark.parametrize("name, old, new, message", BAD_INPUTS)
def test_a_bad_content_file_is_reported_with_file_line_and_expectation(data_copy, name, old, new, message):
    line = edit(data_copy / name, old, new)
    with pytest.raises(ContentError) as raised:
        load_content(data_copy)
    matching = [p for p in raised.value.problems if re.search(message, p.message)]
    assert matching, [str(p) for p in raised.value.problems]
    problem = matching[0]
    assert problem.file in (f"data/{name}", "data/sources.yaml", "data/countries.csv")
    if problem.file == f"data/{name}" and "duplicate" not in message:
        assert problem.line is not None and abs(problem.line - line) <= 12, (problem.line, line)


def test_an_unknown_country_is_reported_on_its_own_line(data_copy):
    line = edit(data_copy / "excerpts.yaml", "countries: [VNM, LAO, CHN]", "countries: [VNM, XYZ, LAO, CHN]")
    with pytest.raises(ContentError) as raised:
        load_content(data_copy)
    assert str(raised.value.problems[0]).startswith(f'data/excerpts.yaml, line {line}: country "XYZ"')


def test_a_changed_source_text_fails_its_sha256(data_copy):
    with (data_copy / "sources" / "002_11d98e203164986d.txt").open("a", encoding="utf-8") as handle:
        handle.write("An added sentence.")
    with pytest.raises(ContentError, match="the text has changed since it was recorded"):
        load_content(data_copy)


def test_every_problem_in_every_file_is_reported_at_once(data_copy):
    edit(data_copy / "excerpts.yaml", "countries: [VNM, LAO, CHN]", "countries: [VNM, XYZ, LAO, CHN]")
    edit(data_copy / "excerpts.yaml", "kind: summary", "kind: paraphrase")
    edit(data_copy / "countries.csv", "KOR,South Korea,destination", "KOR,South Korea,refuge")
    with pytest.raises(ContentError) as raised:
        load_content(data_copy)
    files = [p.file for p in raised.value.problems]
    assert files.count("data/excerpts.yaml") == 2 and "data/countries.csv" in files


def test_an_unreadable_countries_file_does_not_hide_problems_in_the_excerpts(data_copy):
    edit(data_copy / "countries.csv", "iso3,name,role,description,sources", "iso3,name,role,desc,sources")
    edit(
        data_copy / "excerpts.yaml", "Thailand, or a combination of them.", "Thailand, or a mixture of them."
    )
    edit(data_copy / "excerpts.yaml", "source: beyond-utopia-article", "source: nowhere-news")
    with pytest.raises(ContentError) as raised:
        load_content(data_copy)
    messages = " | ".join(str(p) for p in raised.value.problems)
    assert "missing column 'description'" in messages
    assert "quote of routes-vary is not found verbatim" in messages
    assert 'source "nowhere-news" is not one of' in messages


def test_quotes_are_still_checked_against_a_changed_source_text(data_copy):
    edit(data_copy / "sources" / "000_5e63ac12a3edf9cb.txt", "But travel routes vary.", "Travel routes vary.")
    with pytest.raises(ContentError) as raised:
        load_content(data_copy)
    messages = " | ".join(str(p) for p in raised.value.problems)
    assert "the text has changed" in messages and "quote of routes-vary is not found verbatim" in messages


def test_a_broken_source_entry_is_reported_once_not_for_every_excerpt_citing_it(data_copy):
    edit(data_copy / "sources.yaml", "short_title: JAPAN Forward interview", "short_title: ''")
    with pytest.raises(ContentError) as raised:
        load_content(data_copy)
    assert len(raised.value.problems) == 1


@pytest.mark.parametrize("text", ["", "just: a mapping\n", "- a plain string\n"])
def test_an_excerpts_file_of_the_wrong_shape_is_reported(data_copy, text):
    (data_copy / "excerpts.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match=r"data/excerpts.yaml, line 1: expected"):
        load_content(data_copy)


def test_loading_never_rewrites_a_content_file(data_copy):
    def snapshot():
        return {
            p: (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
            for p in data_copy.rglob("*")
            if p.is_file()
        }

    before = snapshot()
    load_content(data_copy)
    edit(data_copy / "excerpts.yaml", "kind: summary", "kind: paraphrase")
    before_bad = snapshot()
    with pytest.raises(ContentError):
        load_content(data_copy)
    assert snapshot() == before_bad and set(before) == set(before_bad)


def test_the_fingerprint_changes_when_an_educator_saves_a_file(data_copy):
    first = fingerprint(data_copy)
    edit(data_copy / "excerpts.yaml", "topic: risk", "topic: risks")
    assert fingerprint(data_copy) != first


def test_the_default_data_folder_can_be_overridden(monkeypatch, data_copy):
    from route_atlas.content import data_dir

    monkeypatch.setenv("ROUTE_ATLAS_DATA_DIR", str(data_copy))
    assert data_dir() == Path(data_copy)
