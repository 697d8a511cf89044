"""A reader on a touch phone (390×844, touch, mobile): taps, swipes and the way back, as a hand does."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import APP_IDLE, MAP_IFRAME, ROUTE_COUNTRIES, TIMEOUT_MS, panel_heading, wait_for_app
from .test_explore import PHONE

TAP_TARGET = 44  # px: the smallest comfortable target for a finger


@pytest.fixture
def phone(browser: Browser, browser_context_args):
    context = browser.new_context(**{**browser_context_args, **PHONE})
    page = context.new_page()
    yield page
    context.close()


def name_label(page: Page, iso3: str):
    return page.frame_locator(MAP_IFRAME).locator(f".atlas-name-{iso3}")


def tap(page: Page, box: dict) -> None:
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def outlined(page: Page) -> list[str]:
    """The route countries drawn with an outline: the picked one, and any hover left behind."""
    return (
        page.frame_locator(MAP_IFRAME)
        .locator("path.atlas-country")
        .evaluate_all(
            """paths => paths.filter(p => getComputedStyle(p).strokeWidth !== "1.5px")
            .map(p => [...p.classList].find(c => /^atlas-country-[A-Z]{3}$/.test(c)).slice(-3))"""
        )
    )


def test_each_route_country_has_a_name_a_finger_can_tap(phone: Page, app_url: str):
    phone.goto(f"{app_url}/")
    wait_for_app(phone)
    for iso3, name in ROUTE_COUNTRIES.items():
        label = name_label(phone, iso3)
        expect(label).to_have_text(name)
        box = label.bounding_box()
        assert box and box["width"] >= TAP_TARGET and box["height"] >= TAP_TARGET, f"{name}: {box}"


def test_a_tap_on_each_name_outlines_that_country_alone_and_brings_its_panel_into_view(
    phone: Page, app_url: str
):
    phone.goto(f"{app_url}/")
    wait_for_app(phone)
    for iso3, name in ROUTE_COUNTRIES.items():
        phone.locator(MAP_IFRAME).scroll_into_view_if_needed()
        tap(phone, name_label(phone, iso3).bounding_box())
        heading = panel_heading(phone, name)
        expect(heading).to_be_visible(timeout=TIMEOUT_MS)
        expect(phone).to_have_url(re.compile(rf"[?&]country={iso3}(&|$)"), timeout=TIMEOUT_MS)
        expect(phone.locator(APP_IDLE)).to_be_attached(timeout=TIMEOUT_MS)
        expect(heading).to_be_in_viewport(ratio=1, timeout=TIMEOUT_MS)
        assert outlined(phone) == [iso3], f"after a tap on {name}"


def test_a_tap_on_the_sea_clears_the_country(phone: Page, app_url: str):
    phone.goto(f"{app_url}/?country=LAO")
    wait_for_app(phone)
    expect(panel_heading(phone, "Laos")).to_be_visible(timeout=TIMEOUT_MS)
    phone.locator(MAP_IFRAME).scroll_into_view_if_needed()
    box = phone.locator(MAP_IFRAME).bounding_box()
    # The Pacific, east of the Philippines, well away from any country and from the map's corners.
    phone.touchscreen.tap(box["x"] + box["width"] * 0.92, box["y"] + box["height"] * 0.55)
    expect(panel_heading(phone, "Laos")).to_have_count(0, timeout=TIMEOUT_MS)
    expect(phone).not_to_have_url(re.compile(r"country="), timeout=TIMEOUT_MS)
    assert outlined(phone) == []


def test_a_one_finger_swipe_that_starts_on_the_map_scrolls_the_page(phone: Page, app_url: str):
    phone.goto(f"{app_url}/")
    wait_for_app(phone)
    main = phone.get_by_test_id("stMain")
    before = main.evaluate("m => m.scrollTop")
    box = phone.locator(MAP_IFRAME).bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.7
    cdp = phone.context.new_cdp_session(phone)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 11):
        cdp.send(
            "Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y - 30 * step}]}
        )
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    phone.wait_for_function(
        "before => document.querySelector('[data-testid=stMain]').scrollTop > before + 100",
        arg=before,
        timeout=TIMEOUT_MS,
    )


def test_a_phone_says_tap_and_a_mouse_says_click(phone: Page, page: Page, app_url: str):
    for screen, word, other in ((phone, "Tap", "Click"), (page, "Click", "Tap")):
        screen.goto(f"{app_url}/")
        wait_for_app(screen)
        expect(screen.locator(".atlas-touch" if word == "Tap" else ".atlas-mouse")).to_be_visible()
        expect(screen.locator(".atlas-mouse" if word == "Tap" else ".atlas-touch")).to_be_hidden()
        assert f"{word} a country" in screen.get_by_test_id("stMain").inner_text()
        assert f"{other} a country" not in screen.get_by_test_id("stMain").inner_text()


def test_the_list_offers_finger_sized_choices(phone: Page, app_url: str):
    phone.goto(f"{app_url}/")
    wait_for_app(phone)
    heights = (
        phone.get_by_test_id("stRadio")
        .locator("label")
        .evaluate_all("labels => labels.map(l => l.getBoundingClientRect().height)")
    )
    assert heights and min(heights) >= TAP_TARGET, heights


# --- the Journey on a phone --------------------------------------------------------------------


def test_the_journey_on_a_phone_starts_with_one_row_of_keys_and_a_quote(phone: Page, app_url: str):
    phone.goto(f"{app_url}/journey?step=3")
    expect(phone.locator(APP_IDLE)).to_be_attached(timeout=TIMEOUT_MS)
    expect(phone.get_by_role("heading", name=re.compile("Step 3 of"))).to_be_visible(timeout=TIMEOUT_MS)
    nav = phone.locator(".st-key-journey_nav button")
    tops = {round(b["y"]) for b in nav.evaluate_all("bs => bs.map(b => b.getBoundingClientRect().toJSON())")}
    assert len(tops) == 1, f"the keys are in {len(tops)} rows"
    expect(phone.locator(".st-key-journey_nav kbd").first).to_be_hidden()
    expect(phone.get_by_role("button", name="Projector mode")).to_be_hidden()
    quote = phone.locator("blockquote").first.bounding_box()
    assert quote and quote["y"] + quote["height"] <= 844, f"the first quote ends at {quote}"
    expect(phone.locator(".st-key-journey_nav_bottom").get_by_role("button", name="Next →")).to_be_attached()


# --- the way back from a source ------------------------------------------------------------------


def open_source_of_third_excerpt(phone: Page, app_url: str):
    """On China's panel, follow the third excerpt's link to its source; returns that excerpt."""
    phone.goto(f"{app_url}/?country=CHN")
    wait_for_app(phone)
    excerpt = phone.locator(".st-key-explore_panel [class*='st-key-excerpt_']").nth(2)
    key = excerpt.evaluate("e => [...e.classList].find(c => c.startsWith('st-key-excerpt_'))")
    excerpt.get_by_role("link", name="About this source").tap()
    expect(phone.get_by_role("heading", name="Sources", exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    return key


def expect_back_at(phone: Page, key: str) -> None:
    expect(panel_heading(phone, "China")).to_be_attached(timeout=TIMEOUT_MS)
    expect(phone.locator(APP_IDLE)).to_be_attached(timeout=TIMEOUT_MS)
    excerpt = phone.locator(f".{key}")
    expect(excerpt.locator("blockquote, p").first).to_be_in_viewport(ratio=1, timeout=TIMEOUT_MS)


def test_back_to_china_from_a_source_returns_to_the_excerpt(phone: Page, app_url: str):
    key = open_source_of_third_excerpt(phone, app_url)
    back = phone.get_by_role("link", name="← Back to China")
    expect(back).to_be_visible()
    back.tap()
    expect_back_at(phone, key)


def test_the_browsers_back_returns_to_the_excerpt_too(phone: Page, app_url: str):
    key = open_source_of_third_excerpt(phone, app_url)
    phone.go_back()
    expect_back_at(phone, key)
