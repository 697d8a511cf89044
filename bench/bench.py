"""Benchmark: the atlas against Streamlit's floor and a plain Leaflet page, in one run.

    .venv/bin/python bench/bench.py                # warm-up + 5 rounds, 30 concurrent sessions
    .venv/bin/python bench/bench.py --quick        # warm-up + 1 round, 3 sessions: a smoke run (CI)
    .venv/bin/python bench/bench.py --json out.json

Three references, each on a free port of 127.0.0.1:

- atlas: the app as a user starts it, `python -m streamlit run app.py` from the repository root
  (its .streamlit/config.toml applies);
- floor: bench/floor_app.py, one st.button that writes a st.subheader, run the same way with the
  same settings given on the command line: the least any Streamlit app costs;
- limit: bench/leaflet_page.html, the same polygons in plain Leaflet served by Python's
  http.server, answering a click in the browser with no server at all.

Each is driven by Playwright in Debian's Chromium. Times are taken inside the page
(performance.timeOrigin + performance.now(), so they compare across the map's iframe and the page):
from the navigation start or the click event's dispatch to the first animation frame in which a
MutationObserver or requestAnimationFrame check sees the expected DOM. A warm-up round is
discarded; every round uses a fresh browser context, so the first load is never cached.
The table gives medians with (min-max); the JSON file has every sample.
"""

from __future__ import annotations

import argparse
import base64
import csv
import ctypes
import datetime as dt
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import defaultdict
from importlib import metadata
from pathlib import Path
from urllib.parse import urlparse

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# The settings of the repository's .streamlit/config.toml that apply to any app, on the command line
# so that the floor does not depend on the directory it is started from.
STREAMLIT_FLAGS = [
    "--server.headless",
    "true",
    "--browser.gatherUsageStats",
    "false",
    "--browser.serverAddress",
    "localhost",
    "--client.toolbarMode",
    "viewer",
    "--client.showErrorDetails",
    "none",
]
VIEWPORT = {"width": 1280, "height": 900}
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
REFERENCES = ("atlas", "floor", "limit")
TIMEOUT_MS = 20_000
STARTUP_TIMEOUT_S = 90


def route_countries() -> dict[str, dict[str, str]]:
    """The route countries from data/countries.csv: {iso3: {"name", "role"}}, in file order."""
    with open(ROOT / "data" / "countries.csv", encoding="utf-8", newline="") as f:
        return {row["iso3"]: {"name": row["name"], "role": row["role"]} for row in csv.DictReader(f)}


# --- what the page measures -------------------------------------------------------------------

# Installed in every frame of every page before the page's own scripts (an init script).
# arm(key, cond, arg) watches for cond(arg) with a MutationObserver and an animation-frame loop;
# the hit records the time it was seen and the animation frame that shows it. Each click event's
# dispatch time is recorded, in the capture phase, in the frame the click lands in.
BENCH_JS = r"""
(() => {
  // Per document: an iframe's first about:blank document and the page it then loads share one window.
  if (window.__bench && window.__bench.document === document) return;
  const abs = () => performance.timeOrigin + performance.now();
  // This document and the same-origin iframes in it (Playwright's init script does not reach the
  // map's iframe document, so the page watches it from outside as well).
  const docs = () => {
    const out = [document];
    for (const f of document.querySelectorAll('iframe')) {
      try { if (f.contentDocument) out.push(f.contentDocument); } catch (e) { /* another origin */ }
    }
    return out;
  };
  const all = (selector) => docs().flatMap((d) => [...d.querySelectorAll(selector)]);
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) return false;
    const s = el.ownerDocument.defaultView.getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none';
  };
  // Streamlit keeps the previous run's elements on screen, marked stale, until they are replaced.
  const fresh = (el) => {
    const c = el.closest('[data-stale]');
    return !c || c.getAttribute('data-stale') !== 'true';
  };
  const conds = {
    routePaths: (a) => {
      const paths = all('path.atlas-country');
      if (paths.length < a.count) return false;
      return paths.every((p) => { const r = p.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
    },
    button: (a) => all('button').some((b) => b.textContent.trim() === a.text && !b.disabled && shown(b)),
    picked: (a) => all('path.atlas-country-' + a.iso3 + '.atlas-picked').length > 0
      && all('.leaflet-container .atlas-picked-name').some((e) => e.textContent.includes(a.name) && shown(e)),
    scriptRunning: () => {
      const app = document.querySelector('[data-testid="stApp"]');
      return !!app && app.getAttribute('data-test-script-state') !== 'notRunning';
    },
    heading: (a) => all('h3').some((h) => h.textContent.trim() === a.text && fresh(h) && shown(h)),
    atlasPanel: (a) => conds.heading({text: a.name})
      && all('[data-testid="stCaptionContainer"]').some((c) => fresh(c) && shown(c)
        && c.textContent.includes(' from the sources name') && c.textContent.endsWith(' ' + a.name + '.')),
  };
  const B = window.__bench = {document, hits: {}, armed: {}, click: null, errors: []};
  let observer = null;
  let looping = false;
  const check = (inFrame) => {
    for (const [key, w] of Object.entries(B.armed)) {
      let ok = false;
      try { ok = conds[w.cond](w.arg || {}); } catch (e) { B.errors.push(String(e)); }
      if (!ok) continue;
      delete B.armed[key];
      const t = abs();
      const hit = B.hits[key] = {seen: t, frame: inFrame ? t : null};
      if (!inFrame) requestAnimationFrame(() => { hit.frame = abs(); });
    }
    if (!Object.keys(B.armed).length && observer) { observer.disconnect(); observer = null; }
  };
  // The animation-frame loop runs only for watches that ask for it (the first load, where the map's
  // iframe, watched from outside, has no observer of its own); clicks are seen by observers alone.
  const loop = () => {
    if (!Object.values(B.armed).some((w) => w.poll)) { looping = false; return; }
    check(true);
    requestAnimationFrame(loop);
  };
  B.arm = (key, cond, arg, poll) => {
    delete B.hits[key];
    B.armed[key] = {cond, arg, poll};
    B.click = null;
    if (!observer) {
      observer = new MutationObserver(() => check(false));
      observer.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
    }
    if (poll && !looping) { looping = true; requestAnimationFrame(loop); }
  };
  B.disarm = () => { B.armed = {}; };
  window.addEventListener('click', () => { if (B.click === null) B.click = abs(); }, true);
})();
"""

