"""bench/report.py on a canned result: what each row summarises, and how the table prints it."""

from __future__ import annotations

import re

import pytest

from bench.report import ROWS, aggregate, brief, fmt_cell, percentile, ratio, summary, table

KB = 1024
MB = 1024 * 1024


def a_round(ready_ms, panels, feedback=4.0, running=290.0, kb=None):
    kb = kb or {"streamlit": 2600, "component": 56, "own_static": 46, "websocket": 70, "other": 10}
    size = {
        key: kb.get(key, 0) * KB for key in ("streamlit", "component", "own_static", "websocket", "other")
    }
    size["total"] = sum(size.values())
    size["requests"] = 40
    clicks = [{"feedback": feedback, "running": running, "panel": p} for p in panels]
    return {"ready_ms": ready_ms, "bytes": size, "clicks": clicks, "errors": []}


def sessions(rss_1_mb, rss_n_mb, latencies, server_pct=30.0, idle_pct=10.0, errors=()):
    return {
        "rss_idle": 50 * MB,
        "rss_1": rss_1_mb * MB,
        "rss_n": rss_n_mb * MB,
        "sessions": 3,
        "idle_cpu": {"wall_s": 3.0, "server_pct": idle_pct, "browser_pct": 1.0, "others_pct": 0.0},
        "load_cpu": {"wall_s": 10.0, "server_pct": server_pct, "browser_pct": 60.0, "others_pct": 5.0},
        "load_latencies": latencies,
        "load_clicks": 6,
        "errors": list(errors),
    }


LIMIT_KB = {"own_static": 199}
RAW = {
    "atlas": {
        "rounds": [a_round(1700.0, [380.0, 370.0]), a_round(1600.0, [360.0, 390.0])],
        "sessions": sessions(164, 166, [400.0, 500.0, 600.0, 700.0]),
        "rerun_ms": [29.0, 31.0, 30.0],
        "excerpt_filter": {
            "excerpts": 5000,
            "build_ms": 190.0,
            "filter_ms": {"none": [12.0, 20.0], "search": [9.0]},
        },
    },
    "floor": {
        "rounds": [
            a_round(1100.0, [75.0, 75.0], feedback=70.0, running=None, kb={"streamlit": 2619, "other": 10}),
        ],
        "sessions": sessions(57, 58, [50.0, 60.0], server_pct=12.0, idle_pct=2.0, errors=["session 2: no"]),
        "rerun_ms": [1.8],
    },
    "limit": {
        "rounds": [a_round(240.0, [2.5, 2.7], feedback=2.5, running=None, kb=LIMIT_KB)],
        "sessions": sessions(20, 20, [3.0, 4.0], server_pct=0.0, idle_pct=0.0),
    },
}
HEADER = {
    "date": "2026-11-23T10:00:00+00:00",
    "machine": {
        "cpus": 2,
        "cpu_model": "AMD EPYC",
        "python": "3.11.7",
        "versions": {"streamlit": "1.67.0", "folium": "0.20.0"},
    },
    "load_before": "0.10 0.20 0.30",
    "load_after": "1.00 0.50 0.40",
    "browser": "Chromium 156",
    "rounds": 2,
    "warmup": 1,
    "clicks_per_round": 2,
    "sessions": 3,
    "load_clicks": 2,
    "period": 2.0,
    "others_cpu_rounds": 12.5,
}


@pytest.fixture(scope="module")
def summarised():
    return aggregate(RAW)


@pytest.fixture(scope="module")
def printed(summarised):
    return table({"header": HEADER, "raw": RAW, "failures": [], "summary": summarised})


