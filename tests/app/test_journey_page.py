"""The Journey page as AppTest runs it: every step, links to a step, the buttons, content notes,
projector mode and the handout button."""

import logging
import re

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from route_atlas import load_content
from route_atlas.escaping import for_markdown
from route_atlas.journey import step_excerpts
from tests.app.conftest import APP, plain, texts
from tests.conftest import DATA

ATLAS = load_content(DATA)
STEPS = ATLAS.steps
SLUGS = [step.slug for step in STEPS]
LAST = len(STEPS)
KILLING = "colleague-killed-2016"  # china: the killing of Pastor Han Chung-yeol
TORTURE = "defector-tortured-nine-months"  # north-korea
CHILD_DEATH = "timothy-cho"  # north-korea


def open_journey(app, step=None, present=None, notes=None):
    """The Journey page opened from a link: /journey?step=...&present=..., after the sidebar's
    content-note setting was chosen (on the first page, as a teacher would before the lesson)."""
    if step is not None:
        app.query_params["step"] = step
    if present is not None:
        app.query_params["present"] = present
    at = app.run()
    if notes is not None:
        at.sidebar.button(key=f"app_notes_{notes}").click().run()
    at.switch_page("pages/journey.py").run()
    assert not at.exception
    return at


def heading(at) -> str:
    assert len(at.header) == 1, [h.value for h in at.header]
    return plain(at.header[0].value)


def expected_heading(number: int) -> str:
    return f"Step {number} of {LAST}: {STEPS[number - 1].title}"


def button(where, label: str):
    """The button with this label in the main area (or in a block such as the card), leaving out
    the twins of Previous and Next at the foot of a step (see the test of those)."""
    found = [
        b
        for b in getattr(where, "main", where).button
        if b.label == label and not (b.key or "").endswith("_bottom")
    ]
    assert len(found) == 1, f"{len(found)} buttons labelled {label!r}"
    return found[0]


def shown(excerpt) -> str:
    """The Markdown the page writes for an excerpt: a quotation or a labelled summary."""
    prefix = "> " if excerpt.kind == "quote" else "**Summary:** "
    return prefix + for_markdown(excerpt.text)


def markdowns(at) -> list[str]:
    return [m.value for m in at.markdown]


def excerpt(excerpt_id: str):
    return next(e for e in ATLAS.excerpts if e.id == excerpt_id)


def card(at) -> Block | None:
    """The content-note card: the bordered container keyed content_note_card, if shown."""
    found = []

    def walk(node):
        if isinstance(node, Block):
            # A keyed container's id ends with its key; columns and other blocks have none.
            if getattr(node.proto, "id", "").endswith("-content_note_card"):
                found.append(node)
            for child in node.children.values():
                walk(child)

    walk(at.main)
    assert len(found) <= 1
    if found:
        assert found[0].proto.flex_container.border, "the card has a border"
    return found[0] if found else None


def projector_css(at) -> bool:
    return any("font-size: 28px" in h.proto.body for h in at.get("html"))


def assert_step(at, number: int) -> None:
    """The page shows step `number` (1-based): heading, address, and its untagged excerpts."""
    step = STEPS[number - 1]
    assert not at.exception
    assert heading(at) == expected_heading(number)
    assert at.query_params["step"] == step.slug
    on_page = markdowns(at)
    for item in step_excerpts(ATLAS, step):
        if not item.content_note:
            assert shown(item) in on_page, f"step {number} does not show {item.id}"


# --- every step ------------------------------------------------------------------------------


@pytest.mark.parametrize("number", range(1, LAST + 1), ids=SLUGS)
def test_a_link_to_each_step_opens_it_with_its_excerpts(app, number):
    at = open_journey(app, step=SLUGS[number - 1])
    assert_step(at, number)
    assert not at.info, "no message for a step that exists"
    step = STEPS[number - 1]
    tagged = [e for e in step_excerpts(ATLAS, step) if e.content_note]
    # Tagged excerpts wait behind the content-note card (the default setting, Ask).
    assert (card(at) is not None) == bool(tagged)
    for item in tagged:
        assert shown(item) not in markdowns(at)