# A point where the country's own path is the topmost element (after tests/browser/conftest.py:
# the centre of a concave country's box can lie outside it, or under the legend or a neighbour).
POINT_INSIDE_JS = """
(iso3) => {
    const path = document.querySelector('path.atlas-country-' + iso3);
    if (!path) return {error: 'no path for ' + iso3};
    const box = path.getBoundingClientRect();
    const steps = 24;
    let best = null;
    for (let i = 1; i < steps; i++) {
        for (let j = 1; j < steps; j++) {
            const x = box.left + box.width * i / steps;
            const y = box.top + box.height * j / steps;
            if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) continue;
            if (document.elementFromPoint(x, y) !== path) continue;
            const d = Math.hypot(x - (box.left + box.width / 2), y - (box.top + box.height / 2));
            if (best === null || d < best.d) best = {x, y, d};
        }
    }
    return best === null ? {error: 'no visible point inside ' + iso3} : {x: best.x, y: best.y};
}
"""

# What the page shows of a failure: an exception box, or Streamlit's connection-lost status.
ERRORS_ON_PAGE_JS = """() => [...document.querySelectorAll(
    '[data-testid="stException"], [data-testid="stConnectionStatus"]')].map(
    (e) => e.getAttribute('data-testid') + ': ' + e.innerText.replace(/\\s+/g, ' ').slice(0, 160))"""


# --- servers ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _own_session_dying_with_us() -> None:
    """In the child: a process group of its own, and SIGTERM if the benchmark dies (Linux)."""
    os.setsid()
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


class Server:
    """A server process in its own process group, stopped with everything it started."""

    def __init__(self, name: str, argv: list[str], cwd: Path, url: str, health: str, log: Path):
        self.name, self.argv, self.cwd, self.log = name, argv, cwd, log
        self.url, self.health = url, health
        self.process: subprocess.Popen | None = None

    def start(self) -> Server:
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen(
                self.argv,
                cwd=self.cwd,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                preexec_fn=_own_session_dying_with_us,
            )
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not self._healthy():
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with code {self.process.returncode}; see {self.log}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.name} did not answer {self.health} in {STARTUP_TIMEOUT_S} s")
            time.sleep(0.1)
        return self

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(self.health, timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            return False

    def rss(self) -> int:
        """Resident memory of the server and its children, in bytes."""
        import psutil

        if self.process is None or self.process.poll() is not None:
            return 0
        top = psutil.Process(self.process.pid)
        total = 0
        for proc in [top, *top.children(recursive=True)]:
            try:
                total += proc.memory_info().rss
            except psutil.Error:
                pass
        return total

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.process.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                continue


def streamlit_server(name: str, script: Path, cwd: Path, logs: Path, flags: list[str]) -> Server:
    port = free_port()
    argv = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port), *flags]
    url = f"http://127.0.0.1:{port}/"
    return Server(name, argv, cwd, url, f"{url}_stcore/health", logs / f"{name}.log")


def limit_server(logs: Path) -> Server:
    """http.server over a folder holding the page, the repository's Leaflet and boundaries."""
    site = Path(tempfile.mkdtemp(prefix="atlas-bench-limit-", dir=logs))
    shutil.copy(BENCH / "leaflet_page.html", site / "index.html")
    (site / "leaflet").mkdir()
    for asset in ("leaflet.js", "leaflet.css"):
        shutil.copy(ROOT / "static" / "leaflet" / asset, site / "leaflet" / asset)
    shutil.copy(ROOT / "data" / "boundaries" / "region.geojson", site / "region.geojson")
    (site / "route-countries.json").write_text(json.dumps(route_countries()), encoding="utf-8")
    port = free_port()
    argv = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)]
    url = f"http://127.0.0.1:{port}/"
    return Server("limit", argv, site, url, url, logs / "limit.log")


