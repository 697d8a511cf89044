"""The guided journey: the shipped steps, their checks, and the helpers the Journey page uses."""

import re

import pytest

from route_atlas import ContentError, Step, load_content
from route_atlas.journey import (
    heading,
    resolve_step,
    sequence_sources,
    step_content_notes,
    step_excerpts,
    visited_before,
)
from route_atlas.quoting import enumerations, find_quote, list_sentence, named_countries, sentences
from tests.conftest import edit

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
NAMES = {
    "PRK": "North Korea",
    "CHN": "China",
    "VNM": "Vietnam",
    "LAO": "Laos",
    "MMR": "Myanmar",
    "THA": "Thailand",
    "MNG": "Mongolia",
    "KOR": "South Korea",
}


def step(atlas, slug):
    return next(s for s in atlas.steps if s.slug == slug)


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


# --- which step a link means -----------------------------------------------------------------


@pytest.mark.parametrize(
    "asked, index",
    [("china", 2), ("CHINA", 2), ("  China ", 2), ("3", 2), ("1", 0), ("8", 7), ("south-korea", 6)],
)
def test_a_slug_or_a_number_opens_its_step(atlas, asked, index):
    assert resolve_step(atlas.steps, asked) == (index, None)


@pytest.mark.parametrize("asked", [None, "", "   "])
def test_nothing_asked_opens_step_one_quietly(atlas, asked):
    assert resolve_step(atlas.steps, asked) == (0, None)


@pytest.mark.parametrize("asked", ["0", "-1", "999", "9", "garbage", "<b>x</b>", "３", "china-2"])
def test_an_unknown_step_opens_step_one_and_says_so(atlas, asked):
    index, message = resolve_step(atlas.steps, asked)
    assert index == 0
    assert f'There is no step "{asked}"' in message and "showing step 1" in message
    assert "numbered 1 to 8" in message


def test_a_long_unknown_step_is_cut_short_in_the_message(atlas):
    _, message = resolve_step(atlas.steps, "x" * 500)
    assert len(message) < 120 and "…" in message


# --- what a step shows -----------------------------------------------------------------------


def test_the_heading_counts_the_steps(atlas):
    assert heading(atlas.steps, 2) == "Step 3 of 8: China"
    assert heading(atlas.steps, 0).startswith("Step 1 of 8: ")


def test_countries_of_earlier_steps_are_visited(atlas):
    assert visited_before(atlas.steps, 0) == ()
    assert visited_before(atlas.steps, 2) == ("PRK",)
    assert visited_before(atlas.steps, 3) == ("PRK", "CHN")
    assert visited_before(atlas.steps, 7) == ("PRK", "CHN", "VNM", "LAO", "MMR", "THA", "MNG", "KOR")


def test_a_country_shown_again_is_not_also_visited():
    steps = [
        Step(slug="a", title="A", countries=("PRK",), excerpts=("x",)),
        Step(slug="b", title="B", countries=("CHN", "PRK"), excerpts=("x",)),
        Step(slug="c", title="C", countries=("PRK",), excerpts=("x",)),
    ]
    assert visited_before(steps, 2) == ("CHN",)
    assert visited_before(steps, 1) == ()


def test_a_step_s_excerpts_come_in_the_order_it_lists_them(atlas):
    chosen = step(atlas, "china")
    assert [e.id for e in step_excerpts(atlas, chosen)] == list(chosen.excerpts)


def test_content_notes_of_a_step_come_once_each_in_the_cards_order(atlas):
    assert step_content_notes(atlas, step(atlas, "north-korea")) == ("torture", "child-death", "captivity")
    assert step_content_notes(atlas, step(atlas, "china")) == ("killing", "captivity")
    assert step_content_notes(atlas, step(atlas, "southern-routes")) == ()
    mixed = Step(
        slug="m",
        title="M",
        excerpts=("timothy-cho", "labor-camp-false-confession", "defector-tortured-nine-months"),
    )
    assert step_content_notes(atlas, mixed) == ("torture", "death", "child-death", "captivity")


