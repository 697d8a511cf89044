import pytest

from route_atlas.quoting import enumerations, find_quote, list_sentence, named_countries, sentences
from tests.conftest import NAMES

TEXT = (
    "You have recused over 1000 North Koreans in the past two decades.  I'm sure.\n\n"
    "the Kim [Jong Un] regime will blame the South Korean government. "
    "For instance, the jungles extend some 4,800km. The distance is about 430km. Now imagine."
)


@pytest.mark.parametrize(
    "quote",
    [
        "You have recused over 1000 North Koreans",
        "You have recused [sic] over 1000 North Koreans",
        "two decades. I'm sure.",  # white space differs from the copy
        "the Kim [Jong Un] regime will blame",  # brackets printed in the copy itself
        "the Kim [Jong Un] regime will blame the [then] South Korean government",
        "For instance, the jungles extend some 4,800km. … Now imagine.",
        "For instance, the jungles extend some 4,800km. ... Now imagine.",
    ],
)
def test_a_verbatim_quote_with_allowed_edits_is_found(quote):
    assert find_quote(quote, TEXT) is not None


@pytest.mark.parametrize(
    "quote",
    [
        "You have rescued over 1000 North Koreans",  # a silent correction
        "the Kim regime will blame",  # words dropped without an elision mark
        "Now imagine. … For instance, the jungles",  # elided parts out of order
        "over 1000 North Koreans in the past three decades",
        "",
        "…",
    ],
)
def test_a_changed_quote_is_not_found(quote):
    assert find_quote(quote, TEXT) is None


def test_the_position_is_where_the_quote_starts():
    assert find_quote("the Kim [Jong Un] regime", TEXT) == TEXT.index("the Kim")


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
