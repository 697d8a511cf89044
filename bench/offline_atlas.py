"""`python -m bench.offline_atlas`: the offline atlas's size, build time, opening and clicks.

Measures `route_atlas.offline_atlas.build_atlas` on the project's content: the file's size and
what it holds, how long a build takes (and that two builds give the same bytes), then opens the
file from `file://` in headless Chromium, alternating with the limit to approach: the plain Leaflet
page over the same polygons (bench/leaflet_page.html, made one file the same way, Leaflet and the
boundaries inline). For each it records the time from navigation until every route country is
drawn and clickable (the load event: both pages build their map in inline scripts before it,
then the next frame), and for the atlas the time from a real click on a country to the frame that
shows its panel. It prints the figures and their ratios; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.harness import BENCH, LAUNCH_ARGS, read_js
from route_atlas import load_content
from route_atlas.offline_atlas import LEAFLET, build_atlas

POINT_INSIDE_JS = read_js("point_inside.js")
# From navigation to the frame after the load event, by Navigation Timing, in the page's own clock.
_OPENED_JS = """() => new Promise((done) => {
  const after = () => requestAnimationFrame(() => setTimeout(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    done({load: nav.loadEventEnd, frame: performance.now(),
          countries: document.querySelectorAll('path.atlas-country').length});
  }));
  if (document.readyState === 'complete') after(); else addEventListener('load', after);
})"""
# A click's time (its event's timeStamp) to the frame after the panel naming `name` is shown,
# left in window.__clickMs.
_CLICK_WATCH_JS = """(name) => {
  window.__clickMs = null;
  let clicked = null;
  addEventListener('click', (e) => { clicked = clicked || e.timeStamp; }, {capture: true, once: true});
  const shown = () => [...document.querySelectorAll('#explore-panel > .atlas-variant:not([hidden]) h2')]
    .some((h) => h.textContent === name);
  const observer = new MutationObserver(() => {
    if (clicked === null || !shown()) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.__clickMs = performance.now() - clicked; });
  });
  observer.observe(document.getElementById('explore-panel'), {attributes: true, subtree: true});
}"""


def plain_leaflet_file(content, folder: Path) -> Path:
    """bench/leaflet_page.html as one file: Leaflet, the boundaries and the route countries inline."""
    page = (BENCH / "leaflet_page.html").read_text(encoding="utf-8")
    route = {code: {"name": c.name, "role": c.role} for code, c in content.countries.items()}
    inline = {
        '<link rel="stylesheet" href="leaflet/leaflet.css">': "<style>"
        + (LEAFLET / "leaflet.css").read_text(encoding="utf-8")
        + "</style>",
        '<script src="leaflet/leaflet.js"></script>': "<script>"
        + (LEAFLET / "leaflet.js").read_text(encoding="utf-8")
        + "</script>",
        """Promise.all([
  fetch("region.geojson").then((r) => r.json()),
  fetch("route-countries.json").then((r) => r.json()),
])""": f"Promise.resolve([{json.dumps(content.boundaries)}, {json.dumps(route)}])",
    }
    for old, new in inline.items():
        if old not in page:
            raise RuntimeError(f"bench/leaflet_page.html has changed: no {old[:40]!r}")
        page = page.replace(old, new)
    path = folder / "plain-leaflet.html"
    path.write_text(page, encoding="utf-8")
    return path


def opening(browser, url: str) -> dict:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.goto(url, wait_until="load")
        return page.evaluate(_OPENED_JS)
    finally:
        page.close()


def clicks(browser, url: str, content) -> list[float]:
    """ms from a real click on each route country to the frame that shows its panel."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    samples = []
    try:
        page.goto(url, wait_until="load")
        page.wait_for_selector("html[data-atlas-ready]")
        # The opening is measured on its own (above); a click is timed once the page has settled,
        # as a reader's first click comes (without this the first click also carries the page's
        # own first paint and compiling, 50-80 ms more).
        page.wait_for_timeout(500)
        for code, country in content.countries.items():
            page.locator("#explore-map-box").scroll_into_view_if_needed()
            point = page.evaluate(f"(iso3) => ({POINT_INSIDE_JS})(iso3)", code)
            page.evaluate(_CLICK_WATCH_JS, country.name)
            page.mouse.click(point["x"], point["y"])
            samples.append(page.wait_for_function("() => window.__clickMs").json_value())
    finally:
        page.close()
    return samples


def run(rounds: int = 7, builds: int = 5, out=sys.stdout) -> dict:
    from playwright.sync_api import sync_playwright

    content = load_content()
    times, made = [], None
    for _ in range(builds):
        start = time.perf_counter()
        made = build_atlas(content)
        times.append(time.perf_counter() - start)
    same = build_atlas(content).data == made.data
    print(f"atlas.html: {len(made.data) / 1000:.1f} kB", file=out)
    for name, size in made.parts.items():
        print(f"  {size / 1000:>7.1f} kB  {name}", file=out)
    print(
        f"build: median {statistics.median(times) * 1000:.0f} ms over {builds} builds "
        f"(max {max(times) * 1000:.0f} ms); the same bytes twice: {'yes' if same else 'NO'}",
        file=out,
    )
    result = {
        "bytes": len(made.data),
        "parts": made.parts,
        "build_ms": [t * 1000 for t in times],
        "same": same,
    }
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        atlas_path = Path(folder) / "atlas.html"
        atlas_path.write_bytes(made.data)
        plain = plain_leaflet_file(content, Path(folder))
        browser = playwright.chromium.launch(**LAUNCH_ARGS)
        try:
            opening(browser, atlas_path.as_uri())  # warm-up: the first page of a browser pays its start
            opening(browser, plain.as_uri())
            samples = {"atlas": [], "plain": []}
            for _ in range(rounds):  # alternated, so a busy moment of the machine hits both alike
                samples["atlas"].append(opening(browser, atlas_path.as_uri()))
                samples["plain"].append(opening(browser, plain.as_uri()))
            click_ms = clicks(browser, atlas_path.as_uri(), content)
        finally:
            browser.close()
    counts = {name: {s["countries"] for s in rows} for name, rows in samples.items()}
    ready = {name: statistics.median(s["frame"] for s in rows) for name, rows in samples.items()}
    load = {name: statistics.median(s["load"] for s in rows) for name, rows in samples.items()}
    print(f"open from file:// to every route country drawn and clickable, median of {rounds}:", file=out)
    print(f"  {'':<20}{'load event':>12}{'next frame':>12}  route countries", file=out)
    for name, label in (("plain", "plain Leaflet page"), ("atlas", "atlas.html")):
        print(f"  {label:<20}{load[name]:>9.0f} ms{ready[name]:>9.0f} ms  {sorted(counts[name])}", file=out)
    ratio = ready["atlas"] / ready["plain"]
    print(f"  atlas / plain: {ratio:.2f}× (goal ≤ 1.5×)", file=out)
    middle, worst = statistics.median(click_ms), max(click_ms)
    print(
        f"click → panel shown (next frame), {len(click_ms)} countries: median {middle:.1f} ms,"
        f" max {worst:.1f} ms (goal ≤ 50 ms)",
        file=out,
    )
    print(
        "  by country: "
        + ", ".join(f"{code} {ms:.0f}" for code, ms in zip(content.countries, click_ms, strict=True)),
        file=out,
    )
    result |= {"open": samples, "ratio": ratio, "click_ms": click_ms}
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.offline_atlas", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--rounds", type=int, default=7, help="openings of each page (default 7)")
    parser.add_argument("--builds", type=int, default=5, help="builds timed (default 5)")
    args = parser.parse_args(argv)
    run(args.rounds, args.builds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
