"""Bad content reaches the page as a clear list of problems, never a traceback."""

import pytest

from tests.conftest import edit


@pytest.fixture
def app_on(app, monkeypatch):
    def use(folder):
        monkeypatch.setenv("ROUTE_ATLAS_DATA_DIR", str(folder))
        return app

    return use


@pytest.mark.parametrize("page", ["pages/explore.py", "pages/sources.py", "pages/why-country-level.py"])
def test_every_page_lists_content_problems_with_file_and_line(app_on, data_copy, page):
    line = edit(data_copy / "excerpts.yaml", "countries: [VNM, LAO, CHN]", "countries: [VNM, XYZ, LAO, CHN]")
    at = app_on(data_copy).run()
    if page != "pages/explore.py":
        at.switch_page(page).run()
    assert not at.exception
    assert "The content files have 1 problem," in at.error[0].value
    assert f'data/excerpts.yaml, line {line}: country "XYZ" is not one of' in at.code[0].value


def test_a_missing_content_file_is_named_not_a_traceback(app_on, data_copy):
    (data_copy / "countries.csv").unlink()
    at = app_on(data_copy).run()
    assert not at.exception
    assert "data/countries.csv: cannot be read" in at.code[0].value


def test_html_in_an_excerpt_is_refused_by_name_not_shown(app_on, data_copy):
    # Escaping would show it as text (tests/browser/test_offline_atlas.py proves that for content
    # past the loader); the loader refuses it where it is typed, since no quotation needs it.
    line = edit(
        data_copy / "excerpts.yaml",
        "Pastor Kim met Park Ester, now his wife,",
        "<img src=x onerror=alert(1)> Pastor Kim met Park Ester,",
    )
    at = app_on(data_copy).run()
    assert not at.exception
    assert "text: holds an HTML tag (<…>); content is plain text" in at.code[0].value
    assert f"data/excerpts.yaml, line {line - 1}" in at.code[0].value  # the line of its text: field
