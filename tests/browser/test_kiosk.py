"""The kiosk loop as a foyer screen runs it: by itself, through every excerpt, paused by a hand,
and back by itself after the server restarts. No timing is asserted beyond generous bounds."""

from __future__ import annotations

import re
import time
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from bench.harness import atlas_server

from .conftest import STARTUP_TIMEOUT_S, TIMEOUT_MS, Traffic

HEADING = ".st-key-journey_heading"
LAST_TITLE = re.compile(r"^Step 8 of 8")
FIRST_TITLE = re.compile(r"^Step 1 of 8")


def headings_seen(page: Page, seconds: float, during=None) -> list[str]:
    """Every step heading the page shows over `seconds`, in order, read as often as it can."""
    seen: list[str] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = (
            page.locator(HEADING).first.text_content(timeout=TIMEOUT_MS)
            if page.locator(HEADING).count()
            else ""
        )
        if text and (not seen or seen[-1] != text):
            seen.append(text)
        if during:
            during()
        page.wait_for_timeout(100)
    return seen


def test_the_kiosk_plays_by_itself_and_shows_no_control(page: Page, app_url: str):
    traffic = Traffic().record(page)
    page.goto(f"{app_url}/journey?kiosk=1&seconds=2&step=2")
    expect(page.locator(HEADING)).to_contain_text("Step 2 of 8", timeout=TIMEOUT_MS)
    seen = headings_seen(page, 9)
    assert len(seen) >= 4, f"advanced {len(seen) - 1} times in 9 s: {seen}"
    titles = [s.split(":")[0] for s in seen]
    assert titles[:4] == ["Step 2 of 8", "Step 3 of 8", "Step 4 of 8", "Step 5 of 8"], titles
    for hidden in (
        ".st-key-journey_nav button",
        ".st-key-journey_tools",
        "[data-testid='stSidebar']",
        "[data-testid='stToolbar']",
        "[data-testid='stStatusWidget']",
    ):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator(".atlas-kiosk-dots span")).to_have_count(8)
    map_frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
    expect(map_frame.locator("path.atlas-country").first).to_be_attached(timeout=TIMEOUT_MS)
    expect(map_frame.locator(".leaflet-control-zoom")).to_have_count(0)
    hosts = {urlparse(url).netloc for url in traffic.urls if not url.startswith("data:")}
    assert hosts == {urlparse(app_url).netloc}, hosts
    assert not traffic.page_errors, traffic.page_errors


def test_after_the_last_step_the_loop_starts_again_at_the_first(page: Page, app_url: str):
    page.goto(f"{app_url}/journey?kiosk=1&seconds=1&step=8")
    expect(page.locator(HEADING)).to_have_text(LAST_TITLE, timeout=TIMEOUT_MS)
    expect(page.locator(HEADING)).to_have_text(FIRST_TITLE, timeout=TIMEOUT_MS)
    expect(page).to_have_url(re.compile(r"[?&]step=opening(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]kiosk=1(&|$)"))


def test_a_tap_pauses_the_loop_and_after_idle_it_resumes(page: Page, app_url: str):
    page.goto(f"{app_url}/journey?kiosk=1&seconds=2&idle=3&step=2")
    expect(page.locator(HEADING)).to_contain_text("Step 2 of 8", timeout=TIMEOUT_MS)
    expect(page.locator("body.atlas-kiosk-playing")).to_be_attached(timeout=TIMEOUT_MS)
    page.mouse.click(640, 30)
    paused = page.locator(HEADING).text_content()
    expect(page.locator(".st-key-journey_nav button").first).to_be_visible()
    expect(page.locator(".atlas-kiosk-note")).to_have_text(re.compile(r"Resuming the tour in \d+ s"))
    page.wait_for_timeout(2500)
    assert page.locator(HEADING).text_content() == paused, "the loop moved on while paused"
    expect(page.locator(HEADING)).not_to_have_text(paused, timeout=TIMEOUT_MS)
    expect(page.locator(".st-key-journey_nav button").first).to_be_hidden()


def test_a_long_step_pages_to_its_last_excerpt_before_it_changes(page: Page, app_url: str):
    page.goto(f"{app_url}/journey?kiosk=1&seconds=6&step=china&notes=show")
    expect(page.locator(HEADING)).to_contain_text("China", timeout=TIMEOUT_MS)
    pane = page.locator(".st-key-journey_pane")
    states: list[tuple[str, bool]] = []

    def look():
        at_end = pane.evaluate("p => p.scrollTop + p.clientHeight >= p.scrollHeight - 2")
        states.append((page.locator(HEADING).text_content(), at_end))

    assert pane.evaluate("p => p.scrollHeight > p.clientHeight + 100"), "China no longer needs paging"
    headings_seen(page, 9, during=look)
    china = [at_end for heading, at_end in states if "China" in heading]
    assert len(china) < len(states), "the step never changed"
    assert china[-1], "the step changed before its pane reached its last excerpt"


@pytest.fixture
def own_server(tmp_path):
    """An app of this test's own, to stop and start again on the same port."""
    server = atlas_server(tmp_path / "streamlit.log", name="the kiosk's app")
    server.start(timeout_s=STARTUP_TIMEOUT_S)
    yield server
    server.stop()


def test_the_loop_heals_itself_after_the_server_restarts(page: Page, own_server, tmp_path):
    page.goto(f"{own_server.url}/journey?kiosk=1&seconds=2")
    expect(page.locator(HEADING)).to_contain_text("Step", timeout=TIMEOUT_MS)
    own_server.stop()
    note = page.locator(".atlas-kiosk-note")
    expect(note).to_have_text("Reconnecting…", timeout=TIMEOUT_MS)
    # Streamlit's own dialog ("Connection error … Streamlit server is not responding") is in the
    # page by now, and must not be seen.
    dialog = page.get_by_test_id("stDialog")
    expect(dialog).to_be_attached(timeout=TIMEOUT_MS)
    expect(dialog).to_be_hidden()
    page.screenshot(path=tmp_path / "server-down.png")
    down_on = page.locator(HEADING).text_content()
    own_server.start(timeout_s=STARTUP_TIMEOUT_S)
    started = time.monotonic()
    expect(page.locator(HEADING)).not_to_have_text(down_on, timeout=30_000)
    print(f"\nthe loop moved on {time.monotonic() - started:.1f} s after the server answered again")
    expect(note).to_be_hidden()
