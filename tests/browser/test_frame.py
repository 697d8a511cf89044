"""Every page, as the very first address a fresh server sees, runs inside the frame.

Streamlit's older multipage feature runs pages/<stem>.py on its own when /<stem> is a fresh
server's first address, or covers the page with "Page not found" when there is no such file:
each page file is named after its address and builds the frame when started alone (ui.py).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import Page, expect

from bench.harness import ServerError, atlas_server

from .conftest import APP_IDLE, NAVIGATION, REPO_ROOT, STARTUP_TIMEOUT_S, TIMEOUT_MS

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


FIRST_ADDRESSES = [f"/{url}" for url in PAGES.values()] + ["/journey?step=china&present=1"]


@pytest.fixture(scope="module")
def fresh_servers(tmp_path_factory):
    """One server per address, none of them visited yet, started together: a start is mostly
    waiting, and one after another they took about 50 s."""
    servers = {
        address: atlas_server(tmp_path_factory.mktemp("fresh") / "streamlit.log")
        for address in FIRST_ADDRESSES
    }
    try:
        for server in servers.values():  # from this thread: see Server.launch
            server.launch()
        with ThreadPoolExecutor(len(servers)) as pool:
            list(pool.map(lambda server: server.wait(timeout_s=STARTUP_TIMEOUT_S), servers.values()))
        yield {address: server.url for address, server in servers.items()}
    except ServerError as error:
        pytest.fail(str(error))
    finally:
        for server in servers.values():
            server.stop()


@pytest.mark.parametrize("address", FIRST_ADDRESSES, ids=str)
def test_a_fresh_servers_first_address_shows_the_whole_app(page: Page, fresh_servers, address: str):
    page.goto(fresh_servers[address] + address)
    expect_frame(page, present="present=1" in address)
