"""The Explore page and the site as a reader's browser sees them: clicks, links, hosts, phones."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import (
    APP_IDLE,
    MAP_IFRAME,
    ROUTE_COUNTRIES,
    TIMEOUT_MS,
    Traffic,
    assert_no_sideways_scroll,
    click_country,
    panel_heading,
    wait_for_app,
)

NO_HOST_SCHEMES = ("data", "blob", "about")
SUBPAGES = {"/sources": "Sources", "/why-country-level": "Why country level only"}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def _expect_country_panel(page: Page, iso3: str) -> None:
    """The panel names the country, quotes a source about it, and the address names it."""
    name = ROUTE_COUNTRIES[iso3]
    heading = panel_heading(page, name)
    expect(heading, f"the panel heading {name!r}").to_be_visible(timeout=TIMEOUT_MS)
    expect(page, f"the address naming {iso3}").to_have_url(
        re.compile(rf"[?&]country={iso3}(&|$)"), timeout=TIMEOUT_MS
    )
    expect(page.locator(APP_IDLE)).to_be_attached(timeout=TIMEOUT_MS)
    panel = page.get_by_test_id("stColumn").filter(has=heading)
    expect(panel.get_by_text(re.compile(rf"\d+ excerpts? from the sources names? {name}\."))).to_be_visible(
        timeout=TIMEOUT_MS
    )
    quotation = panel.locator("blockquote").filter(visible=True).first
    expect(quotation, f"a quotation in the {name} panel").to_be_visible(timeout=TIMEOUT_MS)


def _selection_outlines(page: Page):
    """The countries marked as selected on the map (a bold outline)."""
    return page.frame_locator(MAP_IFRAME).locator("path.atlas-country.atlas-picked")


# --- clicking the map ------------------------------------------------------------------------


def test_clicking_each_route_country_shows_its_name_and_a_quotation(page: Page, app_url: str):
    """One page, eight clicks (one per route country); every failing country is reported."""
    page.goto(f"{app_url}/")
    wait_for_app(page)
    failures = {}
    for iso3, name in ROUTE_COUNTRIES.items():
        try:
            click_country(page, iso3)
            _expect_country_panel(page, iso3)
            expect(_selection_outlines(page), f"the outline around {name}").to_have_count(
                1, timeout=TIMEOUT_MS
            )
        except AssertionError as error:
            lines = [line.strip() for line in str(error).splitlines() if line.strip()]
            failures[iso3] = " | ".join(lines[:3])
    assert not failures, "clicking these countries did not open their panel:\n" + "\n".join(
        f"  {iso3} ({ROUTE_COUNTRIES[iso3]}): {why}" for iso3, why in failures.items()
    )


# --- links and the list ----------------------------------------------------------------------


def test_a_deep_link_opens_the_country(page: Page, app_url: str):
    page.goto(f"{app_url}/?country=LAO")
    wait_for_app(page)
    _expect_country_panel(page, "LAO")
    expect(page.get_by_role("radio", name="Laos")).to_be_checked(timeout=TIMEOUT_MS)
    expect(_selection_outlines(page)).to_have_count(1, timeout=TIMEOUT_MS)


def test_an_unknown_country_code_shows_a_friendly_message(page: Page, app_url: str):
    page.goto(f"{app_url}/?country=XYZ")
    wait_for_app(page)
    expect(page.get_by_text('There is no route country "XYZ"')).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_role("heading", name="Where the journeys run")).to_be_visible(timeout=TIMEOUT_MS)
    expect(_selection_outlines(page)).to_have_count(0)


def test_choosing_from_the_list_highlights_the_country_on_the_map(page: Page, app_url: str):
    page.goto(f"{app_url}/")
    wait_for_app(page)
    expect(_selection_outlines(page)).to_have_count(0)
    map_frame = page.locator(MAP_IFRAME).element_handle().content_frame()
    map_frame.evaluate("window.__atlas_marker = 1")

    page.get_by_test_id("stRadio").get_by_text("Thailand", exact=True).click()

    _expect_country_panel(page, "THA")
    expect(page.get_by_role("radio", name="Thailand")).to_be_checked()
    expect(_selection_outlines(page), "the outline drawn around Thailand").to_have_count(
        1, timeout=TIMEOUT_MS
    )
    map_frame = page.locator(MAP_IFRAME).element_handle().content_frame()
    assert map_frame.evaluate("window.__atlas_marker") == 1, "the map iframe was reloaded"


# --- the whole site: hosts and console -------------------------------------------------------


@pytest.fixture(scope="module")
def site_tour(browser: Browser, browser_context_args, app_url: str) -> Traffic:
    """Explore (with a click on the map), Sources and Why country level, recorded once."""
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    traffic = Traffic().record(page)
    try:
        page.goto(f"{app_url}/")
        wait_for_app(page)
        click_country(page, "CHN")
        _expect_country_panel(page, "CHN")
        for path, title in SUBPAGES.items():
            page.goto(f"{app_url}{path}")
            expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible(timeout=TIMEOUT_MS)
            expect(page.locator(APP_IDLE)).to_be_attached(timeout=TIMEOUT_MS)
    finally:
        context.close()
    return traffic


def test_the_page_contacts_no_host_but_its_own(site_tour: Traffic, app_url: str):
    own_host = urlparse(app_url).netloc
    hosts = {urlparse(url).netloc for url in site_tour.urls if urlparse(url).scheme not in NO_HOST_SCHEMES}
    print(f"\nhosts contacted by the browser: {sorted(hosts)} ({len(site_tour.urls)} requests)")
    assert site_tour.requests, "no request was recorded"
    assert hosts == {own_host}, [url for url in site_tour.urls if urlparse(url).netloc != own_host]


def _streamlit_base_path_probe(error: str, app_url: str) -> bool:
    """Streamlit's own 404s when a page such as /sources is opened directly.

    Its frontend first tries /sources/ as the base path (/sources/_stcore/health and
    /sources/_stcore/host-config answer 404), then /; the app cannot change this
    (https://github.com/streamlit/streamlit/issues/7074). Only exactly these are tolerated.
    """
    pages = "|".join(re.escape(path) for path in SUBPAGES)
    probe = (
        rf"Failed to load resource: the server responded with a status of 404 \(Not Found\) "
        rf"\(at {re.escape(app_url)}({pages})/_stcore/(health|host-config)\)"
    )
    return re.fullmatch(probe, error) is not None


def test_no_console_errors(site_tour: Traffic, app_url: str):
    tolerated = [e for e in site_tour.errors if _streamlit_base_path_probe(e, app_url)]
    errors = [e for e in site_tour.errors if e not in tolerated]
    print(f"\nconsole and page errors: {errors}; Streamlit base-path probes tolerated: {len(tolerated)}")
    assert errors == []


# --- phones ----------------------------------------------------------------------------------


def test_phone_layout_has_no_sideways_scroll(browser: Browser, browser_context_args, app_url: str):
    context = browser.new_context(**{**browser_context_args, **PHONE})
    page = context.new_page()
    try:
        page.goto(f"{app_url}/")
        wait_for_app(page)
        assert_no_sideways_scroll(page, "/")

        page.goto(f"{app_url}/?country=CHN")
        wait_for_app(page)
        heading = panel_heading(page, "China")
        expect(heading).to_be_visible(timeout=TIMEOUT_MS)
        assert_no_sideways_scroll(page, "/?country=CHN")
        map_box = page.locator(MAP_IFRAME).bounding_box()
        heading_box = heading.bounding_box()
        assert map_box and heading_box
        assert map_box["y"] + map_box["height"] <= heading_box["y"], (
            f"on a phone the map should stack above the panel: map {map_box}, heading {heading_box}"
        )
    finally:
        context.close()


def test_the_server_asks_no_outside_service_for_its_address(app_url: str, app_log):
    # A headless Streamlit looks up its public IP unless browser.serverAddress is set.
    log = app_log.read_text(errors="replace")
    assert "External URL" not in log and "external IP" not in log, log


def test_a_chosen_country_is_still_open_after_a_visit_to_sources(page: Page, app_url: str):
    page.goto(f"{app_url}/?country=MNG")
    wait_for_app(page)
    _expect_country_panel(page, "MNG")
    page.get_by_role("link", name="About this source").first.click()
    expect(page.get_by_role("heading", name="Sources", exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Explore").click()
    _expect_country_panel(page, "MNG")