def test_next_walks_through_every_step_in_order(app):
    at = open_journey(app)
    assert_step(at, 1)
    for number in range(2, LAST + 1):
        button(at, "Next →").click().run()
        assert_step(at, number)


def test_previous_and_next_at_the_foot_of_a_step_move_as_the_top_ones_do(app):
    at = open_journey(app, step="china")
    at.button(key="journey_next_bottom").click().run()
    assert_step(at, 4)
    at.button(key="journey_previous_bottom").click().run()
    at.button(key="journey_previous_bottom").click().run()
    assert_step(at, 2)


def test_projector_mode_has_no_foot_buttons_since_its_page_never_scrolls(app):
    at = open_journey(app, present="1")
    assert not [b for b in at.main.button if (b.key or "").endswith("_bottom")]


def test_the_page_without_a_step_opens_on_step_1_with_no_message(app):
    at = open_journey(app)
    assert_step(at, 1)
    assert not at.info


# --- links to a step -------------------------------------------------------------------------


@pytest.mark.parametrize("asked, number", [("china", 3), ("3", 3), ("CHINA", 3), ("8", 8), ("1", 1)])
def test_a_step_is_opened_by_its_slug_or_its_number(app, asked, number):
    at = open_journey(app, step=asked)
    assert_step(at, number)
    assert not at.info


def test_a_number_shows_the_same_step_as_its_slug(app):
    by_number = open_journey(app, step="3")
    by_slug = open_journey(AppTest.from_file(APP, default_timeout=60), step="china")
    assert texts(by_number) == texts(by_slug)
    assert by_number.query_params["step"] == by_slug.query_params["step"] == "china"


@pytest.mark.parametrize("asked", ["0", "-1", "999", "garbage", "<b>x</b>", "9"])
def test_a_step_that_does_not_exist_shows_a_short_message_and_step_1(app, asked):
    at = open_journey(app, step=asked)
    assert_step(at, 1)
    assert len(at.info) == 1
    message = at.info[0].value
    assert f'There is no step "{asked}"' in plain(message)
    assert "showing step 1" in plain(message)
    assert "<" not in message.replace("\\<", ""), f"raw HTML in the message: {message!r}"


def test_the_unknown_step_message_goes_once_the_class_moves_on(app):
    at = open_journey(app, step="garbage")
    assert at.info
    at.run()  # a rerun (the map's first report, a widget) keeps it
    assert at.info
    button(at, "Next →").click().run()
    assert_step(at, 2)
    assert not at.info


# --- the buttons -----------------------------------------------------------------------------


def test_previous_and_first_are_disabled_on_step_1(app):
    at = open_journey(app)
    assert button(at, "« First").disabled and button(at, "← Previous").disabled
    assert not button(at, "Next →").disabled and not button(at, "Last »").disabled


def test_next_and_last_are_disabled_on_the_last_step(app):
    at = open_journey(app, step=SLUGS[-1])
    assert button(at, "Next →").disabled and button(at, "Last »").disabled
    assert not button(at, "« First").disabled and not button(at, "← Previous").disabled


def test_each_button_moves_where_it_says(app):
    at = open_journey(app, step="china")
    moves = [
        (lambda: button(at, "Next →"), 4),
        (lambda: button(at, "← Previous"), 3),
        (lambda: button(at, "Last »"), LAST),
        (lambda: button(at, "« First"), 1),
        (lambda: at.button(key="journey_pagedown"), 2),  # the clicker's PageDown
        (lambda: at.button(key="journey_pagedown"), 3),
        (lambda: at.button(key="journey_pageup"), 2),  # the clicker's PageUp
    ]
    for which, number in moves:
        which().click().run()
        assert_step(at, number)