def fresh_server(name: str, logs: Path) -> Server:
    if name == "atlas":
        server = streamlit_server("atlas", Path("app.py"), ROOT, logs, [])
    elif name == "floor":
        server = streamlit_server("floor", BENCH / "floor_app.py", BENCH, logs, STREAMLIT_FLAGS)
    else:
        server = limit_server(logs)
    return server.start()


def start_servers(logs: Path) -> dict[str, Server]:
    servers: dict[str, Server] = {}
    try:
        for name in REFERENCES:
            servers[name] = fresh_server(name, logs)
    except BaseException:
        stop_all(servers.values())
        raise
    return servers


def stop_all(servers) -> None:
    for server in servers:
        server.stop()


# --- one reference in the browser ---------------------------------------------------------------


class Reference:
    """How to load, click and read one of the three references."""

    def __init__(self, name: str, url: str, countries: dict[str, dict[str, str]]):
        self.name, self.url, self.countries = name, url, countries
        self.streamlit = name in ("atlas", "floor")

    @property
    def ready(self) -> tuple[str, dict]:
        if self.name == "floor":
            return "button", {"text": "Show"}
        return "routePaths", {"count": len(self.countries)}

    def init_script(self) -> str:
        cond, arg = self.ready
        return BENCH_JS + f"\nwindow.__bench.arm('ready', {json.dumps(cond)}, {json.dumps(arg)}, true);\n"

    def watches(self, choice: str | int) -> dict[str, tuple[str, dict]]:
        """What to wait for after a click: the map's feedback, the panel, the rerun's start."""
        if self.name == "floor":
            return {"feedback": ("scriptRunning", {}), "panel": ("heading", {"text": f"Shown {choice}"})}
        name = self.countries[choice]["name"]
        watches = {"feedback": ("picked", {"iso3": choice, "name": name})}
        if self.name == "atlas":
            watches["panel"] = ("atlasPanel", {"name": name})
            watches["running"] = ("scriptRunning", {})
        else:
            watches["panel"] = ("heading", {"text": name})
        return watches


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


class Traffic:
    """Bytes on the wire for one page, from Chrome DevTools Protocol network events."""

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
            self.bytes[self.category(urlparse(url).path)] += int(event["encodedDataLength"])
            self.requests += 1
        self.last_event = time.monotonic()

    def _frame(self, event) -> None:
        response = event["response"]
        payload = response.get("payloadData", "")
        size = len(base64.b64decode(payload)) if response.get("opcode") == 2 else len(payload.encode())
        self.bytes["websocket"] += size
        self.last_event = time.monotonic()

    def category(self, path: str) -> str:
        if not self.reference.streamlit:
            return "own_static"
        if path.startswith("/static/"):
            return "streamlit"
        if path.startswith("/component/"):
            return "component"
        if path.startswith("/app/static/"):
            return "own_static"
        return "other"

    def snapshot(self) -> dict[str, int]:
        out = {
            k: self.bytes.get(k, 0) for k in ("streamlit", "component", "own_static", "websocket", "other")
        }
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


def open_page(browser, reference: Reference, with_traffic: bool = False):
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(reference.init_script())
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(f"{error.name}: {error.message}"))
    traffic = Traffic(context, page, reference) if with_traffic else None
    return context, page, traffic


DIAGNOSIS_JS = """() => ({
    url: location.href,
    bench: window.__bench ? {armed: __bench.armed, hits: __bench.hits, errors: __bench.errors.slice(0, 3),
                             own: __bench.document === document} : null,
    paths: document.querySelectorAll('path.atlas-country').length,
    iframes: document.querySelectorAll('iframe').length,
    script: document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state'),
    shown: [...document.querySelectorAll('[data-testid="stException"], [data-testid="stConnectionStatus"]')]
        .map((e) => e.innerText.replace(/\\s+/g, ' ').slice(0, 200)),
})"""


def diagnosis(page) -> str:
    return json.dumps([frame_eval(f, DIAGNOSIS_JS) for f in web_frames(page)])


def wait_ready(page, timeout_s: float = TIMEOUT_MS / 1000) -> float:
    """ms from the navigation's start to the first frame showing the reference ready to click."""
    origin = page.evaluate("() => performance.timeOrigin")
    try:
        hit = wait_until(lambda: read_hits(page)[0].get("ready"), timeout_s, "the page to be ready", page)
    except TimeoutError as error:
        raise TimeoutError(f"{page.url}: {error}; the page's frames: {diagnosis(page)}") from None
    disarm(page)
    return hit - origin


def settle_traffic(page, traffic: Traffic, quiet_s: float = 1.0, timeout_s: float = 20) -> None:
    """Wait until the page has had no network or websocket traffic for quiet_s."""
    wait_until(lambda: time.monotonic() - traffic.last_event > quiet_s, timeout_s, "network quiet", page)