def rows_of(text: str) -> dict[str, list[str]]:
    """Each table row's cells after its label (columns are separated by two or more spaces)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("measure "))
    rows = {}
    for line in lines[start + 2 :]:
        if not line.strip():
            break
        cells = re.split(r"\s{2,}", line.strip())
        rows[cells[0]] = cells[1:]
    return rows


def row(text: str, key: str) -> list[str]:
    label = next(label for label, k, _ in ROWS if k == key)
    return rows_of(text)[label]


# --- summarising ------------------------------------------------------------------------------


def test_summary_leaves_out_missing_values():
    assert summary([3.0, None, 1.0, 2.0]) == {"min": 1.0, "median": 2.0, "max": 3.0, "n": 3}


@pytest.mark.parametrize("values", [[], [None, None]])
def test_summary_of_nothing_is_none(values):
    assert summary(values) is None


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        ([400.0, 500.0, 600.0, 700.0], 0.5, 550.0),
        ([400.0, 500.0, 600.0, 700.0], 0.95, 685.0),
        ([700.0, 400.0], 0.0, 400.0),
        ([5.0], 0.95, 5.0),
        ([], 0.5, None),
    ],
)
def test_percentile_interpolates_between_the_nearest_samples(values, q, expected):
    assert percentile(values, q) == (None if expected is None else pytest.approx(expected))


def test_click_times_are_summarised_over_every_click_of_every_round(summarised):
    assert summarised["atlas"]["panel_ms"] == {"min": 360.0, "median": 375.0, "max": 390.0, "n": 4}
    assert summarised["atlas"]["ready_ms"] == {"min": 1600.0, "median": 1650.0, "max": 1700.0, "n": 2}


def test_a_watch_a_reference_does_not_have_is_none(summarised):
    assert summarised["floor"]["running_ms"] is None
    assert summarised["limit"]["rerun_ms"] is None


def test_bytes_are_in_kilobytes_and_only_the_atlas_has_bytes_over_the_floor(summarised):
    assert summarised["atlas"]["bytes_component"]["median"] == 56
    assert summarised["atlas"]["bytes_total"]["median"] == 2782
    assert summarised["atlas"]["bytes_over_floor"] == {"value": 2782 - 2629}
    assert summarised["floor"]["bytes_over_floor"] is None
    assert summarised["limit"]["bytes_over_floor"] is None


def test_memory_per_extra_session_divides_the_growth_by_the_sessions_after_the_first(summarised):
    assert summarised["atlas"]["rss_1"] == {"value": 164.0}
    assert summarised["atlas"]["rss_per_session"]["value"] == pytest.approx(1.0)


def test_server_cpu_per_click_subtracts_the_idle_share(summarised):
    # (30 % - 10 %) of 10 s, over 4 answered clicks.
    assert summarised["atlas"]["load_server_cpu_per_click"]["value"] == pytest.approx(500.0)
    assert summarised["atlas"]["idle_server_cpu"] == {"value": 10.0}


def test_errors_count_against_the_clicks_asked_for(summarised):
    assert summarised["floor"]["load_errors"] == {"value": 1, "of": 6}
    assert summarised["atlas"]["load_errors"] == {"value": 0, "of": 6}


def test_a_reference_with_no_sessions_has_no_session_rows():
    out = aggregate(
        {"atlas": RAW["atlas"], "floor": RAW["floor"], "limit": {"rounds": RAW["limit"]["rounds"]}}
    )
    for key in ("rss_1", "rss_n", "rss_per_session", "load_p50", "load_errors", "load_server_cpu"):
        assert out["limit"][key] is None, key
    assert out["limit"]["panel_ms"]["median"] == pytest.approx(2.6)


# --- formatting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "kind", "text"),
    [
        (None, "ms", "n/a"),
        ({"value": 0, "of": 6}, "count", "0 / 6"),
        ({"min": 360.0, "median": 375.0, "max": 390.0, "n": 4}, "ms", "375 (360–390)"),
        ({"min": 75.0, "median": 75.0, "max": 75.0, "n": 2}, "ms", "75"),
        ({"min": 2.5, "median": 2.6, "max": 2.7, "n": 2}, "ms", "2.6 (2.5–2.7)"),
        ({"value": 0.5}, "mb", "0.5"),
        ({"value": 164.0}, "mb", "164.0"),
        ({"value": 12.34}, "pct", "12.3"),
    ],
)
def test_a_cell_prints_its_median_and_range_or_its_value(cell, kind, text):
    assert fmt_cell(cell, kind) == text


@pytest.mark.parametrize(
    ("a", "b", "text"),
    [
        ({"value": 375.0}, {"value": 75.0}, "5.00×"),
        ({"median": 1650.0}, {"median": 1100.0}, "1.50×"),
        ({"value": 0.5}, {"value": 0.04}, "n/a"),  # the second shows as 0.0
        (None, {"value": 1.0}, "n/a"),
    ],
)
def test_a_ratio_compares_central_values_and_not_to_a_zero(a, b, text):
    assert ratio(a, b, "mb") == text


def test_the_table_has_a_row_of_five_cells_for_every_measure(printed):
    rows = rows_of(printed)
    assert list(rows) == [label for label, _, _ in ROWS]
    assert all(len(cells) == 5 for cells in rows.values()), rows


def test_the_table_header_names_the_run(printed):
    assert "date: 2026-11-23T10:00:00+00:00   machine: 2 CPU(s), AMD EPYC" in printed
    assert "browser: Chromium 156   python 3.11.7   streamlit 1.67.0   folium 0.20.0" in printed
    assert "rounds: 2 after 1 warm-up (discarded); 2 click(s) per round; N = 3 concurrent sessions" in printed
    assert re.search(r"^measure +atlas +floor +limit +atlas÷floor +atlas÷limit$", printed, re.M)


def test_the_panel_row_gives_medians_ranges_and_ratios(printed):
    assert row(printed, "panel_ms") == ["375 (360–390)", "75", "2.6 (2.5–2.7)", "5.00×", "144.23×"]


def test_counts_and_bytes_over_the_floor_have_no_ratio(printed):
    assert row(printed, "load_errors") == ["0 / 6", "1 / 6", "0 / 6", "n/a", "n/a"]
    assert row(printed, "bytes_over_floor") == ["153", "n/a", "n/a", "n/a", "n/a"]


def test_a_measure_a_reference_does_not_have_reads_n_a(printed):
    assert row(printed, "running_ms")[1:3] == ["n/a", "n/a"]
    assert row(printed, "rerun_ms") == ["30 (29–31)", "1.8", "n/a", "16.67×", "n/a"]


def test_the_excerpt_filter_rows_are_the_atlass_alone(summarised, printed):
    assert summarised["atlas"]["excerpt_filter_ms"] == {"min": 9.0, "median": 12.0, "max": 20.0, "n": 3}
    assert row(printed, "excerpt_filter_ms") == ["12 (9.0–20)", "n/a", "n/a", "n/a", "n/a"]
    assert row(printed, "excerpt_build_ms") == ["190", "n/a", "n/a", "n/a", "n/a"]


def test_the_panel_footnote_names_the_apps_marker_not_its_caption(printed):
    note = next(line for line in printed.splitlines() if line.startswith("³"))
    assert "st-key-explore_panel" in note
    assert "blockquote" in note
    assert "excerpts from the sources" not in note


def test_the_cpu_footnote_gives_the_others_share_during_the_rounds(printed):
    assert "During the timing rounds: 12.5% of a core." in printed


def test_brief_gives_one_rounds_ready_time_size_and_panels():
    text = brief(RAW["atlas"]["rounds"][0])
    assert text == "ready 1700 ms, 2782 KB, panels [380.0, 370.0] ms"