def test_each_line_names_the_list_it_follows(atlas):
    southern = sequence_sources(atlas, step(atlas, "southern-routes"))
    assert southern == [
        "The lines from China to Vietnam and from Vietnam to Laos follow a list in the Article on Beyond "
        'Utopia (2024): "Defectors often undertake life-threatening journeys through multiple countries, '
        'including China, Vietnam, Laos, and Thailand, to reach safety in South Korea."',
    ]
    thailand = sequence_sources(atlas, step(atlas, "thailand"))
    assert thailand == [
        "The line from Laos to Thailand follows a list in the Article on Beyond Utopia (2024): "
        '"Defectors often undertake life-threatening journeys through multiple countries, including '
        'China, Vietnam, Laos, and Thailand, to reach safety in South Korea."'
    ]
    assert sequence_sources(atlas, step(atlas, "china")) == []


def test_every_list_sentence_shown_is_verbatim_in_its_source(atlas):
    for chosen in atlas.steps:
        for line in sequence_sources(atlas, chosen):
            quoted = re.search(r': "(.+)"$', line).group(1)
            assert any(find_quote(quoted, text) is not None for text in atlas.source_texts.values()), line


# --- what counts as a source's list ----------------------------------------------------------


def test_a_quotation_splits_into_sentences_and_at_elisions():
    text = (
        "But travel routes vary. Some days, we would travel past Vietnam, Myanmar, and Laos. On other\n"
        "days, Mongolia, Thailand, or a combination of them."
    )
    assert sentences(text) == [
        "But travel routes vary.",
        "Some days, we would travel past Vietnam, Myanmar, and Laos.",
        "On other days, Mongolia, Thailand, or a combination of them.",
    ]
    assert sentences("Vietnam and Laos … Mongolia") == ["Vietnam and Laos", "Mongolia"]
    assert sentences('She said: "Help us." Then China.') == ['She said: "Help us."', "Then China."]


@pytest.mark.parametrize(
    "sentence, named",
    [
        (
            "Those who don't make the trip to South Korea are often detained in China and repatriated "
            "to North Korea.",
            ["KOR", "CHN", "PRK"],
        ),
        ("Do you think that North Korean and Chinese authorities will suddenly intensify", []),
        ("complex alliances with Russia and China", ["CHN"]),
        ("we would travel past [China,] Vietnam", ["VNM"]),
        ("from North\nKorea to South  Korea", ["PRK", "KOR"]),
    ],
)
def test_countries_are_named_by_whole_names_only(sentence, named):
    assert named_countries(sentence, NAMES) == named


def test_a_list_is_two_countries_next_to_each_other_in_one_sentence():
    text = "Some days, we would travel past Vietnam, Myanmar, and Laos. On other days, Mongolia, Thailand."
    assert list_sentence(text, NAMES, "VNM", "MMR").startswith("Some days")
    assert list_sentence(text, NAMES, "MMR", "LAO").startswith("Some days")
    assert list_sentence(text, NAMES, "MNG", "THA").startswith("On other days")
    assert list_sentence(text, NAMES, "VNM", "LAO") is None  # Myanmar stands between
    assert list_sentence(text, NAMES, "MMR", "VNM") is None  # the wrong way round
    assert list_sentence(text, NAMES, "LAO", "MNG") is None  # "Laos. On other days, Mongolia"


ARTICLE_LIST = (
    "Defectors often undertake life-threatening journeys through multiple countries, including "
    "China, Vietnam, Laos, and Thailand, to reach safety in South Korea."
)


@pytest.mark.parametrize(
    "start, end, listed",
    [
        ("CHN", "VNM", True),
        ("VNM", "LAO", True),
        ("LAO", "THA", True),  # ", and" joins the last member
        ("THA", "KOR", False),  # South Korea is where the journeys end, not a member of the list
        ("CHN", "LAO", False),  # Vietnam stands between
    ],
)
def test_only_adjacent_members_of_one_enumeration_make_a_line(start, end, listed):
    assert (list_sentence(ARTICLE_LIST, NAMES, start, end) is not None) is listed


@pytest.mark.parametrize(
    "text, lists",
    [
        (ARTICLE_LIST, [["CHN", "VNM", "LAO", "THA"]]),
        (
            "past Vietnam, Myanmar, and Laos. On other days, Mongolia, Thailand, or a combination",
            [["VNM", "MMR", "LAO"], ["MNG", "THA"]],
        ),
        ("China or Laos", [["CHN", "LAO"]]),
        ("Vietnam, Myanmar or Laos", [["VNM", "MMR", "LAO"]]),
        ("from China to Laos", []),  # words other than list punctuation join no list
        ("China; Laos", []),
        ("imprisoned in China and repatriated to North Korea", []),
    ],
)
def test_an_enumeration_is_names_joined_by_commas_and_or_or(text, lists):
    assert [members for _, members in enumerations(text, NAMES)] == lists


