"""The Journey page in a real browser: clicker keys that leave the map in place, projector mode
on a 1280×720 screen, the map's journey layer, the content-note card, hosts and console, the
handout."""

from __future__ import annotations

import re
import statistics
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from route_atlas import load_content
from route_atlas.journey import visited_before
from route_atlas.look import SCHEMATIC_CAPTION, STAGE_LEGEND

from .conftest import (
    APP_IDLE,
    MAP_IFRAME,
    NAVIGATION,
    REPO_ROOT,
    ROUTE_COUNTRIES,
    TIMEOUT_MS,
    Traffic,
    click_country,
    running_app,
)

ATLAS = load_content(REPO_ROOT / "data")
STEPS = ATLAS.steps
SLUGS = [step.slug for step in STEPS]
SCHEMATIC = SCHEMATIC_CAPTION
KILLING = "stabbed to death"  # the China step's excerpt tagged "killing"
NO_HOST_SCHEMES = ("data", "blob", "about")
SCREEN = {"width": 1280, "height": 720}


def title(number: int) -> str:
    return f"Step {number} of {len(STEPS)}: {STEPS[number - 1].title}"


def step_heading(page: Page):
    return page.locator('[data-testid="stMain"] h2')


def map_frame(page: Page):
    return page.frame_locator(MAP_IFRAME)


def open_journey(page: Page, app_url: str, query: str = "") -> None:
    """Open /journey?<query> and wait until the step and the whole map are drawn.

    Streamlit's idle marker can match before the websocket has connected, so the step's heading
    and the map's eight route countries are waited for too.
    """
    page.goto(f"{app_url}/journey{'?' + query if query else ''}")
    expect(step_heading(page)).to_have_text(re.compile(r"^Step \d+ of \d+: "), timeout=TIMEOUT_MS)
    expect(map_frame(page).locator("path.atlas-country")).to_have_count(
        len(ROUTE_COUNTRIES), timeout=TIMEOUT_MS
    )
    expect(page.locator(APP_IDLE)).to_be_attached(timeout=TIMEOUT_MS)


def expect_step(page: Page, number: int) -> None:
    """The heading names step `number` (1-based) and the address its slug."""
    expect(step_heading(page)).to_have_text(title(number), timeout=TIMEOUT_MS)
    expect(page).to_have_url(re.compile(rf"[?&]step={re.escape(SLUGS[number - 1])}(&|$)"), timeout=TIMEOUT_MS)


# --- the keys a clicker sends ----------------------------------------------------------------

# Key press -> new heading, measured in the page: performance.now() at keydown (a capture
# listener sees the key before Streamlit does) and again when the h2 shows a new step.
_TIMING_JS = """
() => {
    const heading = () => {
        const h2 = document.querySelector('[data-testid="stMain"] h2');
        return h2 ? h2.textContent : '';
    };
    const timing = window.__journeyTiming = {pressedAt: null, last: heading(), times: []};
    window.addEventListener('keydown', (event) => {
        timing.pressedAt = performance.now();
        timing.key = event.key;
    }, true);
    new MutationObserver(() => {
        const now = heading();
        if (!now.startsWith('Step ') || now === timing.last) return;
        timing.last = now;
        if (timing.pressedAt !== null) {
            timing.times.push({key: timing.key, heading: now, ms: performance.now() - timing.pressedAt});
            timing.pressedAt = null;
        }
    }).observe(document.body, {subtree: true, childList: true, characterData: true});
}
"""


def test_clicker_keys_move_the_step_and_never_reload_the_map(page: Page, app_url: str):
    open_journey(page, app_url, "step=2")
    expect_step(page, 2)
    page.locator(MAP_IFRAME).element_handle().content_frame().evaluate("window.__atlas_marker = 1")
    page.evaluate(_TIMING_JS)

    presses = [
        ("ArrowRight", 3),
        ("ArrowRight", 4),
        ("ArrowRight", 5),
        ("PageUp", 4),
        ("Home", 1),
        ("End", len(STEPS)),
        ("ArrowLeft", len(STEPS) - 1),
        ("PageDown", len(STEPS)),
    ]
    for key, number in presses:
        page.keyboard.press(key)
        expect_step(page, number)
        # The step's schematic lines arrive in the map that is already there.
        links = len(STEPS[number - 1].links)
        expect(map_frame(page).locator("path.atlas-link"), f"lines after {key}").to_have_count(
            links, timeout=TIMEOUT_MS
        )

    frame = page.locator(MAP_IFRAME).element_handle().content_frame()
    assert frame.evaluate("window.__atlas_marker") == 1, "a key press reloaded the map iframe"

    times = page.evaluate("window.__journeyTiming.times")
    assert [t["heading"] for t in times] == [title(number) for _, number in presses]
    ms = [t["ms"] for t in times]
    print(
        "\nkey press -> new heading (ms): "
        + ", ".join(f"{t['key']} {t['ms']:.0f}" for t in times)
        + f"\nmedian {statistics.median(ms):.0f} ms, min {min(ms):.0f} ms, max {max(ms):.0f} ms"
    )


