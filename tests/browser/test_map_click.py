"""A real mouse click on a country selects it by its ISO3 code, as streamlit-folium reports it."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .conftest import (
    APP_IDLE,
    MAP_IFRAME,
    TIMEOUT_MS,
    click_country,
    panel_heading,
    point_inside_country,
    wait_for_app,
)


def expect_selected(page: Page, iso3: str, name: str) -> None:
    """The panel names the country, the address names its code, and the run has finished."""
    expect(panel_heading(page, name)).to_be_visible(timeout=TIMEOUT_MS)
    expect(page).to_have_url(re.compile(rf"[?&]country={iso3}(&|$)"), timeout=TIMEOUT_MS)
    expect(page.locator(APP_IDLE)).to_be_attached(timeout=TIMEOUT_MS)


def test_a_click_on_a_country_opens_its_panel(page: Page, app_url: str):
    page.goto(f"{app_url}/")
    wait_for_app(page)
    click_country(page, "KOR")
    expect_selected(page, "KOR", "South Korea")
    map_frame = page.frame_locator(MAP_IFRAME)
    expect(map_frame.locator("path.atlas-country-KOR.atlas-picked")).to_have_count(1)


def test_a_second_click_on_the_same_country_selects_it_again(page: Page, app_url: str):
    # The clicked feature is the same both times; the click count is what tells the server.
    page.goto(f"{app_url}/")
    wait_for_app(page)
    click_country(page, "CHN")
    expect_selected(page, "CHN", "China")

    page.get_by_test_id("stRadio").get_by_text("Laos", exact=True).click()
    expect_selected(page, "LAO", "Laos")

    click_country(page, "CHN")
    expect_selected(page, "CHN", "China")
    expect(panel_heading(page, "Laos")).to_have_count(0)


def test_the_tooltip_still_names_the_country_and_its_role(page: Page, app_url: str):
    page.goto(f"{app_url}/")
    wait_for_app(page)
    x, y = point_inside_country(page, "MNG")
    page.mouse.move(x, y)
    tooltip = page.frame_locator(MAP_IFRAME).locator(".leaflet-tooltip:not(.atlas-name-tip)")  # not a name
    expect(tooltip).to_have_text("Mongolia: transit country", timeout=TIMEOUT_MS)
    # Written as text: the tooltip holds one plain span, no markup of its own.
    expect(tooltip.locator("span")).to_have_count(1)
    expect(tooltip.locator("span > *")).to_have_count(0)