# --- bad journey files: every problem with its file and line ---------------------------------

NEW_LINK_AFTER_NOTE = "  links: []\n  note: >-\n    No line is drawn to or from Mongolia"


def problems_of(folder):
    with pytest.raises(ContentError) as raised:
        load_content(folder)
    return raised.value.problems


def one_problem(folder, pattern):
    found = [p for p in problems_of(folder) if re.search(pattern, p.message)]
    assert found, [str(p) for p in problems_of(folder)]
    assert found[0].file == "data/journey.yaml"
    return found[0]


def add_link(folder, text, old="  links: []\n  note: >-\n    No line is drawn to or from Mongolia"):
    """Give the mongolia step one link; return the line the link is on."""
    line = edit(folder / "journey.yaml", old, "  links:\n    - " + text + old.removeprefix("  links: []"))
    return line + 1


def test_an_unknown_country_in_a_step_is_reported_on_its_line(data_copy):
    line = edit(data_copy / "journey.yaml", "countries: [CHN]", "countries: [XYZ]")
    problem = one_problem(data_copy, r'^country "XYZ" is not one of PRK, CHN, VNM, LAO, MMR, THA, MNG, KOR$')
    assert problem.line == line


def test_an_unknown_country_in_a_block_list_is_reported_on_its_own_line(data_copy):
    line = edit(data_copy / "journey.yaml", "countries: [VNM, LAO, MMR]", "countries:\n    - VNM\n    - LOA")
    assert one_problem(data_copy, r'^country "LOA" is not one of').line == line + 2


def test_an_empty_step_is_refused(data_copy):
    line = edit(
        data_copy / "journey.yaml",
        "excerpts:\n    - tumen-river-2000\n    - girl-asks-for-help\n    - park-ester-famine\n"
        "    - surveillance-nonsensical\n    - imprisoned-in-china\n    - colleague-killed-2016\n"
        "    - asylum-not-repatriation",
        "excerpts: []",
    )
    problem = one_problem(data_copy, r"^excerpts: a step needs at least one excerpt id .*, got none$")
    assert problem.line == line


def test_a_step_without_excerpts_is_refused(data_copy):
    old = "  excerpts:\n    - changes-wished-question\n    - asylum-not-repatriation\n"
    line = edit(data_copy / "journey.yaml", old, "")
    assert one_problem(data_copy, r'^missing field "excerpts"$').line == line - 3  # the step's first line


def test_a_duplicate_slug_is_refused(data_copy):
    first = edit(data_copy / "journey.yaml", "slug: china", "slug: china")
    line = edit(data_copy / "journey.yaml", "slug: mongolia", "slug: china")
    problem = one_problem(data_copy, rf'^duplicate slug "china" \(first used on line {first}\)$')
    assert problem.line == line


def test_a_slug_of_the_wrong_shape_is_refused(data_copy):
    line = edit(data_copy / "journey.yaml", "slug: south-korea", "slug: South Korea")
    problem = one_problem(
        data_copy, r"^slug: expected lower-case words joined by hyphens, .*got 'South Korea'$"
    )
    assert problem.line == line


def test_an_unknown_excerpt_is_refused_with_a_suggestion(data_copy):
    line = edit(data_copy / "journey.yaml", "    - girl-asks-for-help", "    - girl-asks-for-hlep")
    problem = one_problem(
        data_copy,
        r'^excerpt "girl-asks-for-hlep" is not the id of any excerpt in excerpts.yaml; '
        r'did you mean "girl-asks-for-help"\?$',
    )
    assert problem.line == line


def test_a_journey_with_no_steps_is_refused(data_copy):
    (data_copy / "journey.yaml").write_text("# nothing yet\n[]\n", encoding="utf-8")
    assert one_problem(data_copy, r"^no steps: expected a list of steps")


def test_a_missing_journey_file_is_reported(data_copy):
    (data_copy / "journey.yaml").unlink()
    assert one_problem(data_copy, r"^cannot be read")


