"""The journey's checks (checks.py): every problem in journey.yaml named with its file and line."""

import re

import pytest

from route_atlas import ContentError, load_content
from tests.conftest import edit

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
        "    - asylum-not-repatriation\n    - jungles-vietnam-laos",
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