def click_point(page, reference: Reference, choice) -> tuple[float, float]:
    """Where to click in the page: the button's centre, or a point inside the country's own path."""
    if reference.name == "floor":
        button = page.get_by_role("button", name="Show")
        button.scroll_into_view_if_needed()
        box = button.bounding_box()
        return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    has_path = f"() => !!document.querySelector('path.atlas-country-{choice}')"
    frame = next((f for f in web_frames(page) if frame_eval(f, has_path)), None)
    if frame is None:
        raise RuntimeError(f"no map path for {choice}")
    found = frame.evaluate(POINT_INSIDE_JS, choice)
    if "error" in found:
        raise RuntimeError(found["error"])
    x, y = found["x"], found["y"]
    if frame != page.main_frame:
        box = frame.frame_element().bounding_box()
        x, y = x + box["x"], y + box["y"]
    return x, y


def click_target(page, reference: Reference, choice, points: dict | None = None) -> None:
    """Click as a reader's mouse would. With `points`, reuse the spot found in another session
    (every session has the same viewport and layout), sparing the loaded browser the search."""
    key = "button" if reference.name == "floor" else choice
    if points is None or key not in points:
        point = click_point(page, reference, choice)
        if points is not None:
            points[key] = point
    else:
        point = points[key]
    page.mouse.click(*point)


# Installs the watcher in a frame that has none (the map's iframe document gets no init script),
# then arms the watches: one evaluation per frame.
ARM_JS = (
    "(watches) => {\n"
    + BENCH_JS
    + "\nfor (const w of watches) window.__bench.arm(w[0], w[1], w[2], false);\n}"
)


def arm_click(page, reference: Reference, choice) -> None:
    """Watch, in every frame, for what the click should bring about."""
    watches = [[key, cond, arg] for key, (cond, arg) in reference.watches(choice).items()]
    for frame in web_frames(page):
        frame_eval(frame, ARM_JS, watches)


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
    click_target(page, reference, choice)
    try:
        wait_until(lambda: "panel" in read_hits(page)[0], TIMEOUT_MS / 1000, f"the panel for {choice}", page)
    except TimeoutError as error:
        raise TimeoutError(f"{page.url}: {error}; the page's frames: {diagnosis(page)}") from None
    return click_result(page, reference, choice)


def one_round(browser, reference: Reference, choices: list) -> dict:
    """A fresh context: first load (time to ready, bytes), then one click per choice."""
    context, page, traffic = open_page(browser, reference, with_traffic=True)
    try:
        page.goto(reference.url, wait_until="commit")
        ready_ms = wait_ready(page)
        wait_idle(page, reference)
        settle_traffic(page, traffic)
        load_bytes = traffic.snapshot()
        clicks = [measure_click(page, reference, choice) for choice in choices]
        errors = page.errors + (frame_eval(page.main_frame, ERRORS_ON_PAGE_JS) or [])
        return {"ready_ms": round(ready_ms, 1), "bytes": load_bytes, "clicks": clicks, "errors": errors}
    finally:
        traffic.close()
        context.close()


# --- many sessions ------------------------------------------------------------------------------


class Session:
    def __init__(self, browser, reference: Reference, index: int):
        self.reference, self.index = reference, index
        self.context, self.page, _ = open_page(browser, reference)
        self.clicks = 0  # clicks made
        self.pending: tuple[object, float] | None = None  # (choice, monotonic time of the click)
        self.broken = False
        self.asked = 0.0  # when the page was last asked whether its panel is complete

    def choice(self, n: int):
        if self.reference.name == "floor":
            return n + 1  # the floor's heading counts the clicks: "Shown 1", "Shown 2", …
        codes = list(self.reference.countries)
        return codes[(self.index + n) % len(codes)]  # a different country each time

    def close(self) -> None:
        try:
            self.context.close()
        except Exception:
            pass


class CpuMeter:
    """CPU used between start() and stop(), in % of one core.

    Split into the server, the browser with the rest of this run, and every other process on the
    machine (someone else's tests, say), which tells whether the times are disturbed.
    """

    def __init__(self, server: Server | None = None):
        self.server = server

    def _sample(self) -> tuple[float, float, float, float]:
        import psutil

        me = psutil.Process()
        server_pids = set()
        if self.server is not None and self.server.process is not None:
            try:
                top = psutil.Process(self.server.process.pid)
                server_pids = {top.pid, *(p.pid for p in top.children(recursive=True))}
            except psutil.Error:
                pass
        server = ours = 0.0
        for proc in [me, *me.children(recursive=True)]:
            try:
                times = proc.cpu_times()
            except psutil.Error:
                continue
            if proc.pid in server_pids:
                server += times.user + times.system
            else:
                ours += times.user + times.system
        t = psutil.cpu_times()
        busy = t.user + t.nice + t.system + t.irq + t.softirq + getattr(t, "steal", 0.0)
        return time.monotonic(), server, ours, busy

    def start(self) -> CpuMeter:
        self.begun = self._sample()
        return self

    def stop(self) -> dict[str, float]:
        end = self._sample()
        wall = max(end[0] - self.begun[0], 1e-9)
        server, ours, busy = (100 * (b - a) / wall for a, b in zip(self.begun[1:], end[1:], strict=True))
        return {
            "wall_s": round(wall, 1),
            "server_pct": round(server, 1),
            "browser_pct": round(ours, 1),
            "others_pct": round(max(busy - server - ours, 0.0), 1),
        }


