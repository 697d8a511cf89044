"""The view layer: what a reader sees, in which words, decided once for every surface."""

import pytest

from route_atlas.display import display_from
from route_atlas.present import (
    FOLDED,
    LEFT_OUT,
    SHOWN,
    back_link,
    country_message,
    country_panel,
    excerpt_view,
    exchange_view,
    list_views,
    opening_panel,
    source_views,
    spellings_line,
    step_view,
)
from route_atlas.quoting import find_quote
from tests.conftest import step


def excerpt(atlas, excerpt_id):
    return next(e for e in atlas.excerpts if e.id == excerpt_id)


# --- one excerpt -------------------------------------------------------------------------------


@pytest.mark.parametrize("setting, state", [("ask", FOLDED), ("show", SHOWN), ("hide", LEFT_OUT)])
def test_a_noted_excerpt_follows_the_setting(atlas, setting, state):
    view = excerpt_view(atlas, excerpt(atlas, "colleague-killed-2016"), setting)
    assert view.state == state
    assert view.note == "Content note: killing"
    assert view.left_out_line == (
        "One excerpt about killing left out (content notes: Hide)." if state == LEFT_OUT else ""
    )


def test_a_reader_who_decided_sees_it_whatever_the_setting(atlas):
    assert excerpt_view(atlas, excerpt(atlas, "colleague-killed-2016"), "ask", decided=True).state == SHOWN


@pytest.mark.parametrize("setting", ["ask", "show", "hide"])
def test_an_excerpt_without_a_note_is_always_shown(atlas, setting):
    view = excerpt_view(atlas, excerpt(atlas, "routes-vary"), setting)
    assert (view.state, view.note, view.tags) == (SHOWN, "", ())


def test_the_credit_names_the_speaker_and_the_source(atlas):
    view = excerpt_view(atlas, excerpt(atlas, "sundance-audience-award"), "ask")
    assert view.speaker == "Photo caption"
    assert view.credit == "Photo caption · JAPAN Forward interview"
    assert view.source_id == "japan-forward"


# --- Explore -----------------------------------------------------------------------------------


def test_a_country_panel_says_its_role_and_counts_its_excerpts(atlas):
    panel = country_panel(atlas, "MNG", "ask")
    assert (panel.heading, panel.role_line) == ("Mongolia", "Transit country.")
    assert panel.count_line == "1 excerpt from the sources names Mongolia."
    assert [e.id for e in panel.excerpts] == [e.id for e in atlas.excerpts_about("MNG")]
    assert country_panel(atlas, "CHN", "ask").count_line.startswith(
        f"{len(atlas.excerpts_about('CHN'))} excerpts"
    )


def test_the_opening_panel_is_the_one_explore_yaml_lists(atlas):
    panel = opening_panel(atlas, "ask")
    assert panel.heading == atlas.opening.title
    assert [e.id for e in panel.excerpts] == list(atlas.opening.excerpts)


@pytest.mark.parametrize("asked, said", [(None, ""), ("chn", ""), ("XYZ", 'There is no route country "XYZ"')])
def test_a_link_to_an_unknown_country_is_named(atlas, asked, said):
    assert country_message(atlas, asked).startswith(said)


# --- the Journey -------------------------------------------------------------------------------


def test_the_heading_counts_the_steps(atlas):
    assert step_view(atlas, 2, "ask", None).heading == "Step 3 of 8: China"
    assert step_view(atlas, 0, "ask", None).heading.startswith("Step 1 of 8: ")


def test_ask_puts_a_card_naming_every_tag_before_the_noted_excerpts(atlas):
    china = atlas.steps.index(step(atlas, "china"))
    view = step_view(atlas, china, "ask", None)
    assert view.card.sentence == (
        "This step has 3 excerpts about killing and captivity (detention, forced labour, trafficking)."
    )
    assert all(not e.note for e in view.shown)
    skipped = step_view(atlas, china, "ask", "skip")
    assert skipped.card is None and skipped.offer_show
    assert skipped.left_out_line.startswith("3 excerpts about killing and captivity")
    shown = step_view(atlas, china, "ask", "show")
    assert shown.card is None and not shown.left_out and any(e.note for e in shown.shown)


def test_a_steps_map_layer_holds_its_countries_earlier_ones_and_its_lines(atlas):
    view = step_view(atlas, atlas.steps.index(step(atlas, "thailand")), "ask", None)
    assert view.layer.countries == ("THA",)
    assert view.layer.earlier == ("PRK", "CHN", "VNM", "LAO", "MMR")
    assert view.layer.links == (("LAO", "THA"),)
    assert view.countries_line == "Countries: Thailand"


def test_each_line_names_the_list_it_follows(atlas):
    sentence = (
        "Defectors often undertake life-threatening journeys through multiple countries, including "
        "China, Vietnam, Laos, and Thailand, to reach safety in South Korea."
    )
    southern = list_views(atlas, step(atlas, "southern-routes"))
    assert [v.line for v in southern] == [
        "The lines from China to Vietnam and from Vietnam to Laos follow a list in the Article on Beyond "
        f'Utopia (2024): "{sentence}"'
    ]
    thailand = list_views(atlas, step(atlas, "thailand"))
    assert [v.lead for v in thailand] == [
        "The line from Laos to Thailand follows a list in the Article on Beyond Utopia (2024)"
    ]
    assert list_views(atlas, step(atlas, "china")) == ()


