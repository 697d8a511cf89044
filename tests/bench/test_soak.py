"""The kiosk soak (`python -m bench.soak`) as a short functional run: it loops, samples, restarts
the server halfway and prints its table and growth line. No timing or growth is asserted here;
a long run's figures belong in the benchmark's output (README, Performance). It runs as its own
process, as a venue's operator would run it, since Playwright's sync API cannot start inside
the browser tests' own."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.bench, pytest.mark.browser]


def test_a_short_soak_loops_restarts_and_reports():
    run = subprocess.run(
        [sys.executable, "-m", "bench.soak", "--steps", "24", "--every", "8"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    rows = re.findall(r"^\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+(\d+)\s+(\d+)\s+(\d+)$", run.stdout, re.MULTILINE)
    assert [int(row[0]) for row in rows] == [8, 16, 24], run.stdout
    assert all(float(row[1]) > 0 and float(row[2]) > 0 and int(row[3]) > 0 for row in rows), run.stdout
    assert re.search(r"server restarted at step 12: looping again [\d.]+ s after it answered", run.stdout)
    assert re.search(r"growth from step 8 to 24: server [+-]\d", run.stdout), run.stdout