# --- projector mode on a 1280×720 screen -----------------------------------------------------


def _relative_luminance(rgb: tuple[float, float, float]) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: tuple[float, float, float], background: tuple[float, float, float]) -> float:
    """The WCAG 2 contrast ratio of two opaque colours."""
    lighter, darker = sorted((_relative_luminance(foreground), _relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _parse_rgb(css: str) -> tuple[tuple[float, float, float], float]:
    values = [float(v) for v in re.findall(r"[\d.]+", css)]
    return (values[0], values[1], values[2]), (values[3] if len(values) > 3 else 1.0)


def seen_on(css_colour: str, opacity: float, background=(255, 255, 255)) -> tuple[float, float, float]:
    """The colour the eye sees: `css_colour` (with its alpha) at `opacity` over `background`."""
    rgb, alpha = _parse_rgb(css_colour)
    a = alpha * opacity
    return tuple(a * c + (1 - a) * b for c, b in zip(rgb, background, strict=True))


# The text colour and, walking up the ancestors, the product of their opacities.
_TEXT_LOOK_JS = """
(element) => {
    let opacity = 1;
    for (let node = element; node; node = node.parentElement) {
        opacity *= parseFloat(getComputedStyle(node).opacity);
    }
    const style = getComputedStyle(element);
    return {color: style.color, opacity, fontSize: parseFloat(style.fontSize)};
}
"""


def _inside(box, where: str) -> None:
    assert box is not None, f"{where} is not shown"
    left, top = box["x"], box["y"]
    right, bottom = left + box["width"], top + box["height"]
    assert 0 <= left and right <= SCREEN["width"] and 0 <= top and bottom <= SCREEN["height"], (
        f"{where} is not inside the 1280×720 screen: {box}"
    )


def test_projector_mode_fits_a_step_on_a_1280x720_screen(page: Page, app_url: str, tmp_path):
    page.set_viewport_size(SCREEN)
    open_journey(page, app_url, "step=china&present=1")
    expect_step(page, 3)
    expect(page.get_by_role("button", name="Leave projector mode")).to_be_visible()

    # What the class must see without scrolling: the heading, the content-note card if the step
    # has one, the first quotation and the map.
    _inside(step_heading(page).bounding_box(), "the step heading")
    card = page.locator(".st-key-content_note_card")
    if card.count():
        _inside(card.bounding_box(), "the content-note card")
    first_quote = page.locator('[data-testid="stMain"] blockquote').first
    _inside(first_quote.bounding_box(), "the first quotation")
    _inside(page.locator(MAP_IFRAME).bounding_box(), "the map")

    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_test_id("stToolbar")).to_be_hidden()

    # The teacher's tools (projector mode, content notes, handout) are not the room's to read.
    body_text = page.locator('[data-testid="stMain"] p:not(.st-key-journey_tools *)').filter(visible=True)
    sizes = body_text.evaluate_all("(ps) => ps.map((p) => parseFloat(getComputedStyle(p).fontSize))")
    quote = first_quote.locator("p").first.evaluate(_TEXT_LOOK_JS)
    ratio = contrast(seen_on(quote["color"], quote["opacity"]), (255, 255, 255))
    heading_size = step_heading(page).evaluate("(h) => parseFloat(getComputedStyle(h).fontSize)")
    height = page.get_by_test_id("stMain").evaluate("(main) => main.scrollHeight")
    print(
        f"\nprojector mode: body text {min(sizes):.0f}-{max(sizes):.0f} px over {len(sizes)} paragraphs, "
        f"heading {heading_size:.0f} px; quotation colour {quote['color']} at opacity "
        f"{quote['opacity']:.2f}: {ratio:.1f}:1 against white; the whole step is {height} px tall"
    )
    assert min(sizes) >= 28, f"body text under 28 px: {sizes}"
    assert heading_size > 28, "headings larger than the body text"
    assert ratio >= 7, f"the quotation's contrast is {ratio:.1f}:1"

    # Each button's label against the button itself (a primary button is not white).
    buttons = page.locator('[data-testid="stMain"] button').filter(visible=True)
    looks = buttons.evaluate_all(
        """(buttons) => buttons.map((b) => {
            const label = b.querySelector('p') || b;
            let opacity = 1;
            for (let n = label; n; n = n.parentElement) opacity *= parseFloat(getComputedStyle(n).opacity);
            return {text: b.textContent, disabled: b.disabled, color: getComputedStyle(label).color, opacity,
                    background: getComputedStyle(b).backgroundColor};
        })"""
    )
    for look in looks:
        if not look["text"].strip() or look["disabled"]:
            continue  # icon buttons (the help "?"), drawn as glyphs; disabled ones are faded on purpose
        background = seen_on(look["background"], 1.0)
        ratio = contrast(seen_on(look["color"], look["opacity"], background), background)
        assert ratio >= 7, f"button {look['text']!r}: {look['color']} on {look['background']}, {ratio:.1f}:1"

    # For a person to look at; docs/journey-projector.png is a copy made by hand, not by tests.
    page.screenshot(path=str(tmp_path / "journey-projector.png"))


# --- the map's journey layer -----------------------------------------------------------------


def test_a_step_draws_its_lines_its_countries_and_those_already_passed(page: Page, app_url: str):
    number = SLUGS.index("thailand") + 1
    step = STEPS[number - 1]
    open_journey(page, app_url, f"step={step.slug}")
    expect_step(page, number)
    frame = map_frame(page)
    expect(frame.locator("path.atlas-link")).to_have_count(len(step.links), timeout=TIMEOUT_MS)
    expect(frame.locator("path.atlas-current")).to_have_count(len(step.countries))
    for code in step.countries:
        expect(frame.locator(f"path.atlas-country-{code}.atlas-current")).to_have_count(1)
    visited = visited_before(STEPS, number - 1)
    assert visited, "the Thailand step comes after other countries"
    expect(frame.locator("path.atlas-visited")).to_have_count(len(visited))
    for code in visited:
        expect(frame.locator(f"path.atlas-country-{code}.atlas-visited")).to_have_count(1)
    expect(page.get_by_text(SCHEMATIC, exact=True)).to_be_visible()
    # Dashed means "shown in an earlier step", in the legend's own words: no source orders the steps.
    for words in STAGE_LEGEND:
        expect(frame.locator(".atlas-legend")).to_contain_text(words)


# --- the content-note card -------------------------------------------------------------------


def test_the_content_note_card_asks_first_and_remembers_the_answer(page: Page, app_url: str):
    open_journey(page, app_url, "step=china")
    card = page.locator(".st-key-content_note_card")
    expect(card).to_be_visible()
    expect(card).to_contain_text("killing")
    expect(page.get_by_text(KILLING)).to_have_count(0)

    card.get_by_role("button", name=re.compile(r"^Show these excerpts")).click()
    expect(page.locator("blockquote").filter(has_text=KILLING)).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text("Content note: killing", exact=True)).to_be_visible()
    expect(card).to_have_count(0)

    page.locator(".st-key-journey_nav").get_by_role("button", name=re.compile(r"^Next →")).click()
    expect_step(page, 4)
    page.locator(".st-key-journey_nav").get_by_role("button", name=re.compile(r"^← Previous")).click()
    expect_step(page, 3)
    expect(page.locator("blockquote").filter(has_text=KILLING)).to_be_visible(timeout=TIMEOUT_MS)
    expect(card).to_have_count(0)