def test_the_clickers_twin_buttons_are_hidden_from_sight(app):
    at = open_journey(app)
    assert at.button(key="journey_pagedown").label == "Next"
    assert at.button(key="journey_pageup").label == "Previous"
    css = " ".join(h.proto.body for h in at.get("html"))
    assert ".st-key-journey_pagedown" in css and ".st-key-journey_pageup" in css
    assert "display: none" in css


def test_the_twins_stop_at_the_ends_too(app):
    at = open_journey(app)
    at.button(key="journey_pageup").click().run()
    assert_step(at, 1)
    button(at, "Last »").click().run()
    at.button(key="journey_pagedown").click().run()
    assert_step(at, LAST)


# --- content notes ---------------------------------------------------------------------------


def untagged_shown(at, slug: str) -> None:
    step = STEPS[SLUGS.index(slug)]
    for item in step_excerpts(ATLAS, step):
        if not item.content_note:
            assert shown(item) in markdowns(at), f"{item.id} is not shown"


def test_the_card_names_what_is_coming_and_holds_the_excerpt_back(app):
    at = open_journey(app, step="china")
    found = card(at)
    assert found is not None, "no content-note card on the China step"
    words = plain(" ".join(m.value for m in found.markdown))
    assert (
        "This step has 3 excerpts about killing and captivity (detention, forced labour, trafficking)"
        in words
    )
    assert [b.label for b in found.button] == ["Show these excerpts", "Skip these excerpts"]
    assert shown(excerpt(KILLING)) not in markdowns(at)
    assert not at.expander, "the excerpt is not folded on the page either: the card asks first"
    untagged_shown(at, "china")


def test_the_card_names_each_kind_of_material(app):
    at = open_journey(app, step="north-korea")
    words = plain(" ".join(m.value for m in card(at).markdown))
    assert "torture" in words and "a child's death" in words and "2 excerpts about" in words


def test_show_reveals_the_excerpts_under_their_note(app):
    at = open_journey(app, step="china")
    button(card(at), "Show these excerpts").click().run()
    assert card(at) is None
    assert shown(excerpt(KILLING)) in markdowns(at)
    assert "Content note: killing" in [c.value for c in at.caption]
    untagged_shown(at, "china")


def test_skip_leaves_them_out_and_says_how_many(app):
    at = open_journey(app, step="north-korea")
    button(card(at), "Skip these excerpts").click().run()
    assert card(at) is None
    on_page = markdowns(at)
    assert shown(excerpt(TORTURE)) not in on_page and shown(excerpt(CHILD_DEATH)) not in on_page
    assert any(
        c.value.replace("\\", "").startswith("2 excerpts about torture, a child's death and captivity")
        and c.value.endswith("left out of this step\\.")
        for c in at.caption
    )
    untagged_shown(at, "north-korea")
    # A change of mind is one click away.
    button(at, "Show them after all").click().run()
    assert shown(excerpt(TORTURE)) in markdowns(at)


def test_the_choice_is_kept_for_the_step_when_the_class_moves_on_and_back(app):
    at = open_journey(app, step="china")
    button(card(at), "Show these excerpts").click().run()
    button(at, "Next →").click().run()
    button(at, "← Previous").click().run()
    assert_step(at, 3)
    assert card(at) is None
    assert shown(excerpt(KILLING)) in markdowns(at)


def test_a_choice_on_one_step_does_not_answer_for_another(app):
    at = open_journey(app, step="north-korea")
    button(card(at), "Show these excerpts").click().run()
    button(at, "Next →").click().run()
    assert_step(at, 3)
    assert card(at) is not None, "China asks again"


def test_the_setting_show_shows_them_with_no_card(app):
    at = open_journey(app, step="china", notes="show")
    assert card(at) is None
    assert shown(excerpt(KILLING)) in markdowns(at)
    assert "Content note: killing" in [c.value for c in at.caption]
    untagged_shown(at, "china")