def session_phase(browser, reference: Reference, server: Server, args) -> dict:
    """Server memory with 1 and N sessions, then p50/p95 click → panel with all N clicking."""
    out = {"rss_idle": server.rss()}
    sessions: list[Session] = []
    try:
        first = Session(browser, reference, 0)
        sessions.append(first)
        first.page.goto(reference.url, wait_until="commit")
        wait_ready(first.page)
        out["first_session_click"] = measure_click(first.page, reference, first.choice(0))
        first.clicks = 1
        wait_idle(first.page, reference)
        first.page.wait_for_timeout(1000)
        out["rss_1"] = server.rss()

        batch = 5
        for start in range(1, args.sessions, batch):
            opened = [Session(browser, reference, i) for i in range(start, min(start + batch, args.sessions))]
            sessions += opened
            for s in opened:
                s.page.goto(reference.url, wait_until="commit")
            for s in opened:
                wait_ready(s.page, timeout_s=120)
        for s in sessions:
            wait_idle(s.page, reference, timeout_ms=120_000)
        time.sleep(1.0)
        out["rss_n"] = server.rss()
        out["sessions"] = len(sessions)
        idle = CpuMeter(server).start()
        time.sleep(3.0)  # the server's own background work with N sessions open, to subtract below
        out["idle_cpu"] = idle.stop()

        latencies, errors, points = [], [], {}
        meter = CpuMeter(server).start()
        start = time.monotonic() + 0.5
        due = {s.index: start + s.index * args.period / len(sessions) for s in sessions}
        target = {s.index: s.clicks + args.load_clicks for s in sessions}
        made_before = sum(s.clicks for s in sessions)
        deadline = start + args.period * (args.load_clicks + 1) + TIMEOUT_MS / 1000 + 30
        while time.monotonic() < deadline:
            active = False
            for s in sessions:
                if s.broken:
                    continue
                if s.pending is not None:
                    active = True
                    choice, clicked_at = s.pending
                    # The page times itself; asking it a few times a second spares the busy browser.
                    if time.monotonic() < s.asked + 0.25:
                        continue
                    s.asked = time.monotonic()
                    if frame_eval(s.page.main_frame, "() => !!(window.__bench && window.__bench.hits.panel)"):
                        s.pending = None
                        try:
                            # No grace for late feedback here: a pause would bunch the next clicks.
                            latencies.append(click_result(s.page, reference, choice, grace_ms=0)["panel"])
                        except RuntimeError as error:
                            errors.append(f"session {s.index}: {error}")
                    elif time.monotonic() - clicked_at > TIMEOUT_MS / 1000:
                        errors.append(f"session {s.index}: no panel for {choice} in {TIMEOUT_MS} ms")
                        disarm(s.page)
                        s.pending, s.broken = None, True
                elif s.clicks < target[s.index]:
                    active = True
                    if time.monotonic() >= due[s.index]:
                        choice = s.choice(s.clicks)
                        try:
                            arm_click(s.page, reference, choice)
                            click_target(s.page, reference, choice, points)
                        except Exception as error:  # noqa: BLE001 - counted, and the session retired
                            errors.append(f"session {s.index}: click on {choice} failed: {error}")
                            s.broken = True
                            continue
                        s.pending = (choice, time.monotonic())
                        s.clicks += 1
                        due[s.index] += args.period
            if not active:
                break
            time.sleep(0.02)
        out["load_cpu"] = meter.stop()
        out["rss_after_load"] = server.rss()
        for s in sessions:
            shown = frame_eval(s.page.main_frame, ERRORS_ON_PAGE_JS) or []
            errors += [f"session {s.index} shows {text}" for text in shown]
            errors += [f"session {s.index}: {e}" for e in s.page.errors]
        out["load_latencies"] = latencies
        out["load_clicks"] = args.load_clicks * len(sessions)
        out["load_clicks_made"] = sum(s.clicks for s in sessions) - made_before
        out["errors"] = errors
        return out
    finally:
        for s in sessions:
            s.close()


# --- Python time per rerun (no browser) ---------------------------------------------------------


def rerun_timing(reference: str, reruns: int) -> list[float]:
    """ms per rerun of the app under streamlit.testing.v1.AppTest (run in a child process)."""
    argv = [sys.executable, str(BENCH / "bench.py"), "--rerun-timing", reference, "--reruns", str(reruns)]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"rerun timing of {reference} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def rerun_timing_child(reference: str, reruns: int) -> None:
    import logging

    logging.disable(logging.WARNING)
    from streamlit.testing.v1 import AppTest

    if reference == "atlas":
        sys.path.insert(0, str(ROOT))
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        codes = list(route_countries())

        def rerun(i):
            at.radio(key="country").set_value(codes[i % len(codes)]).run()

    else:
        at = AppTest.from_file(str(BENCH / "floor_app.py"), default_timeout=120)

        def rerun(i):
            at.button[0].click().run()

    at.run()
    rerun(0)  # warm-up: first selection
    times = []
    for i in range(1, reruns + 1):
        start = time.perf_counter()
        rerun(i)
        times.append((time.perf_counter() - start) * 1000)
    if at.exception:
        raise SystemExit(f"the app raised: {at.exception}")
    print(json.dumps([round(t, 2) for t in times]))


