"""One page in the browser: open it with the watcher of bench/page.js, read what it timed, click,
count the bytes on the wire; and one round of a reference (a first load, then a few clicks)."""

from __future__ import annotations

import base64
import json
import time
from collections import defaultdict
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from bench.harness import read_js

if TYPE_CHECKING:
    from bench.references import Reference

VIEWPORT = {"width": 1280, "height": 900}
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
TIMEOUT_MS = 20_000
PAGE_JS = read_js("page.js")
# Installs the watcher in a frame that has none (the map's iframe document gets no init script),
# then arms the watches: one evaluation per frame.
ARM_JS = f"(watches) => {{\n{PAGE_JS}\nfor (const w of watches) window.__bench.arm(...w, false);\n}}"


def web_frames(page):
    return [f for f in page.frames if f.url.startswith("http")]


def frame_eval(frame, script: str, arg=None):
    try:
        return frame.evaluate(script, arg)
    except Exception:  # a frame that is being replaced or has gone
        return None


def read_hits(page) -> tuple[dict, list[float]]:
    """Every frame's hits (earliest of each) and click dispatch times."""
    hits, clicks = {}, []
    for frame in web_frames(page):
        state = frame_eval(frame, "() => window.__bench ? {hits: __bench.hits, click: __bench.click} : null")
        if not state:
            continue
        if state["click"] is not None:
            clicks.append(state["click"])
        for key, hit in state["hits"].items():
            when = hit["frame"] if hit["frame"] is not None else hit["seen"]
            hits[key] = min(hits.get(key, when), when)
    return hits, clicks


def disarm(page) -> None:
    for frame in web_frames(page):
        frame_eval(frame, "() => window.__bench && window.__bench.disarm()")


def shown_errors(page) -> list[str]:
    """The exception boxes and connection-lost status the page shows."""
    return frame_eval(page.main_frame, "() => window.__bench ? __bench.shownErrors() : []") or []


def diagnosis(page) -> str:
    script = "() => window.__bench ? __bench.diagnosis() : {url: location.href, bench: null}"
    return json.dumps([frame_eval(f, script) for f in web_frames(page)])


class WireBytes:
    """Bytes on the wire for one page, from Chrome DevTools Protocol network events."""

    ROWS = ("streamlit", "component", "own_static", "websocket", "other")

    def __init__(self, context, page, reference: Reference):
        self.reference = reference
        self.urls: dict[str, str] = {}
        self.bytes: dict[str, int] = defaultdict(int)
        self.requests = 0
        self.last_event = time.monotonic()
        self.cdp = context.new_cdp_session(page)
        self.cdp.on("Network.requestWillBeSent", self._request)
        self.cdp.on("Network.loadingFinished", self._finished)
        self.cdp.on("Network.webSocketFrameReceived", self._frame)
        self.cdp.on("Network.webSocketFrameSent", self._frame)
        self.cdp.send("Network.enable")

    def _request(self, event) -> None:
        self.urls[event["requestId"]] = event["request"]["url"]
        self.last_event = time.monotonic()

    def _finished(self, event) -> None:
        url = self.urls.get(event["requestId"], "")
        if url.startswith("http"):
            self.bytes[self.reference.category(urlparse(url).path)] += int(event["encodedDataLength"])
            self.requests += 1
        self.last_event = time.monotonic()

    def _frame(self, event) -> None:
        response = event["response"]
        payload = response.get("payloadData", "")
        size = len(base64.b64decode(payload)) if response.get("opcode") == 2 else len(payload.encode())
        self.bytes["websocket"] += size
        self.last_event = time.monotonic()

    def snapshot(self) -> dict[str, int]:
        out = {k: self.bytes.get(k, 0) for k in self.ROWS}
        out["total"] = sum(out.values())
        out["requests"] = self.requests
        return out

    def close(self) -> None:
        try:
            self.cdp.detach()
        except Exception:
            pass


def wait_until(predicate, timeout_s: float, what: str, page=None, step_s: float = 0.05):
    deadline = time.monotonic() + timeout_s
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout_s:.0f} s waiting for {what}")
        if page is not None:
            page.wait_for_timeout(step_s * 1000)  # lets Playwright deliver events meanwhile
        else:
            time.sleep(step_s)


