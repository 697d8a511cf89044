"""The report: every sample summarised per reference and row, and the table that prints it.

Pure functions over the result dict `python -m bench --json FILE` writes: {"header", "raw",
"failures", "summary"}, where raw[name] = {"rounds": [...], "sessions": {...}, "rerun_ms": [...]},
and the atlas's also has "excerpt_filter" ({"build_ms", "filter_ms": {filter: [...]}}).
"""

from __future__ import annotations

import statistics

NAMES = ("atlas", "floor", "limit")  # the table's columns, and what the ratios compare
BYTE_ROWS = ("streamlit", "component", "own_static", "websocket", "other", "total")
MB = 1024 * 1024

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
    ("Excerpts table: build from 5,000 synthetic excerpts, ms ⁷", "excerpt_build_ms", "ms"),
    ("Excerpts table: filter 5,000 synthetic excerpts, ms ⁷", "excerpt_filter_ms", "ms"),
]
NO_RATIO = ("bytes_over_floor", "load_others_cpu")  # besides the counts

FOOTNOTES = [
    "¹ atlas: all route-country paths in the map iframe have a non-zero box; limit: the same paths;"
    " floor: its button is visible and enabled. From the navigation's start.",
    "² the feedback contract: the clicked country's <path> has class atlas-picked and an"
    " .atlas-picked-name element in the map names it (n/a: not seen). floor: no map, so its first"
    " DOM change after the click, the app marked running (data-test-script-state), stands in.",
    "³ atlas: inside the panel the app keys explore_panel (class st-key-explore_panel), an h2 naming"
    " the country and a quotation (blockquote), neither stale; floor: the subheader 'Shown k';"
    " limit: the panel div's h3.",
    "⁴ bytes received and sent: HTTP responses as encoded on the wire (headers included; Streamlit"
    " gzips, http.server does not) plus websocket payloads, from navigation until 1 s with no"
    " traffic after the app is idle.",
    "⁵ N sessions: N browser contexts in one Chromium, on a freshly started server; per extra session"
    " = (RSS with N − RSS with 1) / (N − 1). limit: Python's http.server, for scale.",
    "⁶ CPU the rest of the machine used meanwhile (other people's tests): above ~20% the times are"
    " disturbed. During the timing rounds: {others_cpu_rounds}% of a core.",
    "⁷ route_atlas.excerpt_table on the real excerpts repeated to 5,000 (bench/excerpt_filter.py), in"
    " this process: the build is once per content version; a filter is one table_view call, what each"
    " rerun of the Excerpts page does, over five filter sets (none, a country, a word, two words, all).",
]


# --- summarising ------------------------------------------------------------------------------


def summary(values: list) -> dict | None:
    """{"min", "median", "max", "n"} of the values that are not None, or None if there are none."""
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {"min": min(values), "median": statistics.median(values), "max": max(values), "n": len(values)}


def percentile(values: list[float], q: float) -> float | None:
    """The q-quantile (0 ≤ q ≤ 1), interpolated linearly between the two nearest samples."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def _value(x) -> dict | None:
    return None if x is None else {"value": x}


def _rounds_rows(rounds: list[dict]) -> dict:
    clicks = [c for rd in rounds for c in rd["clicks"]]
    row = {
        "ready_ms": summary([rd["ready_ms"] for rd in rounds]),
        "feedback_ms": summary([c.get("feedback") for c in clicks]),
        "running_ms": summary([c.get("running") for c in clicks]),
        "panel_ms": summary([c.get("panel") for c in clicks]),
    }
    for key in BYTE_ROWS:
        row[f"bytes_{key}"] = summary([rd["bytes"][key] / 1024 for rd in rounds])
    return row


def _sessions_rows(s: dict) -> dict:
    row = {key: _value(s[key] / MB if s.get(key) else None) for key in ("rss_idle", "rss_1", "rss_n")}
    if s.get("rss_n") and s.get("rss_1") and s.get("sessions", 0) > 1:
        row["rss_per_session"] = _value((s["rss_n"] - s["rss_1"]) / MB / (s["sessions"] - 1))
    else:
        row["rss_per_session"] = None
    latencies = s.get("load_latencies") or []
    row["load_p50"] = _value(percentile(latencies, 0.5))
    row["load_p95"] = _value(percentile(latencies, 0.95))
    row["load_errors"] = {"value": len(s["errors"]), "of": s.get("load_clicks", 0)} if "errors" in s else None
    cpu = s.get("load_cpu") or {}
    for key in ("server", "browser", "others"):
        row[f"load_{key}_cpu"] = _value(cpu[f"{key}_pct"] if cpu else None)
    idle = (s.get("idle_cpu") or {}).get("server_pct")
    row["idle_server_cpu"] = _value(idle)
    if cpu and latencies:
        busy = max(cpu["server_pct"] - (idle or 0.0), 0.0)
        row["load_server_cpu_per_click"] = _value(busy / 100 * cpu["wall_s"] * 1000 / len(latencies))
    else:
        row["load_server_cpu_per_click"] = None
    return row


def _excerpt_rows(result: dict | None) -> dict:
    if not result:
        return {"excerpt_build_ms": None, "excerpt_filter_ms": None}
    samples = [ms for filtered in result["filter_ms"].values() for ms in filtered]
    return {"excerpt_build_ms": _value(result["build_ms"]), "excerpt_filter_ms": summary(samples)}


def aggregate(raw: dict) -> dict:
    """Per reference, per row key of ROWS: {"min", "median", "max", "n"}, {"value"} (with "of" for
    a count out of a total), or None where nothing was measured."""
    out = {}
    for name in NAMES:
        r = raw.get(name, {})
        out[name] = {
            **_rounds_rows(r.get("rounds", [])),
            **_sessions_rows(r.get("sessions") or {}),
            "rerun_ms": summary(r.get("rerun_ms") or []),
            **_excerpt_rows(r.get("excerpt_filter")),
        }
    atlas_total = _central(out["atlas"]["bytes_total"])
    floor_total = _central(out["floor"]["bytes_total"])
    for name in NAMES:
        out[name]["bytes_over_floor"] = None
    if atlas_total is not None and floor_total is not None:
        out["atlas"]["bytes_over_floor"] = {"value": atlas_total - floor_total}
    return out


# --- formatting -------------------------------------------------------------------------------


def _central(cell: dict | None) -> float | None:
    if not cell:
        return None
    return cell.get("median", cell.get("value"))


def fmt_number(x: float, kind: str) -> str:
    """Counts whole; MB and % to one decimal; ms and KB whole from 10 up, else to one decimal."""
    if kind == "count":
        return f"{x:.0f}"
    if kind in ("mb", "pct"):
        return f"{x:.1f}"
    return f"{x:.0f}" if abs(x) >= 10 else f"{x:.1f}"


def fmt_cell(cell: dict | None, kind: str) -> str:
    """The cell's text: n/a, 3 / 6, 375, or 375 (300–450) when the samples differ."""
    if not cell:
        return "n/a"
    if "of" in cell:
        return f"{cell['value']} / {cell['of']}"
    if "median" in cell:
        text = fmt_number(cell["median"], kind)
        if cell["n"] > 1 and cell["min"] != cell["max"]:
            text += f" ({fmt_number(cell['min'], kind)}–{fmt_number(cell['max'], kind)})"
        return text
    return fmt_number(cell["value"], kind)


