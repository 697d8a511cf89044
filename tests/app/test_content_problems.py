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


def test_html_in_an_excerpt_is_shown_as_text(app_on, data_copy):
    edit(
        data_copy / "excerpts.yaml",
        "Pastor Kim met Park Ester, now his wife,",
        "<img src=x onerror=alert(1)> ${alert(1)} [link](javascript:alert(1)) South Korea. "
        "Pastor Kim met Park Ester,",
    )
    edit(
        data_copy / "excerpts.yaml",
        "anchor: To safely rescue the woman I fell in love with\n  countries: []",
        "anchor: To safely rescue the woman I fell in love with\n  countries: [KOR]",
    )
    app = app_on(data_copy)
    app.query_params["country"] = "KOR"
    at = app.run()
    assert not at.exception
    summary = next(m.value for m in at.markdown if m.value.startswith("**Summary:**"))
    assert r"\<img src=x onerror=alert\(1\)\>" in summary
    assert r"\$\{alert\(1\)\}" in summary
    assert r"\[link\]\(javascript:alert\(1\)\)" in summary.replace(r"javascript\:", "javascript:")