# --- the report ---------------------------------------------------------------------------------


def summary(values: list) -> dict | None:
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {"min": min(values), "median": statistics.median(values), "max": max(values), "n": len(values)}


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for package in ("streamlit", "streamlit-folium", "folium", "playwright"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model or platform.processor(),
        "python": platform.python_version(),
        "versions": versions,
    }


# Each row: (label, key in the summary, how to format it).
ROWS = [
    ("navigation → countries visible & clickable, ms ¹", "ready_ms", "ms"),
    ("click → first feedback on the map, ms ²", "feedback_ms", "ms"),
    ("click → rerun starts (app marked running), ms", "running_ms", "ms"),
    ("click → side panel complete, ms ³", "panel_ms", "ms"),
    ("first load: Streamlit bundle /static/, KB", "bytes_streamlit", "kb"),
    ("first load: component /component/, KB", "bytes_component", "kb"),
    ("first load: own static (/app/static/; limit: all), KB", "bytes_own_static", "kb"),
    ("first load: websocket payload (both ways), KB", "bytes_websocket", "kb"),
    ("first load: page, /_stcore/ and other, KB", "bytes_other", "kb"),
    ("first load: total on the wire, KB ⁴", "bytes_total", "kb"),
    ("first load: added over the floor, KB", "bytes_over_floor", "kb"),
    ("server RSS, no session, MB", "rss_idle", "mb"),
    ("server RSS, 1 session, MB", "rss_1", "mb"),
    ("server RSS, N sessions, MB ⁵", "rss_n", "mb"),
    ("server RSS per extra session, MB", "rss_per_session", "mb"),
    ("N sessions clicking: click → panel p50, ms", "load_p50", "ms"),
    ("N sessions clicking: click → panel p95, ms", "load_p95", "ms"),
    ("N sessions clicking: errors / clicks", "load_errors", "count"),
    ("N sessions open, idle: server CPU, % of a core", "idle_server_cpu", "pct"),
    ("N sessions clicking: server CPU, % of a core", "load_server_cpu", "pct"),
    ("N sessions clicking: server CPU per click (less idle), ms", "load_server_cpu_per_click", "ms"),
    ("N sessions clicking: browser CPU (+ this script), % of a core", "load_browser_cpu", "pct"),
    ("N sessions clicking: other processes' CPU, % of a core ⁶", "load_others_cpu", "pct"),
    ("Python time per rerun (AppTest), ms", "rerun_ms", "ms"),
]


def aggregate(raw: dict) -> dict:
    """Per reference, per row: {"min", "median", "max", "n"} or a single value, or None."""
    out = {}
    for name in REFERENCES:
        r = raw.get(name, {})
        rounds = r.get("rounds", [])
        clicks = [c for rd in rounds for c in rd["clicks"]]
        row = {
            "ready_ms": summary([rd["ready_ms"] for rd in rounds]),
            "feedback_ms": summary([c.get("feedback") for c in clicks]),
            "running_ms": summary([c.get("running") for c in clicks]),
            "panel_ms": summary([c.get("panel") for c in clicks]),
        }
        for key in ("streamlit", "component", "own_static", "websocket", "other", "total"):
            row[f"bytes_{key}"] = summary([rd["bytes"][key] / 1024 for rd in rounds])
        s = r.get("sessions") or {}
        mb = 1024 * 1024
        for key in ("rss_idle", "rss_1", "rss_n"):
            row[key] = {"value": s[key] / mb} if s.get(key) else None
        if s.get("rss_n") and s.get("rss_1") and s.get("sessions", 0) > 1:
            row["rss_per_session"] = {"value": (s["rss_n"] - s["rss_1"]) / mb / (s["sessions"] - 1)}
        else:
            row["rss_per_session"] = None
        lat = s.get("load_latencies") or []
        row["load_p50"] = {"value": percentile(lat, 0.5)} if lat else None
        row["load_p95"] = {"value": percentile(lat, 0.95)} if lat else None
        row["load_errors"] = (
            {"value": len(s["errors"]), "of": s.get("load_clicks", 0)} if "errors" in s else None
        )
        cpu = s.get("load_cpu") or {}
        for key in ("server", "browser", "others"):
            row[f"load_{key}_cpu"] = {"value": cpu[f"{key}_pct"]} if cpu else None
        idle = (s.get("idle_cpu") or {}).get("server_pct")
        row["idle_server_cpu"] = {"value": idle} if idle is not None else None
        answered = len(s.get("load_latencies") or [])
        if cpu and answered:
            busy = max(cpu["server_pct"] - (idle or 0.0), 0.0)
            row["load_server_cpu_per_click"] = {"value": busy / 100 * cpu["wall_s"] * 1000 / answered}
        else:
            row["load_server_cpu_per_click"] = None
        row["rerun_ms"] = summary(r.get("rerun_ms") or [])
        out[name] = row
    floor_total = (out["floor"].get("bytes_total") or {}).get("median")
    for name in REFERENCES:
        total = (out[name].get("bytes_total") or {}).get("median")
        over = name == "atlas" and total is not None and floor_total is not None
        out[name]["bytes_over_floor"] = {"value": total - floor_total} if over else None
    return out


