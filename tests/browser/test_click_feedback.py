"""A click answers in the map at once, in the browser, and never reloads the map."""

from __future__ import annotations

from playwright.sync_api import Page, WebSocketRoute, expect

from .conftest import APP_IDLE, MAP_IFRAME, TIMEOUT_MS, click_country, panel_heading, wait_for_app


class HeldLine:
    """Stands between the page and the app's websocket; `hold()` stops messages to the server."""

    def __init__(self, page: Page):
        self.holding = False
        self.held: list = []
        self.server = None
        page.route_web_socket("**/_stcore/stream", self._connect)

    def _connect(self, ws: WebSocketRoute) -> None:
        self.server = ws.connect_to_server()
        ws.on_message(self._to_server)
        self.server.on_message(ws.send)

    def _to_server(self, message) -> None:
        if self.holding:
            self.held.append(message)
        else:
            self.server.send(message)

    def hold(self) -> None:
        self.holding = True

    def release(self) -> None:
        self.holding = False
        for message in self.held:
            self.server.send(message)
        self.held.clear()


def test_a_click_marks_and_names_the_country_before_the_server_answers(page: Page, app_url: str):
    line = HeldLine(page)
    page.goto(f"{app_url}/")
    wait_for_app(page)
    line.hold()

    click_country(page, "MNG")

    map_frame = page.frame_locator(MAP_IFRAME)
    expect(map_frame.locator("path.atlas-country-MNG.atlas-picked")).to_have_count(1, timeout=TIMEOUT_MS)
    expect(map_frame.locator(".atlas-picked-name")).to_have_text("Mongolia")
    # The server has heard nothing: the panel still shows the opening view.
    page.wait_for_timeout(600)  # longer than streamlit-folium's 250 ms debounce
    expect(page.get_by_role("heading", name="Where the journeys run")).to_be_visible()
    expect(panel_heading(page, "Mongolia")).to_have_count(0)

    line.release()
    expect(panel_heading(page, "Mongolia")).to_be_visible(timeout=TIMEOUT_MS)
    expect(map_frame.locator("path.atlas-picked")).to_have_count(1)


def test_clicks_never_reload_the_map(page: Page, app_url: str):
    page.goto(f"{app_url}/")
    wait_for_app(page)
    page.locator(MAP_IFRAME).element_handle().content_frame().evaluate("window.__atlas_marker = 1")

    for iso3, name in (("CHN", "China"), ("THA", "Thailand"), ("VNM", "Vietnam")):
        click_country(page, iso3)
        expect(panel_heading(page, name)).to_be_visible(timeout=TIMEOUT_MS)
        expect(page.locator(APP_IDLE)).to_be_attached(timeout=TIMEOUT_MS)
        # One country marked at a time, and the name in the map's corner is the latest click's.
        map_frame = page.frame_locator(MAP_IFRAME)
        expect(map_frame.locator("path.atlas-picked")).to_have_count(1)
        expect(map_frame.locator(f"path.atlas-country-{iso3}.atlas-picked")).to_have_count(1)
        expect(map_frame.locator(".atlas-picked-name")).to_have_text(name)

    frame = page.locator(MAP_IFRAME).element_handle().content_frame()
    assert frame.evaluate("window.__atlas_marker") == 1, "a click reloaded the map iframe"


def test_choosing_from_the_list_moves_the_mark_and_the_name(page: Page, app_url: str):
    page.goto(f"{app_url}/?country=CHN")
    wait_for_app(page)
    map_frame = page.frame_locator(MAP_IFRAME)
    expect(map_frame.locator(".atlas-picked-name")).to_have_text("China", timeout=TIMEOUT_MS)

    page.get_by_test_id("stRadio").get_by_text("Laos", exact=True).click()

    expect(map_frame.locator(".atlas-picked-name")).to_have_text("Laos", timeout=TIMEOUT_MS)
    expect(map_frame.locator("path.atlas-picked")).to_have_count(1)
    expect(map_frame.locator("path.atlas-country-LAO.atlas-picked")).to_have_count(1)
