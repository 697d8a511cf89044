"""The offline atlas as a teacher meets it: `python -m route_atlas export`, then atlas.html opened
from a file with every network request blocked and recorded, and the same folder served by a
static web server with the README's Content-Security-Policy header.

The quotations a click shows are checked verbatim against the source texts here, in the browser's
own words; nothing may leave file:, data: or blob:, and no console error may appear.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from route_atlas.offline_atlas import build_atlas
from route_atlas.quoting import find_quote
from tests.browser.conftest import ROUTE_COUNTRIES, TIMEOUT_MS, Traffic, export_kit
from tests.conftest import DATA, ROOT

POINT_INSIDE_JS = (ROOT / "bench" / "point_inside.js").read_text(encoding="utf-8")
LOCAL = ("file:", "data:", "blob:", "about:")
# The header the README tells a static host to send, read from its nginx example.
README_CSP = re.search(
    r'add_header Content-Security-Policy "([^"]+)"', (ROOT / "README.md").read_text(encoding="utf-8")
).group(1)


@pytest.fixture(scope="module")
def kit(tmp_path_factory) -> Path:
    """The kit as a teacher makes it, with the command the README gives."""
    return export_kit(tmp_path_factory.mktemp("kit"))


@pytest.fixture
def offline(page: Page):
    """The page with every request that is not the file itself blocked, and all of them kept."""
    traffic = Traffic().record(page)
    blocked: list[str] = []

    def answer(route):
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.context.route("**/*", answer)
    yield page, traffic, blocked
    outside = [url for url in traffic.urls if not url.startswith(LOCAL)]
    assert not outside and not blocked, f"the file asked for {outside or blocked}"
    assert not traffic.errors, traffic.errors


def open_atlas(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("html[data-atlas-ready]")).to_be_attached(timeout=TIMEOUT_MS)
    expect(page.locator("path.atlas-country")).to_have_count(len(ROUTE_COUNTRIES), timeout=TIMEOUT_MS)


def click_country(page: Page, iso3: str) -> None:
    """A real click on a point inside the country's own outline, as a mouse would."""
    page.locator("#explore-map-box").scroll_into_view_if_needed()
    point = page.evaluate(f"(iso3) => ({POINT_INSIDE_JS})(iso3)", iso3)
    assert "error" not in point, point
    page.mouse.click(point["x"], point["y"])


def panel(page: Page):
    return page.locator("#explore-panel > .atlas-variant:not([hidden])")


def assert_quotes_verbatim(atlas, shown) -> int:
    """Every quotation on show is in its source as written, with its credit after it; returns the count."""
    quotes = shown.locator(".atlas-excerpt:has(blockquote)")
    for i in range(quotes.count()):
        block = quotes.nth(i)
        # Scrolled to as a reader scrolls to it: an excerpt off screen is drawn as it comes near.
        block.scroll_into_view_if_needed()
        expect(block.locator(".atlas-credit")).to_have_text(re.compile(r"^— \S"), use_inner_text=True)
        text = block.locator("blockquote").inner_text()
        assert any(find_quote(text, source) is not None for source in atlas.source_texts.values()), repr(text)
        excerpt = next(e for e in atlas.excerpts if e.id == block.get_attribute("data-excerpt"))
        assert excerpt.text == text
    return quotes.count()


def test_every_country_click_shows_its_sourced_quotations(kit, offline, atlas):
    page, _, _ = offline
    open_atlas(page, (kit / "atlas.html").as_uri())
    for iso3, name in ROUTE_COUNTRIES.items():
        click_country(page, iso3)
        expect(panel(page).locator("h2")).to_have_text(name)
        expect(page.locator(f"path.atlas-country-{iso3}.atlas-picked")).to_have_count(1)
        assert page.locator("path.atlas-picked").count() == 1, f"{name}: more than one outline"
        assert page.evaluate("location.hash") == f"#country={iso3}"
        excerpts = atlas.excerpts_about(iso3)
        folded = [e for e in excerpts if e.content_note]
        expect(panel(page).locator("[data-excerpt]")).to_have_count(len(excerpts))
        # Ask (the default): the noted ones are folded behind their note; open them to read them.
        expect(panel(page).locator("details.atlas-folded")).to_have_count(len(folded))
        for details in panel(page).locator("details.atlas-folded").all():
            details.locator("summary").click()
        assert assert_quotes_verbatim(atlas, panel(page)) == sum(e.kind == "quote" for e in excerpts)