def _central(cell):
    if not cell:
        return None
    return cell.get("median", cell.get("value"))


def _fmt_number(x: float, kind: str) -> str:
    if kind == "count":
        return f"{x:.0f}"
    if kind in ("mb", "pct"):
        return f"{x:.1f}"
    return f"{x:.0f}" if abs(x) >= 10 else f"{x:.1f}"


def _fmt_cell(cell, kind: str) -> str:
    if not cell:
        return "n/a"
    if "of" in cell:
        return f"{cell['value']} / {cell['of']}"
    if "median" in cell:
        text = _fmt_number(cell["median"], kind)
        if cell["n"] > 1 and cell["min"] != cell["max"]:
            text += f" ({_fmt_number(cell['min'], kind)}–{_fmt_number(cell['max'], kind)})"
        return text
    return _fmt_number(cell["value"], kind)


def _ratio(a, b, kind: str) -> str:
    a, b = _central(a), _central(b)
    # No ratio to a value that shows as zero (such as the limit's memory per session).
    if a is None or b is None or float(_fmt_number(a, kind)) == 0 or float(_fmt_number(b, kind)) == 0:
        return "n/a"
    return f"{a / b:.2f}×"


def table(results: dict, header: dict) -> str:
    agg = results["summary"]
    m = header["machine"]
    lines = [
        "Escape Route Atlas benchmark",
        f"date: {header['date']}   machine: {m['cpus']} CPU(s), {m['cpu_model']}"
        f"   load average: {header['load_before']} before, {header['load_after']} after",
        f"browser: {header['browser']}   python {header['machine']['python']}   "
        + "   ".join(f"{k} {v}" for k, v in header["machine"]["versions"].items()),
        f"rounds: {header['rounds']} after {header['warmup']} warm-up (discarded); "
        f"{header['clicks_per_round']} click(s) per round; N = {header['sessions']} concurrent sessions, "
        f"each clicking {header['load_clicks']} time(s), one click every {header['period']} s, staggered",
        "cells: median (min–max) over rounds (time rows: over every click); ratios use medians",
        "",
    ]
    cols = ["measure", "atlas", "floor", "limit", "atlas÷floor", "atlas÷limit"]
    rows = []
    for label, key, kind in ROWS:
        cells = [agg[name].get(key) for name in REFERENCES]
        ratios = (
            ["n/a", "n/a"]
            if kind == "count" or key in ("bytes_over_floor", "load_others_cpu")
            else [
                _ratio(cells[0], cells[1], kind),
                _ratio(cells[0], cells[2], kind),
            ]
        )
        rows.append([label, *(_fmt_cell(c, kind) for c in cells), *ratios])
    widths = [max(len(str(r[i])) for r in [cols, *rows]) for i in range(len(cols))]

    def fmt(r):
        return "  ".join(
            str(c).ljust(w) if i == 0 else str(c).rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )

    lines.append(fmt(cols))
    lines.append("  ".join("-" * w for w in widths))
    lines += [fmt(r) for r in rows]
    lines += [
        "",
        "¹ atlas: all route-country paths in the map iframe have a non-zero box; limit: the same paths;"
        " floor: its button is visible and enabled. From the navigation's start.",
        "² the feedback contract: the clicked country's <path> has class atlas-picked and an"
        " .atlas-picked-name element in the map names it (n/a: not seen). floor: no map, so its first"
        " DOM change after the click, the app marked running (data-test-script-state), stands in.",
        "³ atlas: the panel's h3 names the country and its caption reads 'N excerpts from the sources"
        " name <name>.', neither stale; floor: the subheader 'Shown k'; limit: the panel div's h3.",
        "⁴ bytes received and sent: HTTP responses as encoded on the wire (headers included; Streamlit"
        " gzips, http.server does not) plus websocket payloads, from navigation until 1 s with no"
        " traffic after the app is idle.",
        "⁵ N sessions: N browser contexts in one Chromium, on a freshly started server; per extra session"
        " = (RSS with N − RSS with 1) / (N − 1). limit: Python's http.server, for scale.",
        "⁶ CPU the rest of the machine used meanwhile (other people's tests): above ~20% the times are"
        f" disturbed. During the timing rounds: {header.get('others_cpu_rounds', 'n/a')}% of a core.",
    ]
    return "\n".join(lines)