def test_the_setting_hide_leaves_them_out_with_a_line_and_no_card(app):
    at = open_journey(app, step="north-korea", notes="hide")
    assert card(at) is None
    on_page = markdowns(at)
    assert shown(excerpt(TORTURE)) not in on_page and shown(excerpt(CHILD_DEATH)) not in on_page
    assert any(c.value.startswith("2 excerpts about torture") and "left out" in c.value for c in at.caption)
    untagged_shown(at, "north-korea")


def test_the_setting_can_change_during_the_lesson(app):
    at = open_journey(app, step="china")
    assert card(at) is not None
    at.sidebar.button(key="app_notes_show").click().run()
    assert card(at) is None and shown(excerpt(KILLING)) in markdowns(at)
    at.sidebar.button(key="app_notes_hide").click().run()
    assert card(at) is None and shown(excerpt(KILLING)) not in markdowns(at)


def test_a_step_with_nothing_tagged_has_no_card_in_any_setting():
    for notes in ("ask", "show", "hide"):
        at = open_journey(AppTest.from_file(APP, default_timeout=60), step="mongolia", notes=notes)
        assert card(at) is None
        assert not any("left out" in c.value for c in at.caption)
        untagged_shown(at, "mongolia")


# --- projector mode --------------------------------------------------------------------------


def mode_button(at):
    return at.button(key="journey_present_button")


def test_present_1_opens_in_projector_mode(app):
    at = open_journey(app, step="china", present="1")
    assert mode_button(at).label == "Leave projector mode"
    assert projector_css(at), "no projector CSS (font-size: 28px) on the page"
    assert at.query_params["present"] == "1"
    assert_step(at, 3)


def test_turning_projector_mode_off_removes_its_style_and_the_address_part(app):
    at = open_journey(app, step="china", present="1")
    mode_button(at).click().run()
    assert not projector_css(at)
    assert "present" not in at.query_params
    assert at.get("download_button"), "the handout button is back"
    assert_step(at, 3)


def test_the_button_turns_projector_mode_on(app):
    at = open_journey(app, step="thailand")
    assert mode_button(at).label == "Projector mode"
    assert not projector_css(at) and "present" not in at.query_params
    mode_button(at).click().run()
    assert projector_css(at)
    assert at.query_params["present"] == "1"
    assert_step(at, 5)


def test_projector_mode_stays_on_while_the_class_moves(app):
    at = open_journey(app, present="1")
    button(at, "Next →").click().run()
    at.button(key="journey_pagedown").click().run()
    assert_step(at, 3)
    assert projector_css(at) and at.query_params["present"] == "1"


@pytest.mark.parametrize("value", ["0", "yes", ""])
def test_only_present_1_turns_projector_mode_on(app, value):
    at = open_journey(app, present=value)
    assert mode_button(at).label == "Projector mode"
    assert not projector_css(at)


# --- the handout -----------------------------------------------------------------------------


@pytest.mark.parametrize("present", [None, "1"])
def test_the_handout_button_is_there_in_either_mode(app, present):
    at = open_journey(app, step="china", present=present)
    downloads = at.get("download_button")
    assert [d.label for d in downloads] == ["Handout (PDF)" if present else "Download handout (PDF)"]
    assert "content-note setting" in downloads[0].help


# --- the content-note setting in the address and on a projector --------------------------------


def test_projector_mode_offers_the_content_note_setting_and_keeps_it_in_the_address(app):
    at = open_journey(app, step="china", present="1")
    assert card(at) is not None
    at.button(key="journey_notes_show").click().run()
    assert card(at) is None
    assert shown(excerpt(KILLING)) in markdowns(at)
    assert at.query_params["notes"] == "show"
    button(at, "Next →").click().run()
    assert at.query_params["notes"] == "show", "the setting left the address as the class moved on"


def test_the_sidebar_setting_goes_into_the_address(app):
    at = open_journey(app, step="china", notes="hide")
    assert at.query_params["notes"] == "hide"
    assert at.query_params["step"] == "china"