def ratio(a: dict | None, b: dict | None, kind: str) -> str:
    """a's central value over b's, as "1.53×"; "n/a" if either is missing or shows as zero."""
    a, b = _central(a), _central(b)
    # No ratio to a value that shows as zero (such as the limit's memory per session).
    if a is None or b is None or float(fmt_number(a, kind)) == 0 or float(fmt_number(b, kind)) == 0:
        return "n/a"
    return f"{a / b:.2f}×"


def _header_lines(header: dict) -> list[str]:
    m = header["machine"]
    return [
        "Escape Route Atlas benchmark",
        f"date: {header['date']}   machine: {m['cpus']} CPU(s), {m['cpu_model']}"
        f"   load average: {header['load_before']} before, {header['load_after']} after",
        f"browser: {header['browser']}   python {m['python']}   "
        + "   ".join(f"{k} {v}" for k, v in m["versions"].items()),
        f"rounds: {header['rounds']} after {header['warmup']} warm-up (discarded); "
        f"{header['clicks_per_round']} click(s) per round; N = {header['sessions']} concurrent sessions, "
        f"each clicking {header['load_clicks']} time(s), one click every {header['period']} s, staggered",
        "cells: median (min–max) over rounds (time rows: over every click); ratios use medians",
    ]


def table(results: dict) -> str:
    """The header, one line per row of ROWS (atlas, floor, limit, atlas÷floor, atlas÷limit), the notes."""
    agg, header = results["summary"], results["header"]
    columns = ["measure", *NAMES, "atlas÷floor", "atlas÷limit"]
    rows = []
    for label, key, kind in ROWS:
        cells = [agg[name].get(key) for name in NAMES]
        if kind == "count" or key in NO_RATIO:
            ratios = ["n/a", "n/a"]
        else:
            ratios = [ratio(cells[0], cells[1], kind), ratio(cells[0], cells[2], kind)]
        rows.append([label, *(fmt_cell(c, kind) for c in cells), *ratios])
    widths = [max(len(r[i]) for r in [columns, *rows]) for i in range(len(columns))]

    def line(r: list[str]) -> str:
        cells = [r[0].ljust(widths[0]), *(c.rjust(w) for c, w in zip(r[1:], widths[1:], strict=True))]
        return "  ".join(cells)

    notes = [n.format(others_cpu_rounds=header.get("others_cpu_rounds", "n/a")) for n in FOOTNOTES]
    return "\n".join(
        [
            *_header_lines(header),
            "",
            line(columns),
            "  ".join("-" * w for w in widths),
            *(line(r) for r in rows),
            "",
            *notes,
        ]
    )


def brief(result: dict) -> str:
    """One round of one reference, on one progress line."""
    panels = [c.get("panel") for c in result["clicks"]]
    errors = f"; errors: {result['errors']}" if result["errors"] else ""
    size = result["bytes"]["total"] / 1024
    return f"ready {result['ready_ms']:.0f} ms, {size:.0f} KB, panels {panels} ms{errors}"
