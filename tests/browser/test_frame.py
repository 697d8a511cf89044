"""Every page, as the very first address a fresh server sees, runs inside the frame.

Streamlit's older multipage feature runs pages/<stem>.py on its own when /<stem> is a fresh
server's first address; the files are named so that no page is served at its stem, and a page
opened at its stem goes to the frame (see app.py).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import APP_IDLE, REPO_ROOT, TIMEOUT_MS, running_app

NAVIGATION = ["Explore", "Journey", "Sources", "Why country level"]
PAGES = {  # file stem -> the address it is served at
    "explore_page": "",
    "journey_page": "journey",
    "sources_page": "sources",
    "why_page": "why-country-level",
}


def test_the_pages_folder_holds_exactly_these_pages():
    assert sorted(p.stem for p in (REPO_ROOT / "pages").glob("*.py")) == sorted(PAGES)
    assert not set(PAGES) & set(PAGES.values()), "a file's stem is a page's address"


def expect_frame(page: Page) -> None:
    expect(page.locator(APP_IDLE)).to_be_attached(timeout=TIMEOUT_MS)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Content notes")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_test_id("stSidebarNav").get_by_role("link")).to_have_text(NAVIGATION)
    expect(page.get_by_test_id("stException")).to_have_count(0)


@pytest.mark.parametrize(
    "address", [f"/{url}" for url in PAGES.values()] + [f"/{stem}" for stem in PAGES], ids=str
)
def test_a_fresh_servers_first_address_shows_the_whole_app(page: Page, tmp_path, address: str):
    with running_app(tmp_path / "streamlit.log") as base:
        page.goto(base + address)
        expect_frame(page)
