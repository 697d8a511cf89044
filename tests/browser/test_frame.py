"""Every page, as the very first address a fresh server sees, runs inside the frame.

Streamlit's older multipage feature runs pages/<stem>.py on its own when /<stem> is a fresh
server's first address, or covers the page with "Page not found" when there is no such file:
each page file is named after its address and builds the frame when started alone (ui.py).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import APP_IDLE, NAVIGATION, REPO_ROOT, TIMEOUT_MS, running_app

PAGES = {  # file stem -> the address it is served at
    "explore": "",
    "journey": "journey",
    "excerpts": "excerpts",
    "sources": "sources",
    "why-country-level": "why-country-level",
}


def test_the_pages_folder_holds_exactly_these_pages():
    assert sorted(p.stem for p in (REPO_ROOT / "pages").glob("*.py")) == sorted(PAGES)
    assert all(stem == url for stem, url in PAGES.items() if url), "a file is named after its address"


def expect_frame(page: Page, present: bool) -> None:
    expect(page.locator(APP_IDLE)).to_be_attached(timeout=TIMEOUT_MS)
    expect(page.get_by_text("Page not found")).to_have_count(0)
    if present:  # projector mode builds no sidebar or navigation
        expect(page.get_by_test_id("stSidebar")).to_have_count(0)
        return
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Content notes")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_test_id("stSidebarNav").get_by_role("link")).to_have_text(NAVIGATION)
    expect(page.get_by_test_id("stException")).to_have_count(0)


@pytest.mark.parametrize(
    "address", [f"/{url}" for url in PAGES.values()] + ["/journey?step=china&present=1"], ids=str
)
def test_a_fresh_servers_first_address_shows_the_whole_app(page: Page, tmp_path, address: str):
    with running_app(tmp_path / "streamlit.log") as base:
        page.goto(base + address)
        expect_frame(page, present="present=1" in address)