@pytest.mark.parametrize("asked", ["maybe", "SHOWALL", "<b>x</b>"])
def test_an_unknown_notes_setting_in_a_link_is_named_dropped_and_ask_is_used(asked):
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["step"] = "china"
    app.query_params["notes"] = asked
    at = app.run()
    at.switch_page("pages/journey.py").run()
    assert card(at) is not None, "Ask: the step's card"
    assert "notes" not in at.query_params
    assert not [i for i in at.info if "content-note setting" in plain(i.value)], "said once, not again"
    first = AppTest.from_file(APP, default_timeout=60)
    first.query_params["notes"] = asked
    first = first.run()
    (message,) = [plain(i.value) for i in first.info if "content-note setting" in plain(i.value)]
    assert "There is no content-note setting" in message and "?notes=show" in message


@pytest.mark.parametrize("notes", ["hide", "show"])
def test_a_link_chooses_the_content_note_setting_for_the_visit(notes):
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["step"] = "china"
    app.query_params["notes"] = notes
    at = app.run()
    at.switch_page("pages/journey.py").run()
    assert card(at) is None
    assert (shown(excerpt(KILLING)) in markdowns(at)) is (notes == "show")


def test_projector_mode_builds_no_sidebar_and_no_navigation():
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["present"] = "1"
    at = app.run()
    assert not at.sidebar.button, "no content-note buttons: the sidebar is not built"
    assert not at.sidebar.markdown


# --- the kiosk -------------------------------------------------------------------------------


def kiosk_data(at) -> dict:
    """What the page tells the kiosk loop (static/kiosk.js), from its .atlas-kiosk-data element."""
    (body,) = [h.proto.body for h in at.get("html") if 'class="atlas-kiosk-data"' in h.proto.body]
    return dict(re.findall(r'data-(\w+)="([^"]*)"', body))


def open_kiosk(**query):
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["kiosk"] = "1"
    for name, value in query.items():
        app.query_params[name] = value
    at = app.run()
    return at.switch_page("pages/journey.py").run()


def test_a_kiosk_tells_the_loop_each_steps_own_time_and_no_card_waits():
    at = open_kiosk(step="china")
    assert not at.exception and card(at) is None
    assert kiosk_data(at) == {
        "step": "2",
        "last": str(LAST - 1),
        "first": STEPS[0].slug,
        "seconds": str(STEPS[2].seconds),
        "fixed": "0",
        "pace": "3",
        "idle": "60",
    }
    assert shown(excerpt(KILLING)) not in markdowns(at), "a kiosk leaves noted excerpts out"
    assert at.button(key="journey_kiosk_next")


def test_the_kiosk_button_wraps_from_the_last_step_to_the_first():
    at = open_kiosk(step=str(LAST))
    at.button(key="journey_kiosk_next").click().run()
    assert_step(at, 1)


@pytest.mark.parametrize(
    "query",
    [
        {"seconds": "0"},
        {"seconds": "-5"},
        {"seconds": "abc"},
        {"seconds": "99999"},
        {"idle": ""},
        {"notes": "maybe"},
    ],
    ids=lambda q: "&".join(f"{k}={v}" for k, v in q.items()),
)
def test_a_bad_kiosk_parameter_falls_back_quietly_on_the_screen(query, caplog):
    with caplog.at_level(logging.WARNING, logger="route_atlas"):
        at = open_kiosk(step="china", **query)
    assert not at.exception
    assert not (at.info or at.warning or at.error), "a venue's screen shows no messages"
    data = kiosk_data(at)
    assert (data["fixed"], data["idle"]) == ("0", "60")
    assert [r.getMessage() for r in caplog.records if r.getMessage().startswith("kiosk: ")], (
        "nothing in the log"
    )


def test_a_kiosk_with_seconds_sets_every_steps_time():
    data = kiosk_data(open_kiosk(seconds="2", idle="5", notes="show"))
    assert (data["seconds"], data["fixed"], data["idle"]) == ("2", "1", "5")
