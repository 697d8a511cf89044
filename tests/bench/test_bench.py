"""The benchmark runs end to end in its quick mode (`python -m bench --quick`).

Timings stay out of the test suite: this checks only that one run starts the atlas, Streamlit's
floor and the plain Leaflet page, measures all three, prints the whole table and writes the JSON.
It drives Debian's Chromium, so it is a browser test too (`-m "not bench"` skips it).
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.bench, pytest.mark.browser]

REFERENCES = ("atlas", "floor", "limit")
MEASURES = [
    "navigation → countries visible & clickable",
    "click → first feedback on the map",
    "click → side panel complete",
    "first load: Streamlit bundle",
    "first load: component",
    "first load: own static",
    "first load: websocket payload",
    "first load: total on the wire",
    "first load: added over the floor",
    "server RSS, 1 session",
    "server RSS, N sessions",
    "server RSS per extra session",
    "N sessions clicking: click → panel p50",
    "N sessions clicking: click → panel p95",
    "N sessions clicking: errors / clicks",
    "N sessions open, idle: server CPU",
    "N sessions clicking: server CPU, % of a core",
    "N sessions clicking: server CPU per click",
    "N sessions clicking: browser CPU",
    "N sessions clicking: other processes' CPU",
    "Python time per rerun (AppTest)",
    "Excerpts table: build from 5,000 synthetic excerpts",
    "Excerpts table: filter 5,000 synthetic excerpts",
]
QUICK_RUN_TIMEOUT_S = 300


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench") / "bench.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "bench", "--quick", "--json", str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=QUICK_RUN_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGTERM)  # the bench stops its servers on SIGTERM
        stdout, stderr = process.communicate(timeout=60)
        pytest.fail(f"python -m bench --quick ran over {QUICK_RUN_TIMEOUT_S} s:\n{stdout}\n{stderr}")
    return process.returncode, stdout, stderr, out


def test_the_quick_bench_exits_0(quick_run):
    code, stdout, stderr, _ = quick_run
    assert code == 0, f"python -m bench --quick exited {code}:\n{stdout}\n{stderr[-4000:]}"


def _table(stdout: str) -> tuple[list[str], dict[str, list[str]]]:
    """The header's column names and, per measure, its five cells (split on runs of 2+ spaces)."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("measure "))
    columns = re.split(r"\s{2,}", lines[start].strip())
    rows = {}
    for line in lines[start + 2 :]:
        if not line.strip():
            break
        cells = re.split(r"\s{2,}", line.strip())
        rows[cells[0]] = cells[1:]
    return columns, rows


def test_the_table_has_every_measure_for_all_three_references(quick_run):
    code, stdout, _, _ = quick_run
    assert code == 0
    columns, rows = _table(stdout)
    assert columns == ["measure", *REFERENCES, "atlas÷floor", "atlas÷limit"]
    for measure in MEASURES:
        matching = [label for label in rows if label.startswith(measure)]
        assert matching, f"no row for {measure!r} in:\n{stdout}"
        assert len(rows[matching[0]]) == 5, f"{measure}: {rows[matching[0]]}"
    # Every reference was measured: the first load time is a number in each column.
    ready = next(cells for label, cells in rows.items() if label.startswith(MEASURES[0]))
    assert all(re.match(r"\d", cell) for cell in ready[:3]), ready
    for measure in ("click → side panel complete", "N sessions clicking: click → panel p50"):
        cells = next(cells for label, cells in rows.items() if label.startswith(measure))
        assert all(re.match(r"\d", cell) for cell in cells[:3]), f"{measure}: {cells}"
    errors = next(cells for label, cells in rows.items() if label.startswith("N sessions clicking: errors"))
    assert all(re.fullmatch(r"\d+ / \d+", cell) for cell in errors[:3]), errors


def test_the_header_names_the_date_machine_browser_and_rounds(quick_run):
    _, stdout, _, _ = quick_run
    assert re.search(r"date: \d{4}-\d\d-\d\d", stdout)
    assert re.search(r"machine: \d+ CPU", stdout)
    assert "Chromium " in stdout
    assert re.search(r"rounds: 1 after 1 warm-up", stdout)


def test_the_json_parses_and_holds_all_three_references(quick_run):
    code, _, _, out = quick_run
    assert code == 0
    results = json.loads(out.read_text(encoding="utf-8"))
    assert set(results) >= {"header", "raw", "summary"}
    assert set(results["summary"]) == set(REFERENCES)
    for name in REFERENCES:
        assert results["raw"][name]["rounds"], f"no measured round for {name}"
        assert results["raw"][name]["sessions"]["load_latencies"], f"no click under load for {name}"