def test_the_list_selects_as_the_map_does(kit, offline):
    page, _, _ = offline
    open_atlas(page, (kit / "atlas.html").as_uri())
    page.get_by_label("Laos", exact=True).check()
    expect(panel(page).locator("h2")).to_have_text("Laos")
    expect(page.locator("path.atlas-country-LAO.atlas-picked")).to_have_count(1)
    # Keyboard only: the list is a radio group, so the arrow keys move along it.
    page.keyboard.press("ArrowRight")
    expect(panel(page).locator("h2")).to_have_text("Myanmar")
    # A click on the sea clears the choice.
    box = page.locator("#explore-map-box").bounding_box()
    page.mouse.click(box["x"] + box["width"] - 40, box["y"] + box["height"] * 0.55)
    expect(page.locator("path.atlas-picked")).to_have_count(0)
    assert page.evaluate("location.hash") == "#explore"


def test_the_clicker_keys_move_the_journey_and_page_through_a_step(kit, offline, atlas):
    page, _, _ = offline
    page.set_viewport_size({"width": 1280, "height": 720})
    open_atlas(page, (kit / "atlas.html").as_uri() + "#step=1&present&notes=show")
    heading = page.locator(".atlas-journey-heading h2:not([hidden])")
    expect(heading).to_have_text(f"Step 1 of {len(atlas.steps)}: {atlas.steps[0].title}")
    pane = page.locator("#journey-pane")
    seen = []
    for _ in range(60):  # PageDown alone, from step 1 to the last step's end
        seen.append(heading.inner_text())
        at_end = pane.evaluate("(b) => b.scrollTop + b.clientHeight >= b.scrollHeight - 2")
        page.keyboard.press("PageDown")
        if at_end and seen[-1].startswith(f"Step {len(atlas.steps)} of"):
            break
    titles = list(dict.fromkeys(seen))
    assert titles == [f"Step {i + 1} of {len(atlas.steps)}: {s.title}" for i, s in enumerate(atlas.steps)]
    assert page.evaluate("window.scrollY") == 0, "the page itself scrolled"
    page.keyboard.press("Home")
    expect(heading).to_contain_text("Step 1 of")
    page.keyboard.press("End")
    expect(heading).to_contain_text(f"Step {len(atlas.steps)} of")
    page.keyboard.press("ArrowLeft")
    expect(heading).to_contain_text(f"Step {len(atlas.steps) - 1} of")


def test_a_step_link_opens_that_step_and_a_bad_one_says_so(kit, offline, atlas):
    page, _, _ = offline
    open_atlas(page, (kit / "atlas.html").as_uri() + "#step=china")
    index = next(i for i, s in enumerate(atlas.steps) if s.slug == "china")
    heading = page.locator(".atlas-journey-heading h2:not([hidden])")
    expect(heading).to_have_text(f"Step {index + 1} of {len(atlas.steps)}: China")
    # The card asks first (Ask); the next key skips, S shows.
    card = page.locator("#journey-pane > .atlas-variant:not([hidden]) .atlas-card")
    expect(card).to_be_visible()
    page.keyboard.press("s")
    expect(card).to_have_count(0)
    assert page.locator("#journey-pane > .atlas-variant:not([hidden]) .atlas-note").count() > 0
    page.goto((kit / "atlas.html").as_uri() + "#step=99")
    expect(page.locator(".atlas-notice")).to_have_text(
        f'There is no step "99" (steps are numbered 1 to {len(atlas.steps)}); showing step 1.'
    )
    expect(heading).to_contain_text("Step 1 of")


def test_the_kiosk_loop_advances_by_itself_and_shows_no_control(kit, offline, atlas):
    page, _, _ = offline
    open_atlas(page, (kit / "atlas.html").as_uri() + f"#kiosk&seconds=1&step={len(atlas.steps)}")
    heading = page.locator(".atlas-journey-heading h2:not([hidden])")
    expect(heading).to_contain_text(f"Step {len(atlas.steps)} of")
    expect(page.locator(".atlas-journey-nav")).to_be_hidden()
    expect(heading).to_contain_text("Step 1 of", timeout=5000)  # it wraps
    expect(heading).to_contain_text("Step 2 of", timeout=5000)
    # A key pauses it and brings the keys back.
    page.keyboard.press("Shift")
    expect(page.locator(".atlas-journey-nav")).to_be_visible()


def test_served_by_a_static_server_with_the_readme_csp_nothing_is_refused(kit, page: Page):
    handler = functools.partial(_CspHandler, directory=str(kit))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    violations: list[str] = []
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', (e) =>"
        " (window.__violations = window.__violations || []).push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    traffic = Traffic().record(page)
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        open_atlas(page, f"{base}/atlas.html#country=CHN")
        expect(panel(page).locator("h2")).to_have_text("China")
        page.goto(f"{base}/atlas.html#step=2&present")
        expect(page.locator(".atlas-journey-heading h2:not([hidden])")).to_contain_text("Step 2 of")
        violations += page.evaluate("window.__violations || []")
    finally:
        server.shutdown()
    assert not violations, violations
    assert not traffic.errors, traffic.errors
    assert all(url.startswith(base) for url in traffic.requests), traffic.requests


class _CspHandler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("Content-Security-Policy", README_CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, *args):
        pass


HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script></script>'


def test_html_and_script_in_every_text_field_show_as_text(atlas, tmp_path, offline):
    page, _, _ = offline
    marked = hostile(atlas)
    (tmp_path / "atlas.html").write_bytes(build_atlas(marked).data)
    open_atlas(page, (tmp_path / "atlas.html").as_uri() + "#country=CHN&notes=show")
    shown = panel(page)
    expect(shown.locator("h2")).to_have_text(f"China {HOSTILE}")
    expect(shown.locator("blockquote").first).to_contain_text(HOSTILE)
    page.goto((tmp_path / "atlas.html").as_uri() + "#step=1&notes=show")
    expect(page.locator(".atlas-journey-heading h2:not([hidden])")).to_contain_text(HOSTILE)
    page.goto((tmp_path / "atlas.html").as_uri() + "#sources")
    expect(page.locator("#view-sources h2").first).to_contain_text(HOSTILE)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#view-explore img, #view-journey img, #view-sources img, main script").count() == 0


def hostile(atlas):
    """The content with the payload after every text a reader sees (as a hostile or careless edit
    past the loader's checks would leave it)."""
    tag = f" {HOSTILE}"
    return atlas.__class__(
        countries={
            code: c.model_copy(update={"name": c.name + tag, "description": c.description + tag})
            for code, c in atlas.countries.items()
        },
        sources={
            sid: s.model_copy(
                update={
                    "short_title": s.short_title + tag,
                    "title": s.title + tag,
                    "notes": (*s.notes, HOSTILE),
                }
            )
            for sid, s in atlas.sources.items()
        },
        excerpts=tuple(
            e.model_copy(update={"text": e.text + tag, "speaker": (e.speaker + tag) if e.speaker else ""})
            for e in atlas.excerpts
        ),
        source_texts=atlas.source_texts,
        spans=atlas.spans,
        boundaries=atlas.boundaries,
        # Without their lines: a line's list sentence names the countries by their real names.
        steps=tuple(
            s.model_copy(update={"title": s.title + tag, "note": s.note + tag, "links": ()})
            for s in atlas.steps
        ),
        opening=atlas.opening.model_copy(update={"title": atlas.opening.title + tag})
        if atlas.opening
        else None,
    )


def test_the_data_the_script_reads_cannot_end_its_element(atlas):
    html = build_atlas(hostile(atlas)).html
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", html, flags=re.S)
    assert len(scripts) == 4, "the data, Leaflet, the map and the atlas's script, each whole"
    assert HOSTILE not in scripts[0]


def test_the_content_folder_is_never_written(kit):
    assert not any(path.is_relative_to(DATA) for path in kit.iterdir())


def test_the_app_gives_the_same_file(app_url, page: Page, kit):
    page.goto(f"{app_url}/sources")
    button = page.get_by_role("button", name="Download the offline atlas")
    expect(button).to_be_visible(timeout=TIMEOUT_MS)
    with page.expect_download(timeout=TIMEOUT_MS) as download:
        button.click()
    assert download.value.suggested_filename == "atlas.html"
    assert Path(download.value.path()).read_bytes() == (kit / "atlas.html").read_bytes()


@pytest.mark.parametrize(
    "address",
    ["#explore", "#country=CHN", "#step=china", "#step=china&present", "#sources", "#why"],
)
def test_axe_finds_nothing_serious_or_critical_in_the_file(kit, browser, address):
    from tests.browser.test_accessibility import _AXE_RUN_JS, AXE, BLOCKING, _describe

    # axe goes in as an inline script, which the file's own policy (rightly) refuses: the test's
    # context alone sets the policy aside.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 720})
    try:
        page = context.new_page()
        open_atlas(page, (kit / "atlas.html").as_uri() + address)
        page.add_script_tag(path=AXE)
        violations = page.evaluate(_AXE_RUN_JS)["violations"]
    finally:
        context.close()
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, _describe(blocking)


def test_on_a_phone_a_tap_outlines_one_country_and_brings_its_panel_into_view(kit, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        open_atlas(page, (kit / "atlas.html").as_uri())
        for iso3 in ("LAO", "VNM", "KOR"):
            page.locator(f".atlas-name-{iso3}").scroll_into_view_if_needed()
            page.tap(f".atlas-name-{iso3}")
            expect(panel(page).locator("h2")).to_have_text(ROUTE_COUNTRIES[iso3])
            expect(panel(page).locator("h2")).to_be_in_viewport()
            assert page.locator("path.atlas-picked").count() == 1, f"{iso3}: more than one outline"
        page.goto((kit / "atlas.html").as_uri() + "#step=3")
        expect(
            page.locator("#journey-pane > .atlas-variant:not([hidden]) blockquote").first
        ).to_be_in_viewport()
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"the page scrolls sideways: {width}"
    finally:
        context.close()