def wait_idle(page, reference: Reference, timeout_ms: int = TIMEOUT_MS) -> None:
    """Streamlit: the script has finished, and is still finished a moment later."""
    if not reference.streamlit:
        return
    for _ in range(2):
        page.locator(APP_IDLE).wait_for(state="attached", timeout=timeout_ms)
        page.wait_for_timeout(250)


def open_page(browser, reference: Reference, with_bytes: bool = False):
    """A fresh context (nothing cached) and page, the watcher armed for the reference's ready state."""
    cond, arg = reference.ready()
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(
        PAGE_JS + f"\nwindow.__bench.arm('ready', {json.dumps(cond)}, {json.dumps(arg)}, true);\n"
    )
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(f"{error.name}: {error.message}"))
    wire = WireBytes(context, page, reference) if with_bytes else None
    return context, page, wire


def wait_ready(page, timeout_s: float = TIMEOUT_MS / 1000) -> float:
    """ms from the navigation's start to the first frame showing the reference ready to click."""
    origin = page.evaluate("() => performance.timeOrigin")
    try:
        hit = wait_until(lambda: read_hits(page)[0].get("ready"), timeout_s, "the page to be ready", page)
    except TimeoutError as error:
        raise TimeoutError(f"{page.url}: {error}; the page's frames: {diagnosis(page)}") from None
    disarm(page)
    return hit - origin


def settle(page, wire: WireBytes, quiet_s: float = 1.0, timeout_s: float = 20) -> None:
    """Wait until the page has had no network or websocket traffic for quiet_s."""
    wait_until(lambda: time.monotonic() - wire.last_event > quiet_s, timeout_s, "network quiet", page)


def arm_click(page, reference: Reference, choice) -> None:
    """Watch, in every frame, for what the click should bring about."""
    watches = [[key, cond, arg] for key, (cond, arg) in reference.watches(choice).items()]
    for frame in web_frames(page):
        frame_eval(frame, ARM_JS, watches)


def click(page, reference: Reference, choice, points: dict | None = None) -> None:
    """Click as a reader's mouse would. With `points`, reuse the spot found in another session
    (every session has the same viewport and layout), sparing the loaded browser the search."""
    target = reference.target(choice)
    if points is None or target not in points:
        point = reference.click_point(page, choice)
        if points is not None:
            points[target] = point
    else:
        point = points[target]
    page.mouse.click(*point)


def click_result(page, reference: Reference, choice, grace_ms: int = 300) -> dict:
    """After the panel is complete: ms from the click's dispatch to each watched state."""
    hits, clicks = read_hits(page)
    if "feedback" not in hits and grace_ms:
        page.wait_for_timeout(grace_ms)  # feedback normally comes before the panel; give it a moment
        hits, clicks = read_hits(page)
    disarm(page)
    if not clicks:
        raise RuntimeError("the click was not seen by the page")
    t0 = min(clicks)
    result = {key: round(hits[key] - t0, 1) if key in hits else None for key in reference.watches(choice)}
    if (result.get("running") or 0) < 0:
        result["running"] = None  # the app was still busy with an earlier rerun when clicked
    if any(v is not None and v < 0 for v in result.values()):
        raise RuntimeError(f"a watched state was there before the click on {choice}: {result}")
    return result


def measure_click(page, reference: Reference, choice) -> dict:
    wait_idle(page, reference)
    arm_click(page, reference, choice)
    click(page, reference, choice)
    try:
        wait_until(lambda: "panel" in read_hits(page)[0], TIMEOUT_MS / 1000, f"the panel for {choice}", page)
    except TimeoutError as error:
        raise TimeoutError(f"{page.url}: {error}; the page's frames: {diagnosis(page)}") from None
    return click_result(page, reference, choice)


def one_round(browser, reference: Reference, url: str, choices: list) -> dict:
    """A fresh context: first load (time to ready, bytes), then one click per choice."""
    context, page, wire = open_page(browser, reference, with_bytes=True)
    try:
        page.goto(url, wait_until="commit")
        ready_ms = wait_ready(page)
        wait_idle(page, reference)
        settle(page, wire)
        load_bytes = wire.snapshot()
        clicks = [measure_click(page, reference, choice) for choice in choices]
        errors = page.errors + shown_errors(page)
        return {"ready_ms": round(ready_ms, 1), "bytes": load_bytes, "clicks": clicks, "errors": errors}
    finally:
        wire.close()
        context.close()
