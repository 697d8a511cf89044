"""The Excerpts page as AppTest runs it: the table, each filter, links with filters, content
notes, a picked row with its citation and links, and the downloads."""

import pytest

from route_atlas import load_content
from route_atlas.excerpt_table import COLUMNS
from tests.app.conftest import plain, texts
from tests.conftest import DATA

ATLAS = load_content(DATA)
IDS = [e.id for source in ATLAS.sources for e in ATLAS.excerpts_in(source)]
NOTED = {e.id for e in ATLAS.excerpts if e.content_note}
KILLING = "colleague-killed-2016"


def open_excerpts(app, setting=None, **query):
    """/excerpts?… opened from a link as the first page of a visit, then the sidebar's
    content-note setting chosen (on this page, as a teacher would before the lesson)."""
    for name, value in query.items():
        app.query_params[name] = value
    at = app.switch_page("pages/excerpts.py").run()
    if setting is not None:
        at.sidebar.button(key=f"app_notes_{setting}").click().run()
    assert not at.exception
    return at


def table(at):
    (frame,) = at.dataframe
    return frame.value


def shown_ids(at) -> list[str]:
    return list(table(at)["id"])


def count_line(at) -> str:
    return next(plain(c.value) for c in at.caption if c.value.startswith("Showing"))


def pick(at, position: int):
    """A click on a row's box: AppTest sets a dataframe's selection through its key."""
    at.session_state["excerpts_table"] = {"selection": {"rows": [position]}}
    return at.run()


def page_links(at) -> list[tuple[str, str]]:
    """Each page link's label and query ("country=CHN")."""
    return [(e.proto.label, e.proto.query_string) for e in at.get("page_link")]


# --- the table -----------------------------------------------------------------------------------


def test_the_page_shows_every_excerpt_in_source_order_with_readable_columns(app):
    at = open_excerpts(app)
    assert at.title[0].value == "Excerpts"
    assert shown_ids(at) == IDS
    assert count_line(at) == f"Showing {len(IDS)} of {len(IDS)} excerpts."
    assert list(table(at).columns) == list(COLUMNS)
    assert "China, Vietnam, Laos, Thailand, South Korea" in set(table(at)["countries"]), "names, not codes"
    assert not at.info, "no message without a link's filters"
    assert "Pick a row" in texts(at)


def test_the_page_is_in_the_navigation():
    import ui

    assert ("pages/excerpts.py", "Excerpts", "excerpts") in ui.PAGES


# --- each filter ---------------------------------------------------------------------------------


def test_the_country_filter_keeps_rows_naming_a_country_and_puts_it_in_the_address(app):
    at = open_excerpts(app)
    at.multiselect(key="excerpts_country").set_value(["MNG"]).run()
    assert shown_ids(at) == [i for i in IDS if "MNG" in ATLAS.excerpts_by_id([i])[0].countries]
    assert at.query_params["country"] == "MNG"


def test_the_source_filter(app):
    at = open_excerpts(app)
    at.selectbox(key="excerpts_source").set_value("beyond-utopia-article").run()
    assert shown_ids(at) == [e.id for e in ATLAS.excerpts_in("beyond-utopia-article")]
    assert at.query_params["source"] == "beyond-utopia-article"


def test_the_kind_filter(app):
    at = open_excerpts(app)
    at.segmented_control(key="excerpts_kind").set_value("summary").run()
    assert shown_ids(at) == [e.id for e in ATLAS.excerpts if e.kind == "summary"]
    assert at.query_params["kind"] == "summary"


def test_the_topic_filter(app):
    at = open_excerpts(app)
    at.selectbox(key="excerpts_topic").set_value("routes").run()
    assert set(shown_ids(at)) == {e.id for e in ATLAS.excerpts if e.topic == "routes"}
    assert at.query_params["topic"] == "routes"


def test_the_search_ignores_case_and_accents_and_goes_in_the_address(app):
    at = open_excerpts(app)
    at.text_input(key="excerpts_q").input("BRÖKER").run()
    assert shown_ids(at) == ["detours-and-brokers", "journeys-through-countries"]
    assert at.query_params["q"] == "BRÖKER"


def test_a_search_that_matches_nothing_says_so_and_offers_no_downloads(app):
    at = open_excerpts(app)
    at.text_input(key="excerpts_q").input("zebra").run()
    assert not at.dataframe
    assert "No excerpt matches all of these filters" in at.info[0].value
    assert not at.get("download_button")


def test_clearing_the_filters_shows_every_row_and_cleans_the_address(app):
    at = open_excerpts(app, country="CHN", q="broker")
    at.multiselect(key="excerpts_country").set_value([]).run()
    at.text_input(key="excerpts_q").input("").run()
    assert shown_ids(at) == IDS
    assert "country" not in at.query_params and "q" not in at.query_params


# --- links ---------------------------------------------------------------------------------------


def test_a_link_with_a_country_and_a_search_opens_that_view(app):
    at = open_excerpts(app, country="CHN", q="broker")
    assert shown_ids(at) == ["journeys-through-countries"]
    assert at.multiselect(key="excerpts_country").value == ["CHN"]
    assert at.text_input(key="excerpts_q").value == "broker"
    assert not at.info


@pytest.mark.parametrize("code", ["chn", " CHN "])
def test_a_country_code_in_any_case_works(app, code):
    at = open_excerpts(app, country=code)
    assert at.multiselect(key="excerpts_country").value == ["CHN"] and not at.info


def test_a_link_may_name_several_countries(app):
    at = open_excerpts(app, country=["MNG", "THA"])
    assert at.multiselect(key="excerpts_country").value == ["MNG", "THA"]