@pytest.mark.parametrize(
    "link, expected",
    [
        pytest.param(
            "{from: LAO, to: MNG, list: routes-vary}",
            'step "mongolia": link LAO to MNG is not drawn from a source list: Laos and Mongolia '
            "are not adjacent members, in that order, of one list in routes-vary "
            "(its lists: Vietnam, Myanmar, Laos; Mongolia, Thailand)",
            id="different-sentences",
        ),
        pytest.param(
            "{from: CHN, to: MNG, list: routes-vary}",
            'step "mongolia": link CHN to MNG is not drawn from a source list: China and Mongolia '
            "are not adjacent members, in that order, of one list in routes-vary "
            "(its lists: Vietnam, Myanmar, Laos; Mongolia, Thailand)",
            id="never-named-together",
        ),
        pytest.param(
            "{from: CHN, to: MNG, list: journeys-through-countries}",
            'step "mongolia": link CHN to MNG is not drawn from a source list: China and Mongolia '
            "are not adjacent members, in that order, of one list in journeys-through-countries "
            "(its lists: China, Vietnam, Laos, Thailand)",
            id="not-in-that-list",
        ),
        pytest.param(
            "{from: CHN, to: MNG, list: works-kept-confidential}",
            'step "mongolia": link CHN to MNG is not drawn from a source list: China and Mongolia '
            "are not adjacent members, in that order, of one list in works-kept-confidential "
            "(its lists: none)",
            id="no-list-at-all",
        ),
        pytest.param(
            "{from: CHN, to: MNG, list: park-ester-summary}",
            'link list "park-ester-summary" is a summary; expected the id of a quote excerpt '
            "whose own words list the countries",
            id="summary-as-list",
        ),
        pytest.param(
            "{from: CHN, to: MNG, list: route-varies}",
            'link list "route-varies" is not the id of any excerpt in excerpts.yaml; '
            'did you mean "routes-vary"?',
            id="unknown-list",
        ),
        pytest.param(
            "{from: CHN, to: XYZ, list: routes-vary}",
            'link to "XYZ" is not one of PRK, CHN, VNM, LAO, MMR, THA, MNG, KOR',
            id="unknown-country",
        ),
        pytest.param(
            "{from: KOR, to: MNG, list: routes-vary}",
            "link from KOR: a line starts at a country of this step or an earlier one (expected one of "
            "PRK, CHN, VNM, LAO, MMR, THA, MNG), got KOR",
            id="from-a-later-step",
        ),
        pytest.param(
            "{from: VNM, to: LAO, list: journeys-through-countries}",
            "link to LAO: a line ends at a country of this step (expected one of MNG), got LAO",
            id="to-another-step",
        ),
        pytest.param(
            "{from: MNG, to: THA, lst: routes-vary}",
            'unknown field "lst" in links entry 1; expected one of from, to, list',
            id="unknown-link-field",
        ),
        pytest.param(
            "{from: MNG, list: routes-vary}",
            'missing field "to" in links entry 1',
            id="missing-link-field",
        ),
    ],
)
def test_a_bad_link_is_refused_on_its_line(data_copy, link, expected):
    line = add_link(data_copy, link)
    problem = one_problem(data_copy, "^" + re.escape(expected) + "$")
    assert problem.line == line


def test_a_line_the_wrong_way_round_is_refused(data_copy):
    line = edit(
        data_copy / "journey.yaml",
        "{from: VNM, to: LAO, list: journeys-through-countries}",
        "{from: LAO, to: VNM, list: journeys-through-countries}",
    )
    assert one_problem(data_copy, r'^step "southern-routes": link LAO to VNM is not drawn').line == line


def test_a_line_across_a_gap_in_the_list_is_refused(data_copy):
    # The interview lists Vietnam, Myanmar, and Laos: Vietnam and Laos are not next to each other there.
    line = edit(
        data_copy / "journey.yaml",
        "{from: VNM, to: LAO, list: journeys-through-countries}",
        "{from: VNM, to: LAO, list: routes-vary}",
    )
    assert one_problem(data_copy, r'^step "southern-routes": link VNM to LAO is not drawn').line == line


