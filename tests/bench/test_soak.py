"""The kiosk soak (`python -m bench.soak`) as a short functional run: it loops, samples, restarts
the server halfway and prints its table and growth line. No timing or growth is asserted here;
a long run's figures belong in the benchmark's output (README, Performance)."""

from __future__ import annotations

import io
import re

import pytest

from bench.soak import soak

pytestmark = [pytest.mark.bench, pytest.mark.browser]


def test_a_short_soak_loops_restarts_and_reports():
    out = io.StringIO()
    result = soak(steps=24, every=8, restart=True, out=out)
    text = out.getvalue()
    assert result.steps == 24 and [row["step"] for row in result.rows] == [8, 16, 24]
    assert all(row["server_mb"] > 0 and row["heap_mb"] > 0 and row["page_nodes"] > 0 for row in result.rows)
    assert result.resume_s is not None, "the loop did not resume after the restart"
    assert "server restarted at step 12" in text
    assert re.search(r"growth from step 8 to 24: server [+-]\d", text), text
