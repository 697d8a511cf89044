"""The Excerpts page in a reader's browser: a search narrows the table, a picked row shows its
citation and leads to Explore, the CSV opens in pandas with the same rows, and no other host."""

from __future__ import annotations

import io
import re
from urllib.parse import urlparse

import pandas as pd
import pytest
from playwright.sync_api import Browser, Page, expect

from route_atlas import load_content
from route_atlas.excerpt_table import Filters, excerpt_table, table_view
from tests.conftest import DATA

from .conftest import APP_IDLE, TIMEOUT_MS, Traffic, assert_no_sideways_scroll, panel_heading, wait_for_app

ATLAS = load_content(DATA)
TABLE = excerpt_table(ATLAS)
NO_HOST_SCHEMES = ("data", "blob", "about")
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
SEARCH = "Search the excerpts and their speakers"
CITATION_END = "in [Untitled news article about 'Beyond Utopia: Escape from North Korea'], 2024-01-31."


def idle(page: Page) -> None:
    expect(page.locator(APP_IDLE)).to_be_attached(timeout=TIMEOUT_MS)


def grid(page: Page):
    return page.get_by_test_id("stDataFrame")


def expect_rows(page: Page, n: int) -> None:
    """The table holds n rows: its accessible table counts them with its header row."""
    expect(grid(page).locator("table[role=grid]")).to_have_attribute(
        "aria-rowcount", str(n + 1), timeout=TIMEOUT_MS
    )


def search(page: Page, words: str) -> None:
    box = page.get_by_role("textbox", name=SEARCH)
    box.fill(words)
    box.press("Enter")
    expect(page).to_have_url(re.compile(rf"[?&]q={re.escape(words)}(&|$)"), timeout=TIMEOUT_MS)
    idle(page)


def pick_last_row(page: Page) -> None:
    """A click on the last row's box, at the table's lower left corner (the grid draws on a canvas)."""
    table = grid(page)
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    assert box, "the table is not visible"
    page.mouse.click(box["x"] + 18, box["y"] + box["height"] - 24)


def expect_citation(page: Page):
    code = page.get_by_test_id("stCode")
    expect(code).to_have_count(1, timeout=TIMEOUT_MS)
    expect(code).to_contain_text("“Defectors often undertake", timeout=TIMEOUT_MS)
    expect(code).to_contain_text(CITATION_END)
    return code


@pytest.fixture(scope="module")
def tour(browser: Browser, browser_context_args, app_url: str):
    """Explore with Laos open, then the Excerpts page by its link: a search, a pick, the CSV and
    the PDF downloaded, and the pick's link back to Explore; every request recorded."""
    context = browser.new_context(**browser_context_args, accept_downloads=True)
    page = context.new_page()
    traffic = Traffic().record(page)
    seen: dict = {}
    try:
        page.goto(f"{app_url}/?country=LAO")
        wait_for_app(page)
        expect(panel_heading(page, "Laos")).to_be_visible(timeout=TIMEOUT_MS)
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Excerpts").click()
        expect(page.get_by_role("heading", name="Excerpts", exact=True)).to_be_visible(timeout=TIMEOUT_MS)
        idle(page)
        seen["all"] = page.get_by_text(re.compile(r"^Showing \d+ of \d+ excerpts\.$")).inner_text()
        search(page, "broker")
        seen["narrowed"] = page.get_by_text(re.compile(r"^Showing \d+ of \d+ excerpts\.$")).inner_text()
        expect_rows(page, 2)
        pick_last_row(page)
        seen["citation"] = expect_citation(page).inner_text()
        for kind in ("CSV", "PDF"):
            with page.expect_download(timeout=TIMEOUT_MS) as download:
                page.get_by_role(
                    "button", name=f"Download these {'rows' if kind == 'CSV' else 'excerpts'} ({kind})"
                ).click()
            seen[kind] = download.value.path().read_bytes()
            seen[f"{kind} name"] = download.value.suggested_filename
        page.get_by_role("link", name="China on Explore").click()
        expect(panel_heading(page, "China")).to_be_visible(timeout=TIMEOUT_MS)
        wait_for_app(page)
        seen["explore url"] = page.url
    finally:
        context.close()
    seen["traffic"] = traffic
    return seen


def test_a_search_narrows_the_rows(tour):
    total = len(ATLAS.excerpts)
    assert tour["all"] == f"Showing {total} of {total} excerpts."
    assert tour["narrowed"] == f"Showing 2 of {total} excerpts."


def test_a_picked_row_shows_the_excerpt_with_its_citation_to_copy(tour):
    assert tour["citation"].startswith("“Defectors often undertake life-threatening journeys")
    assert tour["citation"].rstrip().endswith(CITATION_END)


def test_the_csv_opens_in_pandas_with_the_rows_of_the_view(tour):
    data = tour["CSV"]
    assert tour["CSV name"] == "escape-route-atlas-excerpts.csv"
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark, for spreadsheets"
    back = pd.read_csv(io.BytesIO(data), keep_default_na=False)
    expected = table_view(TABLE, Filters(query="broker"), "ask").rows
    pd.testing.assert_frame_equal(back, expected, check_dtype=False)
    assert list(back["id"]) == ["detours-and-brokers", "journeys-through-countries"]


def test_the_pdf_of_the_view_downloads(tour):
    assert tour["PDF name"] == "escape-route-atlas-excerpts.pdf"
    assert tour["PDF"].startswith(b"%PDF-")


def test_a_picked_rows_country_link_opens_it_on_explore_over_the_country_open_before(tour):
    assert re.search(r"[?&]country=CHN(&|$)", tour["explore url"])


def test_the_page_contacts_no_host_but_its_own(tour, app_url: str):
    own_host = urlparse(app_url).netloc
    urls = tour["traffic"].urls
    hosts = {urlparse(url).netloc for url in urls if urlparse(url).scheme not in NO_HOST_SCHEMES}
    print(f"\nhosts contacted on the Excerpts tour: {sorted(hosts)} ({len(urls)} requests)")
    assert urls, "no request was recorded"
    assert hosts == {own_host}, [url for url in urls if urlparse(url).netloc != own_host]


def test_a_deep_link_opens_its_filters(page: Page, app_url: str):
    page.goto(f"{app_url}/excerpts?country=CHN&q=broker")
    idle(page)
    expect_rows(page, 1)
    expect(page.get_by_text("China", exact=True).first).to_be_visible(timeout=TIMEOUT_MS)


def test_on_a_phone_the_page_never_scrolls_sideways(browser: Browser, browser_context_args, app_url: str):
    context = browser.new_context(**{**browser_context_args, **PHONE})
    page = context.new_page()
    try:
        page.goto(f"{app_url}/excerpts?q=broker")
        idle(page)
        expect_rows(page, 2)
        assert_no_sideways_scroll(page, "/excerpts?q=broker")
        pick_last_row(page)
        expect_citation(page)
        assert_no_sideways_scroll(page, "/excerpts?q=broker with a row picked")
    finally:
        context.close()
