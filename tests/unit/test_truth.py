"""The atlas's own words claim nothing the two sources do not say, and the checks catch it."""

import re
from pathlib import Path

import pytest

from route_atlas import ContentError, load_content
from route_atlas.atlas_map import CAPTION, SCHEMATIC_CAPTION, STAGE_LEGEND
from tests.conftest import edit

ROOT = Path(__file__).resolve().parents[2]
# Every file whose words reach a reader: pages, the frame, the view code, content and the README.
READER_FACING = [
    ROOT / "app.py",
    ROOT / "ui.py",
    ROOT / "README.md",
    *sorted((ROOT / "pages").glob("*.py")),
    *sorted((ROOT / "route_atlas").glob("*.py")),
    *sorted((ROOT / "data").glob("*.*")),
]


def problems_of(folder):
    with pytest.raises(ContentError) as raised:
        load_content(folder)
    return [str(p) for p in raised.value.problems]


# --- our own words ------------------------------------------------------------------------


@pytest.mark.parametrize("path", READER_FACING, ids=lambda p: str(p.relative_to(ROOT)))
def test_there_is_one_interview_and_one_article_never_the_interviews(path):
    assert not re.search(r"\bthe interviews\b", path.read_text(encoding="utf-8"), re.IGNORECASE)


def test_the_roles_are_the_atlass_reading_of_both_texts():
    assert "coloured by the role the atlas gives each country from the two sources" in CAPTION


def test_the_lines_claim_only_the_order_a_source_lists_countries_in():
    assert "in the order a source lists them" in SCHEMATIC_CAPTION
    assert "a stated order of travel" in SCHEMATIC_CAPTION


def test_dashed_countries_are_said_to_be_earlier_steps_not_passed_countries():
    assert STAGE_LEGEND == ("Bold outline: this step's countries", "Dashed outline: shown in an earlier step")


def test_only_the_article_speaks_of_safety_in_south_korea(atlas):
    description = atlas.countries["KOR"].description
    assert "both sources speak of" not in description
    assert "safety" not in atlas.source_texts["japan-forward"].lower()
    for quoted in re.findall(r'"([^"]+)"', description):
        assert any(quoted in text for text in atlas.source_texts.values()), quoted


# --- country tags: an excerpt lists exactly the countries its text names --------------------


def test_every_shipped_excerpt_lists_exactly_the_countries_it_names(atlas):
    # The loader's check, seen from outside: load_content would have refused the content otherwise.
    for excerpt in atlas.excerpts:
        for code in excerpt.countries:
            words = atlas.countries[code].names
            assert any(re.search(rf"\b{re.escape(w)}\b", excerpt.text) for w in words), (excerpt.id, code)


def test_the_girl_who_asks_for_help_is_not_said_to_mention_china(atlas):
    assert next(e for e in atlas.excerpts if e.id == "girl-asks-for-help").countries == ()


def test_the_jungles_near_the_chinese_border_are_on_chinas_panel(atlas):
    assert "jungles-vietnam-laos" in [e.id for e in atlas.excerpts_about("CHN")]


def test_a_country_listed_but_not_named_is_reported(data_copy):
    old = """said: "Aren't we all part of the same ethnicity? Please help us survive."\n  countries: []"""
    line = edit(data_copy / "excerpts.yaml", old, old.replace("countries: []", "countries: [CHN]")) + 1
    assert problems_of(data_copy) == [
        f"data/excerpts.yaml, line {line}: girl-asks-for-help lists CHN but its text does not name China "
        "(as 'China' or 'Chinese'): list only countries the text names, or quote the sentence that names it"
    ]


def test_a_country_named_but_not_listed_is_reported(data_copy):
    line = edit(data_copy / "excerpts.yaml", "countries: [VNM, LAO, CHN]", "countries: [VNM, LAO]")
    assert problems_of(data_copy) == [
        f'data/excerpts.yaml, line {line}: jungles-vietnam-laos names China ("Chinese") but its countries '
        "do not list CHN: add CHN"
    ]


def test_an_other_name_in_countries_csv_names_a_country(data_copy):
    # "a Chinese facility" names China only through the adjective countries.csv lists for it.
    edit(data_copy / "countries.csv", ",Chinese\n", ",\n")
    assert any(
        p.endswith(
            " imprisoned-in-china lists CHN but its text does not name China (as 'China'): "
            "list only countries the text names, or quote the sentence that names it"
        )
        or "imprisoned-in-china lists CHN" in p
        for p in problems_of(data_copy)
    )


def test_a_bracketed_insertion_names_no_country(data_copy):
    edit(data_copy / "excerpts.yaml", "Please help us survive.", "Please help us [in China] survive.")
    # The quote is still verbatim (brackets are allowed) and still lists no country.
    load_content(data_copy)


def test_an_unknown_content_note_tag_is_refused(data_copy):
    line = edit(data_copy / "excerpts.yaml", "content_note: killing", "content_note: killing, gore")
    problems = problems_of(data_copy)
    assert len(problems) == 1 and problems[0].startswith(f"data/excerpts.yaml, line {line}: content_note")
    assert "'captivity'" in problems[0]


# --- content notes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "excerpt_id", ["asylum-not-repatriation", "imprisoned-in-china", "defector-tortured-nine-months"]
)
def test_detention_forced_labour_and_trafficking_carry_a_note(atlas, excerpt_id):
    assert "captivity" in next(e for e in atlas.excerpts if e.id == excerpt_id).content_note


# --- coverage: what a viewer clicking a country finds ---------------------------------------


@pytest.mark.parametrize(
    "code, phrase",
    [
        ("CHN", "4,800km near the Chinese border"),
        ("CHN", "imprisoned in a Chinese facility"),
        ("CHN", "North Korean and Chinese authorities"),
        ("CHN", "detained in China"),
        ("CHN", "untrustworthy brokers"),
        ("VNM", "landmines"),
        ("LAO", "smugglers"),
        ("THA", "military posts"),
        ("PRK", "this one particular North Korean individual"),
        ("PRK", "suffering at the hands of an increasingly repressive regime"),
        ("PRK", "complex alliances with Russia and China"),
        ("PRK", "Imagine you're dealing with a mobster"),
        ("PRK", "Kim Dae-king [sic]"),
    ],
)
def test_each_countrys_panel_holds_what_the_sources_say_about_it(atlas, code, phrase):
    assert any(phrase in " ".join(e.text.split()) for e in atlas.excerpts_about(code)), (code, phrase)


def test_the_closing_step_ends_on_kims_call(atlas):
    closing = next(s for s in atlas.steps if s.slug == "closing")
    texts = [e.text for e in atlas.excerpts_by_id(closing.excerpts)]
    assert any("We must put an end to this horrific human rights violation." in t for t in texts)


def test_the_china_step_holds_detention_surveillance_and_prison(atlas):
    china = next(s for s in atlas.steps if s.slug == "china")
    for excerpt_id in ("imprisoned-in-china", "surveillance-nonsensical", "asylum-not-repatriation"):
        assert excerpt_id in china.excerpts
