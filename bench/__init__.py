"""Benchmark: the atlas against Streamlit's floor and a plain Leaflet page, in one run.

    .venv/bin/python -m bench                  # warm-up + 5 rounds, 30 concurrent sessions
    .venv/bin/python -m bench --quick          # warm-up + 1 round, 3 sessions: a smoke run (CI)
    .venv/bin/python -m bench --json out.json
    .venv/bin/python -m bench --excerpt-filter  # only the Excerpts table's filtering, in seconds

Three references (bench/references.py), each on a free port of 127.0.0.1:

- atlas: the app as a user starts it, `python -m streamlit run app.py` from the repository root
  (its .streamlit/config.toml applies);
- floor: bench/floor_app.py, one st.button that writes a st.subheader, run the same way with the
  same settings given on the command line: the least any Streamlit app costs;
- limit: bench/leaflet_page.html, the same polygons in plain Leaflet served by Python's
  http.server, answering a click in the browser with no server at all.

Besides, with no server or browser: the Excerpts page's filtering of 5,000 synthetic excerpts
(bench/excerpt_filter.py; `python -m bench --excerpt-filter` runs it alone, in a few seconds).

Each reference is driven by Playwright in Debian's Chromium. Times are taken inside the page by
bench/page.js (performance.timeOrigin + performance.now(), so they compare across the map's
iframe and the page): from the navigation start or the click event's dispatch to the first
animation frame in which a MutationObserver or requestAnimationFrame check sees the expected DOM.
A warm-up round is discarded; every round uses a fresh browser context, so the first load is never
cached. The table gives medians with (min-max); the JSON file has every sample.
"""