# --- main ---------------------------------------------------------------------------------------


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="1 round, fewer clicks, 3 sessions (a smoke run)")
    p.add_argument("--rounds", type=int, help="measured rounds after the warm-up (default 5; quick 1)")
    p.add_argument("--clicks", type=int, help="clicks per round (default 4; quick 2)")
    p.add_argument("--sessions", type=int, help="concurrent sessions (default 30; quick 3)")
    p.add_argument("--load-clicks", type=int, help="clicks per session under load (default 4; quick 2)")
    p.add_argument("--period", type=float, help="seconds between a session's clicks (default 4; quick 2)")
    p.add_argument("--reruns", type=int, help="AppTest reruns timed (default 30; quick 5)")
    p.add_argument("--json", type=Path, help="also write every sample and the summary to this file")
    p.add_argument("--rerun-timing", choices=("atlas", "floor"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    defaults = {"rounds": 5, "clicks": 4, "sessions": 30, "load_clicks": 4, "period": 4.0, "reruns": 30}
    quick = {"rounds": 1, "clicks": 2, "sessions": 3, "load_clicks": 2, "period": 2.0, "reruns": 5}
    for key, value in (quick if args.quick else defaults).items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    if args.sessions < 1 or args.rounds < 1 or args.clicks < 1:
        p.error("--rounds, --clicks and --sessions must be at least 1")
    return args


def choices_for(reference: Reference, round_index: int, clicks: int) -> list:
    """What a round clicks: different countries each round, or the floor's button (Shown 1, 2, …)."""
    if reference.name == "floor":
        return [i + 1 for i in range(clicks)]
    codes = list(reference.countries)
    return [codes[(round_index * clicks + i) % len(codes)] for i in range(clicks)]


def run(args) -> dict:
    """Every measurement; one that fails is recorded in "failures" and the others still run."""
    from playwright.sync_api import sync_playwright

    countries = route_countries()
    logs = Path(tempfile.mkdtemp(prefix="atlas-bench-"))
    raw: dict = {name: {"rounds": []} for name in REFERENCES}
    failures: list[str] = []
    header = {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        "load_before": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "rounds": args.rounds,
        "warmup": 1,
        "clicks_per_round": args.clicks,
        "sessions": args.sessions,
        "load_clicks": args.load_clicks,
        "period": args.period,
    }
    started = time.monotonic()
    servers: dict[str, Server] = {}

    def failed(what: str, error: Exception) -> None:
        failures.append(f"{what}: {type(error).__name__}: {error}"[:2000])
        progress(f"FAILED {failures[-1]}")

    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            header["browser"] = f"Chromium {browser.version}"
            # Timing rounds: the three references interleaved, so noise touches them alike.
            servers = start_servers(logs)
            refs = {name: Reference(name, servers[name].url, countries) for name in REFERENCES}
            rounds_cpu = CpuMeter().start()
            for index in range(1 + args.rounds):
                for name in REFERENCES:
                    ref = refs[name]
                    try:
                        result = one_round(browser, ref, choices_for(ref, index, args.clicks))
                    except Exception as error:  # noqa: BLE001 - recorded; the other measures go on
                        failed(f"round {index} {name}", error)
                        continue
                    progress(f"round {index}{' (warm-up)' if index == 0 else ''} {name}: {brief(result)}")
                    if index > 0:
                        raw[name]["rounds"].append(result)
            header["others_cpu_rounds"] = rounds_cpu.stop()["others_pct"]
            stop_all(servers.values())

            # Sessions: one reference at a time, each on a fresh server.
            for name in REFERENCES:
                try:
                    servers = {name: fresh_server(name, logs)}
                    ref = Reference(name, servers[name].url, countries)
                    s = raw[name]["sessions"] = session_phase(browser, ref, servers[name], args)
                    progress(
                        f"sessions {name}: {s['sessions']} open, {len(s['load_latencies'])} clicks "
                        f"answered, {len(s['errors'])} error(s) {s['errors'][:3]}"
                    )
                except Exception as error:  # noqa: BLE001 - recorded; the other measures go on
                    failed(f"sessions {name}", error)
                finally:
                    stop_all(servers.values())
            browser.close()
    except BaseException:
        progress(f"stopped; the servers' logs are kept in {logs}")
        raise
    finally:
        stop_all(servers.values())

    # Python time per rerun, with no server or browser running.
    for name in ("atlas", "floor"):
        try:
            raw[name]["rerun_ms"] = rerun_timing(name, args.reruns)
            progress(f"reruns {name}: median {statistics.median(raw[name]['rerun_ms']):.1f} ms")
        except Exception as error:  # noqa: BLE001 - recorded
            failed(f"reruns {name}", error)

    header["load_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    header["seconds"] = round(time.monotonic() - started, 1)
    if failures:
        progress(f"the servers' logs are kept in {logs}")
        header["logs"] = str(logs)
    else:
        shutil.rmtree(logs, ignore_errors=True)
    results = {"header": header, "raw": raw, "failures": failures}
    results["summary"] = aggregate(raw)
    return results


def brief(result: dict) -> str:
    panels = [c.get("panel") for c in result["clicks"]]
    errors = f"; errors: {result['errors']}" if result["errors"] else ""
    size = result["bytes"]["total"] / 1024
    return f"ready {result['ready_ms']:.0f} ms, {size:.0f} KB, panels {panels} ms{errors}"


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.rerun_timing:
        rerun_timing_child(args.rerun_timing, args.reruns)
        return 0

    def stop(signum, _frame):
        raise SystemExit(128 + signum)  # unwinds through the finally blocks that stop the servers

    signal.signal(signal.SIGTERM, stop)
    results = run(args)
    print(table(results, results["header"]))
    for failure in results["failures"]:
        print(f"FAILED {failure}")
    print(f"\n(run took {results['header']['seconds']:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return 1 if results["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
