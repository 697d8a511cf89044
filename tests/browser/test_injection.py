"""Payloads in every text field, on every surface: the map's names, the country list, the panel,
Journey, kiosk, Sources, Why, Excerpts (its CSV), the handout and the one-file atlas.

Two apps, each on a copy of the content with a payload after every text a reader sees (a
country's name and description, a source's title, publisher and notes, a step's title and note,
the opening panel's title, and a quotation added to a source with the payload in it):
- the app as it is, with what the content check lets through (`${…}`, backticks, LaTeX, Korean,
  a closed right-to-left override): each is shown exactly as typed;
- the app with the check switched off (tests/browser/unchecked.py), with what the check refuses
  (script, HTML, Markdown links and images, CSS `url()` aimed at a listener on a second loopback
  address, directives, an open override, 20,000 characters): nothing runs, no dialog opens, no
  page error, and the listener hears nothing.
"""

from __future__ import annotations

import http.server
import io
import shutil
import threading
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from bench.harness import ROOT, ServerError, streamlit_server
from tests.conftest import DATA, edit
from tests.payloads import SAFE, poisoned, unsafe

from .conftest import (
    APP_IDLE,
    MAP_IFRAME,
    STARTUP_TIMEOUT_S,
    TIMEOUT_MS,
    click_country,
    point_inside_country,
    wait_for_app,
)


class Listener(http.server.BaseHTTPRequestHandler):
    heard: list[str] = []

    def do_GET(self):  # noqa: N802 (the standard library's name)
        Listener.heard.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def listener():
    """A server on a second loopback address: any request to it is a payload that loaded."""
    server = http.server.ThreadingHTTPServer(("127.0.0.2", 0), Listener)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.2:{server.server_port}"
    server.shutdown()


def _start(tmp_path, data: Path, module: str):
    server = streamlit_server(f"the app ({module})", Path("serve.py"), ROOT, tmp_path / "app.log")
    server.argv[1:3] = ["-m", module]  # python -m MODULE run serve.py --server.port …
    server.env["ROUTE_ATLAS_DATA_DIR"] = str(data)
    try:
        server.start(timeout_s=STARTUP_TIMEOUT_S)
    except ServerError as error:
        pytest.fail(f"{error}: {(tmp_path / 'app.log').read_text()[-2000:]}")
    return server


