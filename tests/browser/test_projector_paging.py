"""Projector mode with a clicker: PageDown pages through the whole of each step's pane before it
moves to the next step, so a class sees every line of every excerpt with the keys alone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from route_atlas import load_content

from .conftest import APP_IDLE, REPO_ROOT, TIMEOUT_MS
from .test_journey import open_journey, step_heading, title

STEPS = load_content(REPO_ROOT / "data").steps

# Every block a reader must see in the pane (quotations, credits, notes, list sentences), and for
# each the part of it inside both the pane and the window, in its own coordinates.
_SEEN_JS = """() => {
    const pane = document.querySelector('.st-key-journey_pane');
    const box = pane.getBoundingClientRect();
    const blocks = pane.querySelectorAll(
        'blockquote, [data-testid="stCaptionContainer"], [data-testid="stMarkdownContainer"] > p');
    return {
        heading: document.querySelector('[data-testid="stMain"] h2').textContent,
        top: pane.scrollTop <= 1,
        end: pane.scrollTop + pane.clientHeight >= pane.scrollHeight - 2,
        pageScrolls: document.scrollingElement.scrollHeight > window.innerHeight + 1,
        blocks: [...blocks].map((el) => {
            const r = el.getBoundingClientRect();
            const from = Math.max(r.top, box.top), to = Math.min(r.bottom, box.bottom, window.innerHeight);
            return {key: el.textContent.slice(0, 80), height: r.height, from: from - r.top, to: to - r.top};
        }),
        scroll: pane.scrollTop,
    };
}"""


def _covered(height: float, spans: list[tuple[float, float]]) -> bool:
    reach = 0.0
    for start, end in sorted(spans):
        if start > reach + 1:
            return False
        reach = max(reach, end)
    return reach >= height - 1


def _page_through(page: Page) -> tuple[dict, list[str]]:
    """Press PageDown from step 1 to the end of the last step; what was seen, and what went wrong."""
    seen: dict[tuple[str, str], tuple[float, list]] = {}
    problems: list[str] = []
    previous = None
    for _ in range(200):
        state = page.evaluate(_SEEN_JS)
        if state["pageScrolls"]:
            problems.append(f"the page itself scrolls on {state['heading']}")
        if previous and state["heading"] != previous["heading"]:
            if not previous["end"]:
                problems.append(f"left {previous['heading']} before the end of its pane")
            if not state["top"]:
                problems.append(f"{state['heading']} did not open at the top of its pane")
        for block in state["blocks"]:
            height, spans = seen.setdefault((state["heading"], block["key"]), (block["height"], []))
            if block["to"] > block["from"]:
                spans.append((block["from"], block["to"]))
        if state["heading"] == title(len(STEPS)) and state["end"]:
            break
        previous = state
        page.keyboard.press("PageDown")
        # The key either scrolled the pane or started the next step; wait for that, then for the
        # app to be idle (its idle marker still holds from before while a rerun is starting).
        page.wait_for_function(
            """([heading, scroll]) => {
                const pane = document.querySelector('.st-key-journey_pane');
                const now = document.querySelector('[data-testid="stMain"] h2').textContent;
                return now !== heading || (pane && Math.abs(pane.scrollTop - scroll) > 1);
            }""",
            arg=[state["heading"], state["scroll"]],
            timeout=TIMEOUT_MS,
        )
        expect(page.locator(APP_IDLE)).to_be_attached(timeout=TIMEOUT_MS)
        expect(page.locator("[data-stale='true']")).to_have_count(0, timeout=TIMEOUT_MS)
        page.wait_for_timeout(200)
    return seen, problems


@pytest.mark.parametrize("size", [(1280, 720), (1280, 633), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_pagedown_alone_shows_every_line_of_every_step(page: Page, app_url: str, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_journey(page, app_url, "present=1&notes=show")
    seen, problems = _page_through(page)
    assert not problems, problems
    assert {heading for heading, _ in seen} == {title(n) for n in range(1, len(STEPS) + 1)}
    unseen = [f"{heading}: {key}" for (heading, key), (h, spans) in seen.items() if not _covered(h, spans)]
    per_step = {}
    for (heading, _), (h, spans) in seen.items():
        total, full = per_step.get(heading, (0, 0))
        per_step[heading] = (total + 1, full + _covered(h, spans))
    print(
        f"\n{size[0]}x{size[1]} blocks fully seen with PageDown alone:",
        "; ".join(f"{heading.split(':')[0]} {full}/{total}" for heading, (total, full) in per_step.items()),
    )
    assert not unseen, unseen


def test_on_a_card_the_next_key_skips_and_s_shows(page: Page, app_url: str):
    page.set_viewport_size({"width": 1280, "height": 720})
    open_journey(page, app_url, "present=1&step=china")
    card = page.locator(".st-key-content_note_card")
    expect(card).to_be_visible()
    page.keyboard.press("s")
    expect(card).to_have_count(0, timeout=TIMEOUT_MS)
    expect(page.locator(".st-key-journey_revealed")).to_be_in_viewport(timeout=TIMEOUT_MS)

    open_journey(page, app_url, "present=1&step=north-korea")
    expect(card).to_be_visible()
    page.keyboard.press("PageDown")
    expect(card).to_have_count(0, timeout=TIMEOUT_MS)
    expect(step_heading(page)).to_have_text(title(2))  # skipped, not moved on
    expect(page.get_by_text("left out of this step")).to_be_visible()