# --- hosts and console -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def journey_tour(browser: Browser, browser_context_args, app_url: str) -> Traffic:
    """A whole lesson, recorded: every step by key, a content note shown, projector mode on and off."""
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    traffic = Traffic().record(page)
    try:
        open_journey(page, app_url)
        for number in range(2, len(STEPS) + 1):
            page.keyboard.press("ArrowRight")
            expect_step(page, number)
            if number == SLUGS.index("china") + 1:
                page.locator(".st-key-content_note_card").get_by_role(
                    "button", name="Show these excerpts"
                ).click()
                expect(page.locator("blockquote").filter(has_text=KILLING)).to_be_visible(timeout=TIMEOUT_MS)
        page.get_by_role("button", name="Projector mode", exact=True).click()
        expect(page).to_have_url(re.compile(r"[?&]present=1(&|$)"), timeout=TIMEOUT_MS)
        page.keyboard.press("Home")
        expect_step(page, 1)
        page.get_by_role("button", name="Leave projector mode").click()
        expect(page.get_by_role("button", name="Download handout (PDF)").first).to_be_attached(
            timeout=TIMEOUT_MS
        )
        expect(page.locator(APP_IDLE)).to_be_attached(timeout=TIMEOUT_MS)
    finally:
        context.close()
    return traffic


def test_a_lesson_contacts_no_host_but_the_apps_own(journey_tour: Traffic, app_url: str):
    own_host = urlparse(app_url).netloc
    hosts = {urlparse(url).netloc for url in journey_tour.urls if urlparse(url).scheme not in NO_HOST_SCHEMES}
    print(f"\nhosts contacted during the journey: {sorted(hosts)} ({len(journey_tour.urls)} requests)")
    assert journey_tour.requests, "no request was recorded"
    assert hosts == {own_host}, [url for url in journey_tour.urls if urlparse(url).netloc != own_host]


