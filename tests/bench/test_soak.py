"""The kiosk soak (`python -m bench.soak`) as a short functional run: it loops, samples, restarts
the server halfway and prints its table and growth line. No timing or growth is asserted here;
a long run's figures belong in the benchmark's output (README, Performance). It runs as its own
process, as a venue's operator would run it, since Playwright's sync API cannot start inside
the browser tests' own."""

from __future__ import annotations

import re

import pytest

from tests.bench.conftest import run_bench

pytestmark = [pytest.mark.bench, pytest.mark.browser]


def test_a_short_soak_loops_restarts_and_reports():
    out = run_bench("bench.soak", "--steps", "16", "--every", "8")
    rows = re.findall(r"^\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+(\d+)\s+(\d+)\s+(\d+)$", out, re.MULTILINE)
    assert [int(row[0]) for row in rows] == [8, 16], out
    assert all(float(row[1]) > 0 and float(row[2]) > 0 and int(row[3]) > 0 for row in rows), out
    assert re.search(r"server restarted at step 8: looping again [\d.]+ s after it answered", out)
    assert re.search(r"growth from step 8 to 16: server [+-]\d", out), out
