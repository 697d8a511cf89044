"""The atlas's own words claim nothing the two sources do not say, and the checks catch it."""

import re
from pathlib import Path

import pytest

from route_atlas import ContentError, load_content
from route_atlas.journey import step_excerpts
from route_atlas.look import CAPTION, SCHEMATIC_CAPTION, STAGE_LEGEND
from route_atlas.quoting import enumerations, find_quote, list_sentence
from tests.conftest import edit, step

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
    assert STAGE_LEGEND[:2] == (
        "Bold outline: this step's countries",
        "Dashed outline: shown in an earlier step",
    )


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


SLUGS = [
    "opening",
    "north-korea",
    "china",
    "southern-routes",
    "thailand",
    "mongolia",
    "south-korea",
    "closing",
]


# --- the shipped journey ---------------------------------------------------------------------


def test_the_shipped_journey_has_its_eight_steps_in_order(atlas):
    assert [s.slug for s in atlas.steps] == SLUGS


@pytest.mark.parametrize(
    "slug, countries, links",
    [
        ("opening", (), []),
        ("north-korea", ("PRK",), []),
        ("china", ("CHN",), []),
        (
            "southern-routes",
            ("VNM", "LAO", "MMR"),
            [
                ("CHN", "VNM", "journeys-through-countries"),
                ("VNM", "LAO", "journeys-through-countries"),
            ],
        ),
        ("thailand", ("THA",), [("LAO", "THA", "journeys-through-countries")]),
        ("mongolia", ("MNG",), []),
        ("south-korea", ("KOR",), []),
        ("closing", (), []),
    ],
)
def test_each_shipped_step_highlights_its_countries_and_draws_only_listed_lines(
    atlas, slug, countries, links
):
    chosen = step(atlas, slug)
    assert chosen.countries == countries
    assert [(k.from_, k.to, k.list) for k in chosen.links] == links


def test_every_highlighted_country_is_named_by_one_of_its_steps_excerpts(atlas):
    for chosen in atlas.steps:
        named = {code for e in step_excerpts(atlas, chosen) for code in e.countries}
        assert set(chosen.countries) <= named, chosen.slug


def test_every_line_s_list_is_quoted_in_full_in_its_own_step(atlas):
    for chosen in atlas.steps:
        assert {k.list for k in chosen.links} <= set(chosen.excerpts), chosen.slug


def test_steps_without_a_line_into_them_say_why(atlas):
    assert "No line is drawn from North Korea to China" in step(atlas, "china").note
    assert "No line is drawn to or from Mongolia" in step(atlas, "mongolia").note
    assert "no line is drawn to it" in step(atlas, "south-korea").note


def test_the_words_a_note_quotes_are_in_a_source(atlas):
    for chosen in atlas.steps:
        for quoted in re.findall(r'"([^"]+)"', chosen.note):
            found = [find_quote(quoted, text) for text in atlas.source_texts.values()]
            assert found != [None] * len(found), quoted


def test_every_line_of_the_journey_joins_two_members_of_one_list(atlas):
    # The Why page's promise: each line joins two countries a source lists one after the other.
    names = {code: country.name for code, country in atlas.countries.items()}
    for chosen in atlas.steps:
        for link in chosen.links:
            text = next(e.text for e in atlas.excerpts if e.id == link.list)
            assert any(
                (link.from_, link.to) in zip(members, members[1:], strict=False)
                for _, members in enumerations(text, names)
            ), (chosen.slug, link)


@pytest.mark.parametrize("slug", ["southern-routes", "thailand", "mongolia", "south-korea"])
def test_no_note_claims_an_order_of_travel(atlas, slug):
    # The lines follow the order in which a source lists countries; neither source states an order.
    note = step(atlas, slug).note
    for claim in ("on the way to", "in no stated order", "already passed", "before it", "then Laos"):
        assert claim not in note, (slug, claim)


def test_no_sentence_of_either_source_names_north_korea_then_china(atlas):
    # What the China step's note says, checked against the whole of both texts.
    names = {code: country.name for code, country in atlas.countries.items()}
    for text in atlas.source_texts.values():
        assert list_sentence(text, names, "PRK", "CHN") is None
        assert list_sentence(text, names, "CHN", "MNG") is None
        assert list_sentence(text, names, "PRK", "MNG") is None
