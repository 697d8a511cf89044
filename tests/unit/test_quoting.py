import pytest

from route_atlas.quoting import find_quote

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
