"""Bad addresses, as a mistyped, truncated or hostile link would give them: each gets a short,
friendly message in the page (never a traceback or a server path), an address that names no page
gets the atlas's own "no such page" with a link home, and every response carries the security
headers (route_atlas/web.py) with no page breaking them.
"""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from route_atlas.words import SHORT

from .conftest import APP_IDLE, MAP_IFRAME, TIMEOUT_MS, click_country, panel_heading, wait_for_app

LONG = "A" * 60_000
DIGITS = "9" * 5_000
RLO = "%E2%80%AE"  # U+202E, which would turn the rest of a sentence around

# (address, words the message says): each message repeats at most SHORT characters of the value.
# A few, opened for real (the whole table is the app test's, tests/app/test_addresses.py): the
# message stays on Explore after its map reruns it, and a U+202E cannot turn it around on screen.
ADDRESSES = [
    (f"/?country={LONG}", "There is no route country"),
    (f"/?country={RLO}abc", 'There is no route country "\ufffdabc" in this atlas'),
    (f"/journey?step={DIGITS}", "There is no step"),
    (f"/sources?notes={RLO}x", 'There is no content-note setting "\ufffdx"'),
    (f"/excerpts?country={LONG}&q=%00", "Not in this atlas, so left out of the filters"),
]
# A kiosk's screen shows no messages (a venue's foyer); its bad values fall back to the defaults.
KIOSK_ADDRESSES = [
    "/journey?kiosk=1&seconds=abc&idle=%00",
    f"/journey?kiosk=1&seconds={LONG}&idle={DIGITS}&notes={RLO}x&lang={LONG}",
]
NO_PAGE = ["/journey/x", "/nope", "/sources/a/b", "/why-country-level/..%2f..", "/%00"]


def _step_heading(page: Page):
    return page.get_by_role("heading", name=re.compile(r"^Step \d+ of \d+: "))


def _idle(page: Page) -> None:
    """The script has run (Excerpts, Sources and Why draw no map to wait for)."""
    expect(page.locator(APP_IDLE)).to_be_attached(timeout=TIMEOUT_MS)


def _visible_text(page: Page) -> str:
    return page.locator("body").inner_text()


def _assert_friendly(page: Page, address: str) -> None:
    text = _visible_text(page)
    assert "Traceback" not in text and "/work" not in text and "/tmp" not in text, address
    expect(page.get_by_test_id("stException")).to_have_count(0)
    longest = max((len(run) for run in text.replace("A" * (SHORT + 1), "\n").splitlines()), default=0)
    assert "A" * (SHORT + 1) not in text, f"{address}: the message repeats more than {SHORT} characters"
    assert longest < 2_000, address


@pytest.mark.parametrize("address, said", ADDRESSES, ids=[a[:40] for a, _ in ADDRESSES])
def test_a_bad_value_in_a_link_gets_a_short_friendly_message(page: Page, app_url: str, address, said):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(app_url + address)
    _idle(page)
    message = page.get_by_test_id("stAlert").filter(has_text=said)
    expect(message).to_be_visible(timeout=TIMEOUT_MS)
    if address.startswith("/?"):
        wait_for_app(page)
        page.wait_for_timeout(1_000)  # the map's first answer reruns Explore: the message stays
        expect(message).to_be_visible()
    _assert_friendly(page, address)
    assert errors == []


@pytest.mark.parametrize("address", KIOSK_ADDRESSES, ids=[a[:40] for a in KIOSK_ADDRESSES])
def test_a_kiosk_with_bad_values_plays_on_its_defaults(page: Page, app_url: str, address):
    page.goto(app_url + address)
    wait_for_app(page)
    expect(_step_heading(page)).to_have_text(re.compile("^Step 1 of"), timeout=TIMEOUT_MS)
    expect(page.get_by_test_id("stAlert")).to_have_count(0)
    _assert_friendly(page, address)