def test_a_bracketed_insertion_cannot_make_a_list(data_copy):
    # The quote stays verbatim (brackets are allowed), but the inserted country is ours, not the source's.
    edit(data_copy / "excerpts.yaml", "On other\n    days, Mongolia", "On other\n    days, [China,] Mongolia")
    line = add_link(data_copy, "{from: CHN, to: MNG, list: routes-vary}")
    assert one_problem(data_copy, r'^step "mongolia": link CHN to MNG is not drawn').line == line


def test_a_link_block_mapping_reports_each_field_on_its_line(data_copy):
    old = "{from: LAO, to: THA, list: journeys-through-countries}"
    line = edit(data_copy / "journey.yaml", old, "from: LAO\n      to: THA\n      list: routes-vary")
    assert one_problem(data_copy, r'^step "thailand": link LAO to THA is not drawn').line == line + 2


def test_a_line_to_a_country_outside_the_list_is_refused_naming_step_line_and_list(data_copy):
    # The article's list ends with Thailand; South Korea is where the journeys end, not a member.
    old = (
        "  countries: [KOR]\n  excerpts:\n    - journeys-through-countries\n"
        "    - government-cannot-assist\n  links: []"
    )
    new = old.replace("links: []", "links:\n    - {from: THA, to: KOR, list: journeys-through-countries}")
    line = edit(data_copy / "journey.yaml", old, new) + 5
    problem = one_problem(data_copy, r'^step "south-korea": link THA to KOR is not drawn from a source list')
    assert problem.line == line
    assert "journeys-through-countries (its lists: China, Vietnam, Laos, Thailand)" in problem.message


def test_every_journey_problem_is_reported_at_once_with_the_other_files(data_copy):
    edit(data_copy / "journey.yaml", "countries: [CHN]", "countries: [XYZ]")
    edit(data_copy / "journey.yaml", "slug: south-korea", "slug: South Korea")
    add_link(data_copy, "{from: LAO, to: MNG, list: routes-vary}")
    edit(data_copy / "countries.csv", "KOR,South Korea,destination", "KOR,South Korea,refuge")
    problems = problems_of(data_copy)
    journey = [p.message for p in problems if p.file == "data/journey.yaml"]
    assert any(m.startswith('country "XYZ"') for m in journey)
    assert any(m.startswith("slug: expected") for m in journey)
    assert any(m.startswith('step "mongolia": link LAO to MNG') for m in journey)
    assert any(p.file == "data/countries.csv" for p in problems)


def test_a_bad_excerpt_is_not_reported_again_for_each_step_citing_it(data_copy):
    edit(
        data_copy / "excerpts.yaml",
        "kind: quote\n  text: >-\n    But travel routes vary.",
        "kind: quoted\n  text: >-\n    But travel routes vary.",
    )
    problems = problems_of(data_copy)
    assert [p.file for p in problems] == ["data/excerpts.yaml"], [str(p) for p in problems]


def test_no_sentence_of_either_source_names_north_korea_then_china(atlas):
    # What the China step's note says, checked against the whole of both texts.
    names = {code: country.name for code, country in atlas.countries.items()}
    for text in atlas.source_texts.values():
        assert list_sentence(text, names, "PRK", "CHN") is None
        assert list_sentence(text, names, "CHN", "MNG") is None
        assert list_sentence(text, names, "PRK", "MNG") is None


@pytest.mark.parametrize(
    "setting, choice, ask, noted_shown, noted_left_out",
    [
        ("ask", None, True, False, False),  # the card first; nothing said to be left out yet
        ("ask", "show", False, True, False),
        ("ask", "skip", False, False, True),
        ("show", None, False, True, False),
        ("show", "skip", False, True, False),  # the setting opens them for the whole lesson
        ("hide", None, False, False, True),
        ("hide", "show", False, False, True),
    ],
)
def test_a_steps_content_notes_follow_the_setting_and_the_cards_answer(
    atlas, setting, choice, ask, noted_shown, noted_left_out
):
    from route_atlas.journey import content_note_view

    china = step(atlas, "china")
    view = content_note_view(atlas, china, setting, choice)
    noted = [e for e in step_excerpts(atlas, china) if e.content_note]
    assert view.ask is ask
    assert (noted[0] in view.shown) is noted_shown
    assert view.left_out == (noted if noted_left_out else [])
    assert [e for e in view.shown if not e.content_note] == [
        e for e in step_excerpts(atlas, china) if not e.content_note
    ]