def test_every_list_sentence_shown_is_verbatim_in_its_source(atlas):
    for chosen in atlas.steps:
        for listed in list_views(atlas, chosen):
            assert any(find_quote(listed.sentence, t) is not None for t in atlas.source_texts.values())


# --- Sources and Why ---------------------------------------------------------------------------


def test_a_linked_source_comes_first_and_paper_leaves_out_file_names(atlas):
    assert [s.id for s in source_views(atlas, "ask", first="beyond-utopia-article")][
        0
    ] == "beyond-utopia-article"
    for source in source_views(atlas, "ask", for_print=True):
        assert "File" not in dict(source.fields)


def test_both_spellings_are_given_in_one_sentence(atlas):
    assert spellings_line(atlas) == (
        "Pastor Kim's name is spelled Kim Seungeun in the JAPAN Forward interview and Kim Seongeun in "
        "the Article on Beyond Utopia (2024); each source is quoted as it spells it."
    )


def test_the_why_exchange_marks_where_the_interview_goes_on(atlas):
    exchange = exchange_view(atlas, "japan-forward", "publicising-routes", "ask")
    ids = [view.id for _, view in exchange]
    assert ids.index("jungles-vietnam-laos") == ids.index("publicising-routes-answer") + 1
    gaps = dict((view.id, gap) for gap, view in exchange)
    assert gaps["jungles-vietnam-laos"] and not gaps["surveillance-nonsensical"]
    assert not gaps[ids[0]]


def test_the_opening_panel_notes_kims_two_spellings(atlas):
    # Its excerpts spell him Kim Seungeun (the interview) and Kim Seongeun (the article).
    assert opening_panel(atlas, "ask").description == spellings_line(atlas)


# --- the way back from Sources ---------------------------------------------------------------


def test_the_way_back_names_the_country_and_keeps_a_known_excerpt(atlas):
    known = atlas.excerpts[0].id
    back = back_link(atlas, "chn", known)
    assert back.label == "← Back to China"
    assert back.query == {"country": "CHN", "excerpt": known}


def test_the_way_back_drops_an_unknown_excerpt_and_needs_a_route_country(atlas):
    assert back_link(atlas, "CHN", "no-such-excerpt").query == {"country": "CHN"}
    assert back_link(atlas, "CHN", None).query == {"country": "CHN"}
    assert back_link(atlas, "RUS", atlas.excerpts[0].id) is None
    assert back_link(atlas, None, None) is None


# --- what the address asks for -----------------------------------------------------------------


@pytest.mark.parametrize("asked", ["ask", "Show", " hide "])
def test_a_known_notes_setting_in_the_address_is_taken_without_a_word(asked):
    shown = display_from({"notes": asked})
    assert shown.notes == asked.strip().lower() and shown.notice == ""


@pytest.mark.parametrize("asked", ["maybe", "showall", "x" * 500])
def test_an_unknown_notes_setting_is_named_shortly_and_ask_is_used(asked):
    shown = display_from({"notes": asked})
    assert shown.notes is None
    assert shown.notice.startswith("There is no content-note setting")
    assert "?notes=show" in shown.notice and len(shown.notice) < 300


def test_no_notes_setting_in_the_address_says_nothing():
    assert display_from({}).notice == "" and display_from({"notes": ""}).notice == ""


# --- a kiosk's parameters ---------------------------------------------------------------------


def test_a_kiosk_leaves_noted_excerpts_out_unless_the_address_says_show():
    assert display_from({"kiosk": "1"}).notes == "hide"
    assert display_from({"kiosk": "1", "notes": "ask"}).notes == "hide"  # nobody to answer a card
    assert display_from({"kiosk": "1", "notes": "show"}).notes == "show"


def test_a_kiosk_takes_whole_seconds_and_idle_within_their_limits():
    shown = display_from({"kiosk": "1", "seconds": "7", "idle": "90"})
    assert (shown.seconds, shown.idle, shown.problems) == (7, 90, ())
    assert display_from({"kiosk": "1"}).seconds is None  # each step's own time


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ({"seconds": "0"}, "seconds"),
        ({"seconds": "-5"}, "seconds"),
        ({"seconds": "abc"}, "seconds"),
        ({"seconds": "99999"}, "seconds"),
        ({"seconds": "9" * 5000}, "seconds"),
        ({"seconds": "²"}, "seconds"),
        ({"idle": ""}, "idle"),
        ({"idle": "1"}, "idle"),
        ({"notes": "maybe"}, "notes"),
    ],
)
def test_a_bad_kiosk_parameter_falls_back_and_is_named_for_the_log_not_the_screen(query, name):
    shown = display_from({"kiosk": "1", **query})
    assert shown.kiosk and shown.seconds is None and shown.idle == 60 and shown.notes == "hide"
    (problem,) = shown.problems
    assert problem.startswith(f"kiosk: {name}=") and "using" in problem and len(problem) < 200
    assert shown.notice == ""
