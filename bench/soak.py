"""`python -m bench.soak`: the kiosk loop left running, at an accelerated pace, to see it stay flat.

Drives headless Chromium through /journey?kiosk=1&seconds=1 for a number of steps (default
2,000) and, every 100 steps, records the server's resident memory (its whole process tree), the
page's JS heap after a forced garbage collection, the DOM nodes of the page and of the map frame,
and how many steps took longer than twice their time. Halfway it restarts the server and times
how long the page takes to loop again by itself. It prints a table, then the growth of each
measure from step 200 (or the first sample) to the end. Nothing is asserted: these are figures.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.harness import CHROMIUM, CHROMIUM_ARGS, atlas_server
from bench.system import rss

HEADING = ".st-key-journey_heading"
STEP_SECONDS = 1
# The loop reloads the page after its last step (static/kiosk.js): that step's time includes a
# page load, so it is not counted late unless it takes longer than this as well.
RELOAD_ALLOWANCE = 6.0

_COUNT_NODES = """() => {
    const frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const inner = frame && frame.contentDocument;
    return [document.getElementsByTagName('*').length, inner ? inner.getElementsByTagName('*').length : 0];
}"""


@dataclass
class Soak:
    rows: list[dict] = field(default_factory=list)
    late: int = 0
    late_at: Counter = field(default_factory=Counter)  # which journey step each late step was
    resume_s: float | None = None
    steps: int = 0
    loads: int = 0  # page loads: the first, the loop's own reloads and the restart's


def sample(page, cdp, server, soak: Soak) -> dict:
    cdp.send("HeapProfiler.collectGarbage")
    heap = cdp.send("Runtime.getHeapUsage")["usedSize"]
    page_nodes, map_nodes = page.evaluate(_COUNT_NODES)
    row = {
        "step": soak.steps,
        "server_mb": rss(server) / 1e6,
        "heap_mb": heap / 1e6,
        "page_nodes": page_nodes,
        "map_nodes": map_nodes,
        "late": soak.late,
    }
    soak.rows.append(row)
    return row


def heading(page) -> str:
    try:
        return page.locator(HEADING).first.text_content(timeout=2000) or ""
    except Exception:  # between a reload's unload and the new page's first run
        return ""


def soak(steps: int = 2000, every: int = 100, restart: bool = True, out=sys.stdout) -> Soak:
    from playwright.sync_api import sync_playwright

    result = Soak()
    with tempfile.TemporaryDirectory() as logs, sync_playwright() as playwright:
        server = atlas_server(Path(logs) / "streamlit.log", name="the soaked app").start()
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            cdp = page.context.new_cdp_session(page)
            page.on("load", lambda _: setattr(result, "loads", result.loads + 1))
            page.goto(f"{server.url}/journey?kiosk=1&seconds={STEP_SECONDS}&notes=show")
            print(
                f"{'step':>6} {'server MB':>10} {'JS heap MB':>11} {'page nodes':>11} "
                f"{'map nodes':>10} {'late':>5}",
                file=out,
            )
            shown, since = "", time.monotonic()
            while result.steps < steps:
                now_heading = heading(page)
                if now_heading and now_heading != shown:
                    took = time.monotonic() - since
                    wrapped = now_heading.startswith("Step 1 of")
                    if shown and took > (RELOAD_ALLOWANCE if wrapped else 2 * STEP_SECONDS):
                        result.late += 1
                        result.late_at[shown.split(":")[0]] += 1
                    shown, since = now_heading, time.monotonic()
                    result.steps += 1
                    if result.steps % every == 0:
                        row = sample(page, cdp, server, result)
                        print(
                            f"{row['step']:>6} {row['server_mb']:>10.1f} {row['heap_mb']:>11.1f} "
                            f"{row['page_nodes']:>11} {row['map_nodes']:>10} {row['late']:>5}",
                            file=out,
                            flush=True,
                        )
                    if restart and result.steps == steps // 2:
                        server.stop()
                        time.sleep(3)
                        server.start()
                        up = time.monotonic()
                        before = heading(page)
                        while heading(page) in ("", before) and time.monotonic() - up < 60:
                            page.wait_for_timeout(100)
                        result.resume_s = time.monotonic() - up
                        shown, since = heading(page), time.monotonic()
                        print(
                            f"server restarted at step {result.steps}: looping again "
                            f"{result.resume_s:.1f} s after it answered",
                            file=out,
                        )
                page.wait_for_timeout(50)
        finally:
            browser.close()
            server.stop()
    print(growth_line(result), file=out)
    if result.late_at:
        print(
            "late steps by step: " + ", ".join(f"{k}: {n}" for k, n in sorted(result.late_at.items())),
            file=out,
        )
    return result


def growth_line(result: Soak) -> str:
    """Growth of each measure from step 200 (or the first sample) to the last sample."""
    rows = result.rows
    if len(rows) < 2:
        return "growth: too few samples"
    first = next((r for r in rows if r["step"] >= 200), rows[0])
    if first is rows[-1]:
        first = rows[0]
    last = rows[-1]
    # A sample taken during the loop's reload finds no map frame (0 nodes): the last one with a
    # frame stands for the end.
    ends = {key: next((r[key] for r in reversed(rows) if r[key]), 0) for key in last}
    parts = [
        f"{name} {100 * (ends[key] - first[key]) / first[key]:+.1f} %"
        for key, name in (
            ("server_mb", "server"),
            ("heap_mb", "JS heap"),
            ("page_nodes", "page nodes"),
            ("map_nodes", "map nodes"),
        )
        if first[key]
    ]
    resume = f"{result.resume_s:.1f} s" if result.resume_s is not None else "not restarted"
    return (
        f"growth from step {first['step']} to {last['step']}: "
        + ", ".join(parts)
        + (f"; resume after restart {resume}; late steps {result.late}; page loads {result.loads}")
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=2000, help="kiosk steps to run (default 2000)")
    parser.add_argument("--every", type=int, default=100, help="sample every N steps (default 100)")
    parser.add_argument("--no-restart", action="store_true", help="do not restart the server halfway")
    args = parser.parse_args(argv)
    soak(args.steps, args.every, restart=not args.no_restart)
    return 0


if __name__ == "__main__":
    sys.exit(main())
