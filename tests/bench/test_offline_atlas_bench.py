"""`python -m bench.offline_atlas` as a short functional run: it builds, opens both pages and
clicks every country, and prints its figures. No timing is asserted; the figures are in the README."""

from __future__ import annotations

import re

import pytest

from tests.bench.conftest import run_bench

pytestmark = [pytest.mark.bench, pytest.mark.browser]


def test_the_offline_atlas_bench_prints_size_build_open_and_click_figures():
    out = run_bench("bench.offline_atlas", "--rounds", "1", "--builds", "1")
    assert re.search(r"^atlas\.html: [\d.]+ kB$", out, re.M), out
    assert "the same bytes twice: yes" in out
    assert re.search(r"plain Leaflet page\s+\d+ ms\s+\d+ ms\s+\[8\]", out), out
    assert re.search(r"atlas\.html\s+\d+ ms\s+\d+ ms\s+\[8\]", out), out
    assert re.search(r"atlas / plain: [\d.]+×", out), out
    assert re.search(r"click → panel shown \(next frame\), 8 countries: median [\d.]+ ms", out), out