def _streamlit_base_path_probe(error: str, app_url: str) -> bool:
    """Streamlit's 404s for /journey/_stcore/health and /journey/_stcore/host-config when
    /journey is opened directly (see test_explore.py); only exactly these are tolerated."""
    probe = (
        r"Failed to load resource: the server responded with a status of 404 \(Not Found\) "
        rf"\(at {re.escape(app_url)}/journey/_stcore/(health|host-config)\)"
    )
    return re.fullmatch(probe, error) is not None


def test_a_lesson_logs_no_console_errors(journey_tour: Traffic, app_url: str):
    tolerated = [e for e in journey_tour.errors if _streamlit_base_path_probe(e, app_url)]
    errors = [e for e in journey_tour.errors if e not in tolerated]
    print(f"\nconsole and page errors: {errors}; Streamlit base-path probes tolerated: {len(tolerated)}")
    assert errors == []


# --- the handout -----------------------------------------------------------------------------


def test_the_handout_button_downloads_a_pdf(page: Page, app_url: str):
    open_journey(page, app_url, "step=thailand")
    button = page.get_by_role("button", name="Download handout (PDF)").filter(visible=True)
    with page.expect_download(timeout=30_000) as download:
        button.click()
    path = Path(download.value.path())
    data = path.read_bytes()
    print(f"\nhandout: {download.value.suggested_filename}, {len(data)} bytes")
    assert data.startswith(b"%PDF")
    assert len(data) > 20_000
    assert download.value.suggested_filename.endswith(".pdf")


# --- a deep link as the very first visit -----------------------------------------------------


@pytest.fixture
def fresh_app_url(tmp_path):
    """A server no browser has visited yet (the session's app_url has served / by now)."""
    with running_app(tmp_path / "streamlit.log") as base:
        yield base


# A fresh server's first visit is a link to a step: it still runs app.py's frame around the page
# (no file in pages/ is named after a page's address: see app.py).
def test_a_link_to_a_step_as_a_servers_first_visit_shows_the_whole_app(page: Page, fresh_app_url: str):
    open_journey(page, fresh_app_url, "step=china")
    expect_step(page, 3)
    expect(page.get_by_test_id("stSidebar").get_by_text("Content notes")).to_be_visible(timeout=3_000)
    names = page.get_by_test_id("stSidebarNav").get_by_role("link").all_inner_texts()
    assert names == NAVIGATION


# --- the clicker right after a click on the page's own controls -----------------------------

# Streamlit ignores shortcut keys while an <input> has focus: so projector mode is a button and
# the content-note setting three plain buttons, never a switch, radio buttons or a segmented control.


def test_the_clicker_works_right_after_projector_mode_is_switched_on(page: Page, app_url: str):
    open_journey(page, app_url, "step=2")
    page.get_by_role("button", name="Projector mode", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]present=1(&|$)"), timeout=TIMEOUT_MS)
    expect(page.locator(APP_IDLE)).to_be_attached(timeout=TIMEOUT_MS)
    # At the top of the step's pane, PageUp goes straight to the step before (PageDown would
    # first page through this long step: see test_projector_paging.py).
    page.keyboard.press("PageUp")
    expect(step_heading(page)).to_have_text(title(1), timeout=TIMEOUT_MS)


def test_the_clicker_after_choosing_content_notes_moves_the_step_not_the_setting(page: Page, app_url: str):
    open_journey(page, app_url, "step=north-korea")
    page.get_by_test_id("stSidebar").get_by_role("button", name="Ask", exact=True).click()
    expect(page.locator(APP_IDLE)).to_be_attached(timeout=TIMEOUT_MS)
    page.keyboard.press("ArrowRight")
    expect(step_heading(page)).to_have_text(title(3), timeout=TIMEOUT_MS)
    expect(page.locator(".st-key-content_note_card")).to_be_visible(timeout=TIMEOUT_MS)


def test_the_clicker_works_after_a_click_on_the_map(page: Page, app_url: str):
    # A click in the map moves the focus into its frame; the map hands the clicker's keys on.
    open_journey(page, app_url, "step=china")
    expect(map_frame(page).locator("path.atlas-current")).to_have_count(1, timeout=TIMEOUT_MS)
    click_country(page, "CHN")
    for key, number in (("ArrowRight", 4), ("PageDown", 5), ("ArrowLeft", 4), ("PageUp", 3), ("End", 8)):
        page.keyboard.press(key)
        expect_step(page, number)
    # A country clicked on one step is not still marked on the next.
    expect(map_frame(page).locator("path.atlas-picked")).to_have_count(0)