@pytest.fixture(scope="module")
def safe_app(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("safe")
    data = poisoned(Path(shutil.copytree(DATA, tmp / "data")), SAFE)
    server = _start(tmp, data, "streamlit")
    yield server.url
    server.stop()


@pytest.fixture(scope="module")
def unchecked_app(tmp_path_factory, listener):
    tmp = tmp_path_factory.mktemp("unsafe")
    data = poisoned(Path(shutil.copytree(DATA, tmp / "data")), unsafe(listener))
    edit(data / "countries.csv", "speaks of the jungles", "speaks of the jungles " + "long " * 4_000)
    server = _start(tmp, data, "tests.browser.unchecked")
    yield server.url
    server.stop()


class Watch:
    """What a page did that a payload could make it do: page errors, dialogs, requests elsewhere."""

    def __init__(self, page: Page, own: str):
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.elsewhere: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        page.on(
            "request",
            lambda r: (
                None if r.url.startswith((own, "file:", "data:", "blob:")) else self.elsewhere.append(r.url)
            ),
        )


def _idle(page: Page) -> None:
    expect(page.locator(APP_IDLE)).to_be_attached(timeout=TIMEOUT_MS)
    page.wait_for_timeout(300)


def _text(page: Page) -> str:
    return page.locator("body").inner_text()


def _download(page: Page, name: str) -> bytes:
    button = page.get_by_role("button", name=name)
    expect(button).to_be_visible(timeout=TIMEOUT_MS)
    with page.expect_download(timeout=60_000) as download:
        button.click()
    return Path(download.value.path()).read_bytes()


def _offline_file(page: Page, app: str, tmp_path: Path) -> Path:
    page.goto(app + "/sources")
    _idle(page)
    path = tmp_path / "atlas.html"
    path.write_bytes(_download(page, "Download the offline atlas"))
    return path


def test_what_the_check_lets_through_is_shown_as_typed_everywhere(page: Page, safe_app: str, tmp_path):
    watch = Watch(page, safe_app)
    laos, quote = "Laos " + SAFE, "In Laos " + SAFE + "."

    page.goto(safe_app + "/")
    wait_for_app(page)
    assert "Where the journeys run " + SAFE in _text(page)
    names = page.frame_locator(MAP_IFRAME).locator(".atlas-name-LAO")
    expect(names).to_have_text(laos)  # the name in the map
    expect(page.get_by_role("radio", name=laos)).to_be_attached()  # the country list
    x, y = point_inside_country(page, "LAO")
    page.mouse.move(x, y)
    tooltip = page.frame_locator(MAP_IFRAME).locator(".leaflet-tooltip")
    expect(tooltip).to_have_text(laos + ": transit country", timeout=TIMEOUT_MS)
    click_country(page, "LAO")
    expect(page.get_by_role("heading", name=laos, exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    shown = _text(page)
    assert quote in shown and "jungles in Vietnam and Laos. " + SAFE in shown
    assert "JAPAN Forward interview " + SAFE in shown  # a credit

    page.goto(safe_app + "/journey?step=1")
    _idle(page)
    expect(page.locator('[data-testid="stMain"] h2')).to_have_text(
        f"Step 1 of 8: Pastor Kim and Beyond Utopia {SAFE}"
    )
    assert "Kim Seongeun. " + SAFE in _text(page)
    page.goto(safe_app + "/journey?step=southern-routes")
    _idle(page)
    expect(page.get_by_text(quote, exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    assert laos in _text(page)  # the step's countries line

    page.goto(safe_app + "/journey?kiosk=1&seconds=600")
    _idle(page)
    expect(page.locator('[data-testid="stMain"] h2')).to_contain_text(SAFE, timeout=TIMEOUT_MS)

    page.goto(safe_app + "/sources")
    _idle(page)
    assert "JAPAN Forward " + SAFE in _text(page) and SAFE in _text(page)
    page.goto(safe_app + "/why-country-level")
    _idle(page)

    page.goto(safe_app + "/excerpts?country=LAO")
    _idle(page)
    rows = pd.read_csv(io.BytesIO(_download(page, "Download these rows (CSV)")), dtype=str)
    assert quote in set(rows["text"]), rows.columns
    assert rows.apply(lambda row: row.str.contains(laos, regex=False)).any().any()

    page.goto(safe_app + "/journey")
    _idle(page)
    handout = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(_download(page, "Download handout (PDF)"))).pages
    )
    for part in ("${alert(1)}", "back\\`slash", "\\href{#}{x}", "$x^2$"):
        assert part in handout, part

    atlas = _offline_file(page, safe_app, tmp_path)
    page.goto(atlas.as_uri() + "#country=LAO")
    expect(page.locator("#view-explore").get_by_text(quote, exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    page.goto(atlas.as_uri() + "#step=1")
    expect(page.locator(".atlas-journey-heading h2:not([hidden])")).to_contain_text(SAFE)

    assert (watch.errors, watch.dialogs, watch.elsewhere) == ([], [], [])


def _nothing_ran(page: Page, where: str) -> None:
    for frame in page.frames:
        assert frame.evaluate("window.__pwned === undefined"), f"{where}: a payload ran in {frame.url}"


def test_what_the_check_refuses_runs_nothing_even_past_it(page: Page, unchecked_app: str, listener, tmp_path):
    watch = Watch(page, unchecked_app)
    page.goto(unchecked_app + "/")
    wait_for_app(page)
    click_country(page, "LAO")
    expect(page.get_by_text("<script>window.__pwned=1</script>").first).to_be_visible(timeout=TIMEOUT_MS)
    _nothing_ran(page, "Explore")
    for address in [
        "/journey?step=1",
        "/journey?step=southern-routes",
        "/journey?kiosk=1&seconds=600",
        "/sources",
        "/excerpts?country=LAO",
        "/why-country-level",
    ]:
        page.goto(unchecked_app + address)
        _idle(page)
        page.wait_for_timeout(500)
        _nothing_ran(page, address)
    atlas = _offline_file(page, unchecked_app, tmp_path)
    for hash_ in ("#country=LAO", "#step=1", "#step=4", "#sources"):
        page.goto(atlas.as_uri() + hash_)
        page.wait_for_timeout(300)
        _nothing_ran(page, "the offline atlas " + hash_)
    assert (watch.errors, watch.dialogs, watch.elsewhere) == ([], [], [])
    assert Listener.heard == [], Listener.heard
