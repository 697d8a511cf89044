"""The guided journey's rules: which step a link means, what each step holds, content notes."""

import pytest

from route_atlas import Step
from route_atlas.journey import (
    resolve_step,
    step_content_notes,
    step_excerpts,
    visited_before,
)
from tests.conftest import step

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


def test_a_step_of_five_thousand_digits_is_no_step_not_a_crash(atlas):
    index, message = resolve_step(atlas.steps, "9" * 5000)
    assert index == 0 and len(message) < 120 and "showing step 1" in message


# --- what a step shows -----------------------------------------------------------------------


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
