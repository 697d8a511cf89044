"""Browser tests: the real app, started as `make run` starts it, driven by Debian's Chromium.

Playwright's own browser download is not used; `browser_type_launch_args` points Playwright at
/usr/bin/chromium and switches off Chromium's own background calls to outside hosts. The app's
start (free port, health polling, stop) and Chromium's path and flags are the benchmark's own
(bench/harness.py), so both drive the same app the same way.
"""

from __future__ import annotations

import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from bench.harness import CHROMIUM, CHROMIUM_ARGS, ROOT, ServerError, atlas_server, read_js

REPO_ROOT = ROOT

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
ROUTE_COUNTRIES = {
    "PRK": "North Korea",
    "CHN": "China",
    "VNM": "Vietnam",
    "LAO": "Laos",
    "MMR": "Myanmar",
    "THA": "Thailand",
    "MNG": "Mongolia",
    "KOR": "South Korea",
}
# The sidebar's navigation, in order (ui.PAGES): a page added there is added here, once.
NAVIGATION = ["Explore", "Journey", "Excerpts", "Sources", "Why country level"]
TIMEOUT_MS = 15_000
STARTUP_TIMEOUT_S = 60


def pytest_collection_modifyitems(config, items):
    """Every test in tests/browser is a browser test (`-m "not browser"` skips them all)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


# --- the app ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def app_log(tmp_path_factory) -> Path:
    """Where the app's own output goes."""
    return tmp_path_factory.mktemp("app") / "streamlit.log"


@contextmanager
def running_app(log: Path):
    """The app started from the repository root as `make run` starts it (`streamlit run serve.py`),
    on a free port; yields its base URL and stops it, with everything it started, afterwards."""
    server = atlas_server(log)
    try:
        server.start(timeout_s=STARTUP_TIMEOUT_S)
    except ServerError as error:
        pytest.fail(str(error))
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def app_url(app_log):
    """The app every browser test shares."""
    with running_app(app_log) as base:
        yield base


def export_kit(out: Path) -> Path:
    """The offline atlas's kit in `out`, made with the command the README gives a teacher."""
    run = subprocess.run(
        [sys.executable, "-m", "route_atlas", "export", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    return out


# --- the browser -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, with its own calls to Google switched off (the machine is offline)."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS],
    }


@pytest.fixture(scope="session")
def base_url(pytestconfig):
    """pytest-playwright's own fallback, as a plain function (its method form warns on pytest 9)."""
    return pytestconfig.getoption("--base-url") or pytestconfig.getini("base_url") or None


@dataclass
class Traffic:
    """What a page asked for and complained about, from the moment `record` attached."""

    requests: list[str] = field(default_factory=list)
    websockets: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def record(self, page: Page) -> Traffic:
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("websocket", lambda ws: self.websockets.append(ws.url))
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(f"{error.name}: {error.message}"))
        return self

    def _on_console(self, message) -> None:
        if message.type == "error":
            where = (message.location or {}).get("url", "")
            self.console_errors.append(f"{message.text} (at {where})" if where else message.text)

    @property
    def urls(self) -> list[str]:
        return self.requests + self.websockets

    @property
    def errors(self) -> list[str]:
        return self.console_errors + self.page_errors


# --- helpers ---------------------------------------------------------------------------------


def wait_for_app(page: Page, timeout: float = TIMEOUT_MS) -> None:
    """Wait until the script has finished running and the map has drawn its route countries."""
    expect(page.locator(APP_IDLE)).to_be_attached(timeout=timeout)
    country_paths = page.frame_locator(MAP_IFRAME).locator("path.atlas-country")
    expect(country_paths).to_have_count(len(ROUTE_COUNTRIES), timeout=timeout)


# (iso3) => {x, y}: a point where the country's own path is the topmost element (bench/'s too).
_POINT_INSIDE_JS = read_js("point_inside.js")


def point_inside_country(page: Page, iso3: str) -> tuple[float, float]:
    """A page coordinate that lands on the country's own path in the map."""
    iframe = page.locator(MAP_IFRAME)
    iframe.scroll_into_view_if_needed(timeout=TIMEOUT_MS)
    frame = iframe.content_frame
    expect(frame.locator(f"path.atlas-country-{iso3}")).to_be_attached(timeout=TIMEOUT_MS)
    found = frame.locator("body").evaluate(f"(body, iso3) => ({_POINT_INSIDE_JS})(iso3)", iso3)
    assert "error" not in found, f"cannot click {iso3} on the map: {found}"
    offset = iframe.bounding_box()
    assert offset is not None, "the map iframe is not visible"
    return offset["x"] + found["x"], offset["y"] + found["y"]


def click_country(page: Page, iso3: str) -> None:
    """Click a real point inside the country's path, as a reader's mouse would."""
    x, y = point_inside_country(page, iso3)
    page.mouse.click(x, y)


def panel_heading(page: Page, name: str):
    """The side panel's heading naming a country."""
    return page.get_by_role("heading", name=name, exact=True)


def assert_no_sideways_scroll(page: Page, where: str) -> None:
    """Neither the page nor Streamlit's main area scrolls sideways (a phone's narrow screen)."""
    widths = page.evaluate(
        """() => {
            const main = document.querySelector('[data-testid="stMain"]');
            return {
                doc: document.documentElement.scrollWidth, inner: window.innerWidth,
                main: main && main.scrollWidth, mainClient: main && main.clientWidth,
            };
        }"""
    )
    assert widths["doc"] <= widths["inner"], f"{where}: the page scrolls sideways: {widths}"
    assert widths["main"] is not None, f"{where}: no stMain container"
    assert widths["main"] <= widths["mainClient"], f"{where}: the main area scrolls sideways: {widths}"