@pytest.mark.parametrize("code", ["XYZ", "RUS", "<b>x</b>"])
def test_an_unknown_country_in_the_link_is_dropped_with_a_short_message(app, code):
    at = open_excerpts(app, country=code)
    assert shown_ids(at) == IDS
    message = plain(at.info[0].value)
    assert message.startswith("Not in this atlas, so left out of the filters: country")
    assert "<b>" not in at.info[0].value.replace("\\<b\\>", "")
    assert "country" not in at.query_params, "the address keeps only what the atlas has"


def test_a_known_country_stays_when_an_unknown_one_is_dropped(app):
    at = open_excerpts(app, country=["XYZ", "LAO"])
    assert at.multiselect(key="excerpts_country").value == ["LAO"]
    assert '"XYZ"' in plain(at.info[0].value)


@pytest.mark.parametrize("name, value", [("source", "nyt"), ("kind", "poem"), ("topic", "weather")])
def test_other_unknown_values_in_the_link_are_dropped_too(app, name, value):
    at = open_excerpts(app, **{name: value})
    assert shown_ids(at) == IDS
    assert f'{name} "{value}"' in plain(at.info[0].value)


@pytest.mark.parametrize("q", ["broker", "Broker", "brokér"])
def test_a_search_in_the_link_is_read_as_typed(app, q):
    at = open_excerpts(app, q=q)
    assert shown_ids(at) == ["detours-and-brokers", "journeys-through-countries"]


@pytest.mark.parametrize("q", ["zebra", "<b>x</b>", "*"])
def test_a_search_in_the_link_that_matches_nothing_shows_the_message_not_an_error(app, q):
    at = open_excerpts(app, q=q)
    assert "No excerpt matches" in at.info[0].value


def test_the_links_message_goes_once_the_reader_changes_a_filter(app):
    at = open_excerpts(app, country="XYZ")
    assert at.info
    at.selectbox(key="excerpts_topic").set_value("routes").run()
    assert not at.info


# --- content notes -------------------------------------------------------------------------------


def test_ask_shows_each_noted_rows_note_in_place_of_its_text(app):
    at = open_excerpts(app)
    text = table(at).set_index("id")["text"]
    assert text[KILLING] == "Content note: killing. Pick the row to read it."
    assert all(text[i].startswith("Content note: ") for i in NOTED)


def test_show_shows_every_text(app):
    at = open_excerpts(app, setting="show")
    text = table(at).set_index("id")["text"]
    assert text[KILLING].startswith("Pastor Han Chung-yeol")


def test_hide_leaves_the_noted_rows_out_and_says_how_many(app):
    at = open_excerpts(app, setting="hide")
    assert shown_ids(at) == [i for i in IDS if i not in NOTED]
    assert count_line(at) == f"Showing {len(IDS) - len(NOTED)} of {len(IDS)} excerpts."
    left_out = next(plain(c.value) for c in at.caption if "left out" in c.value)
    assert left_out.startswith(f"{len(NOTED)} excerpts about ")


def test_hide_says_when_the_only_match_is_left_out(app):
    at = open_excerpts(app, setting="hide", q="2016")
    assert not at.dataframe
    assert any("1 excerpt about killing matches but is left out" in plain(c.value) for c in at.caption)


def test_a_link_can_choose_the_setting_for_the_visit(app):
    at = open_excerpts(app, notes="hide")
    assert shown_ids(at) == [i for i in IDS if i not in NOTED]


# --- a picked row --------------------------------------------------------------------------------


def test_a_picked_row_shows_the_excerpt_its_citation_to_copy_and_its_links(app):
    at = open_excerpts(app, q="broker")
    at = pick(at, 1)
    assert not at.exception
    quoted = [m.value for m in at.markdown if m.value.startswith("> ")]
    assert len(quoted) == 1 and "untrustworthy brokers" in plain(quoted[0])
    (line,) = [c.value for c in at.code]
    assert line.startswith("“Defectors often undertake")
    assert line.endswith(
        "” — Article text, in [Untitled news article about 'Beyond Utopia: Escape from North Korea'], "
        "2024-01-31."
    )
    links = page_links(at)
    assert [label for label, _ in links if label.endswith(" on Explore")] == [
        "China on Explore",
        "Vietnam on Explore",
        "Laos on Explore",
        "Thailand on Explore",
        "South Korea on Explore",
    ]
    assert ("China on Explore", "country=CHN") in links
    assert ("About this source", "source=beyond-utopia-article") in links


def test_a_picked_noted_row_is_opened_under_its_note(app):
    at = open_excerpts(app, q="2016")
    at = pick(at, 0)
    assert not at.expander, "the pick was the reader's choice to read it"
    assert any(c.value == "Content note: killing" for c in at.caption)
    assert any(plain(m.value).startswith("> Pastor Han Chung-yeol") for m in at.markdown)


def test_a_new_filter_forgets_the_picked_row(app):
    at = pick(open_excerpts(app), 0)
    assert at.code
    at.segmented_control(key="excerpts_kind").set_value("quote").run()
    assert not at.code
    assert "Pick a row" in texts(at)


# --- downloads and the cache ---------------------------------------------------------------------


def test_both_downloads_are_offered(app):
    at = open_excerpts(app)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Download these rows (CSV)", "Download these excerpts (PDF)"]


def test_the_table_is_built_once_per_content_version_not_once_per_rerun(app, monkeypatch):
    import ui

    calls = []
    real = ui.excerpt_table
    monkeypatch.setattr(ui, "excerpt_table", lambda atlas: calls.append(1) or real(atlas))
    ui._excerpt_table.clear()
    at = open_excerpts(app)
    for q in ("broker", "china", "kim", ""):
        at.text_input(key="excerpts_q").input(q).run()
    assert not at.exception
    assert len(calls) == 1, f"the table was built {len(calls)} times in 5 reruns"