@pytest.mark.parametrize("address", NO_PAGE)
def test_an_address_that_is_no_page_gets_the_atlas_own_page_with_a_link_home(page: Page, app_url, address):
    response = page.goto(app_url + address)
    assert response.status in (400, 404), response.status
    if response.status == 400:  # the server refused the address before any page could (a %00)
        return
    expect(page.get_by_role("heading", name="No such page")).to_be_visible()
    home = page.get_by_role("link", name="Go to the atlas's first page, Explore")
    expect(home).to_have_attribute("href", "/")
    if address == NO_PAGE[0]:  # one of them follows it
        home.click()
        _idle(page)
        expect(page.get_by_role("heading", name="Explore the route countries")).to_be_visible(
            timeout=TIMEOUT_MS
        )


@pytest.mark.parametrize(
    "address",
    ["/app/static/..%2f..%2fapp.py", "/app/static/%2e%2e/%2e%2e/app.py", "/app/static/..%5c..%5capp.py"],
)
def test_static_files_cannot_be_reached_outside_static(app_url: str, address):
    try:
        with urllib.request.urlopen(app_url + address, timeout=10) as response:
            body = response.read()
    except urllib.error.HTTPError as refused:
        assert refused.code in (400, 403, 404), refused.code
        return
    assert b"ui.frame()" not in body, f"{address} served app.py"


def test_streamlit_metrics_are_not_public(app_url: str):
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{app_url}/_stcore/metrics", timeout=10)
    assert refused.value.code == 404


# The event, and a ReportingObserver: in streamlit-folium's frame only the observer hears of a
# violation (seen with a stricter policy: an eval() there raised an error, and no event came).
VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
new ReportingObserver((reports) => reports.forEach((r) =>
  window.__violations.push(`${r.body.effectiveDirective} ${r.body.blockedURL}`)),
  {types: ["csp-violation"], buffered: true}).observe();
"""


def test_every_page_carries_the_security_headers_and_breaks_none_of_them(page: Page, app_url: str):
    page.add_init_script(VIOLATIONS)
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: refused.append(str(e)))
    documents: dict[str, dict[str, str]] = {}
    page.on(
        "response",
        lambda r: documents.setdefault(r.url, r.headers) if r.request.resource_type == "document" else None,
    )
    for address in ["/", "/journey?step=3", "/excerpts", "/sources", "/why-country-level", "/?present=1"]:
        page.goto(app_url + address)
        _idle(page)
        if address == "/":
            wait_for_app(page)
            click_country(page, "CHN")  # the map's own scripts run, in its frame, under its policy
            expect(panel_heading(page, "China")).to_be_visible(timeout=TIMEOUT_MS)
        if address.startswith("/journey"):
            wait_for_app(page)
            page.keyboard.press("PageDown")
            expect(_step_heading(page)).to_have_text(re.compile("^Step 4 of"), timeout=TIMEOUT_MS)
        page.wait_for_timeout(500)
        seen = [v for frame in page.frames for v in frame.evaluate("window.__violations || []")]
        assert seen == [], f"{address}: {seen}"
    assert refused == []
    assert any("/component/streamlit_folium" in url for url in documents), list(documents)
    for url, headers in documents.items():
        policy = headers.get("content-security-policy", "")
        assert "default-src 'self'" in policy and "frame-ancestors 'self'" in policy, url
        assert "object-src 'none'" in policy and "connect-src 'self'" in policy, url
        assert ("'unsafe-eval'" in policy) == ("/component/streamlit_folium" in url), url
        assert headers.get("referrer-policy") == "no-referrer", url
        assert headers.get("x-content-type-options") == "nosniff", url
        assert headers.get("permissions-policy") == "camera=(), microphone=(), geolocation=()", url


def test_another_site_cannot_frame_the_atlas(page: Page, app_url: str, tmp_path):
    """A page on another origin (a file here) that frames the atlas gets nothing drawn in it."""
    framer = tmp_path / "framer.html"
    framer.write_text(f'<iframe id="f" src="{app_url}/" width="800" height="600"></iframe>', encoding="utf-8")
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "frame-ancestors" in m.text else None)
    page.goto(framer.as_uri())
    deadline = time.monotonic() + 10
    while not blocked and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert blocked, "the browser did not refuse the frame"
    frame = page.frame_locator("#f")
    expect(frame.locator(APP_IDLE)).to_have_count(0)
    expect(frame.locator(MAP_IFRAME)).to_have_count(0)
