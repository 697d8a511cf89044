import pytest

from tests.app.conftest import texts


def blockquotes(at) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("> ")]


def test_the_explore_page_renders_the_default_view(app):
    at = app.run()
    assert not at.exception
    assert at.title[0].value == "Explore the route countries"
    assert at.radio(key="explore_country").value is None
    assert "Country level only" in texts(at)
    assert blockquotes(at), "the default view quotes the general context"


@pytest.mark.parametrize(
    "iso3, name", [("PRK", "North Korea"), ("CHN", "China"), ("MMR", "Myanmar"), ("KOR", "South Korea")]
)
def test_a_country_in_the_url_opens_that_country(app, iso3, name):
    app.query_params["country"] = iso3
    at = app.run()
    assert not at.exception
    assert at.radio(key="explore_country").value == iso3
    assert [s.value for s in at.header] == [name]
    assert blockquotes(at) or at.expander, "the panel shows the country's excerpts"


@pytest.mark.parametrize("code", ["XYZ", "RUS", "<b>x</b>", "C H N"])
def test_an_unknown_country_in_the_url_shows_a_short_message_and_the_default_view(app, code):
    app.query_params["country"] = code
    at = app.run()
    assert not at.exception
    assert "There is no route country" in at.info[0].value
    assert at.radio(key="explore_country").value is None
    assert "<b>" not in at.info[0].value


def test_a_country_code_in_lower_case_works_too(app):
    app.query_params["country"] = "vnm"
    at = app.run()
    assert at.radio(key="explore_country").value == "VNM" and not at.info


def test_the_unknown_code_message_stays_after_the_maps_first_report(app):
    app.query_params["country"] = "XYZ"
    at = app.run()
    at.run()  # the map's first report reruns the page
    assert "There is no route country" in at.info[0].value


def test_choosing_from_the_list_selects_the_country_and_puts_it_in_the_url(app):
    at = app.run()
    at.radio(key="explore_country").set_value("VNM").run()
    assert [s.value for s in at.header] == ["Vietnam"]
    assert at.query_params["country"] == "VNM"
    assert not at.info, "the unknown-country message is not shown"


def test_a_map_click_selects_the_country_like_the_list(app):
    # AppTest cannot see inside st_folium: a click arrives as the state its callback sets.
    at = app.run()
    at.session_state["explore_country"] = "LAO"
    at.run()
    assert [s.value for s in at.header] == ["Laos"]
    assert at.query_params["country"] == "LAO"


def test_every_excerpt_names_its_speaker_and_links_its_source(app):
    app.query_params["country"] = "CHN"
    at = app.run()
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert "— Kim Seungeun · JAPAN Forward interview" in captions
    assert "— Article text · Article on Beyond Utopia (2024)" in captions


def test_the_interviews_own_words_are_credited_as_its_introduction(app):
    app.query_params["country"] = "KOR"
    at = app.run()
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert "— Introduction · JAPAN Forward interview" in captions


def test_the_opening_panel_shows_the_dangers_of_the_journeys(app):
    at = app.run()
    assert [s.value for s in at.header] == ["Where the journeys run"]
    assert any("untrustworthy brokers" in q for q in blockquotes(at))
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert "— Photo caption · JAPAN Forward interview" in captions


def test_a_country_panel_counts_the_excerpts_that_name_it(app):
    app.query_params["country"] = "MNG"
    at = app.run()
    assert "1 excerpt from the sources names Mongolia." in [c.value.replace("\\", "") for c in at.caption]


def test_content_noted_excerpts_are_folded_behind_their_note_by_default(app):
    app.query_params["country"] = "PRK"
    at = app.run()
    labels = [e.label for e in at.expander]
    assert "Content note: torture and captivity (detention, forced labour, trafficking)" in labels
    assert "Content note: a child's death" in labels


def test_the_sidebar_setting_show_unfolds_content_noted_excerpts(app):
    app.query_params["country"] = "PRK"
    at = app.run()
    at.sidebar.button(key="app_notes_show").click().run()
    assert not at.expander
    assert any(c.value.startswith("Content note: torture and captivity") for c in at.caption)
    assert any("subjected to cruel torture" in q for q in blockquotes(at))


def test_the_sidebar_setting_hide_leaves_them_out_and_says_so(app):
    app.query_params["country"] = "PRK"
    at = app.run()
    at.sidebar.button(key="app_notes_hide").click().run()
    assert not at.expander
    assert not any("subjected to cruel torture" in q for q in blockquotes(at))
    assert any(
        c.value.startswith("One excerpt about torture and captivity") and "left out" in c.value
        for c in at.caption
    )


def test_the_content_is_read_once_per_process_not_once_per_rerun(app, monkeypatch):
    import ui

    calls = []
    real = ui.load_content
    monkeypatch.setattr(ui, "load_content", lambda: calls.append(1) or real())
    ui._load.clear()
    at = app.run()
    for iso3 in ("CHN", "LAO", "THA", "CHN"):
        at.radio(key="explore_country").set_value(iso3).run()
    at.switch_page("pages/sources.py").run()
    assert not at.exception
    assert len(calls) == 1, f"the content files were parsed {len(calls)} times in 6 reruns"


def test_a_link_from_another_page_opens_its_country_when_another_is_open(app):
    at = app.run()
    at.radio(key="explore_country").set_value("LAO").run()
    at.switch_page("pages/excerpts.py").run()
    at.query_params["country"] = "CHN"  # the Excerpts page's "China on Explore"
    at.switch_page("pages/explore.py").run()
    assert at.radio(key="explore_country").value == "CHN"
    assert [s.value for s in at.header] == ["China"]


def test_coming_back_without_a_country_in_the_address_finds_the_country_still_open(app):
    at = app.run()
    at.radio(key="explore_country").set_value("LAO").run()
    at.switch_page("pages/sources.py").run()
    at.query_params.pop("country", None)
    at.switch_page("pages/explore.py").run()
    assert at.radio(key="explore_country").value == "LAO"
