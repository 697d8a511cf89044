"""bench/references.py without a browser: what each reference clicks and waits for."""

from __future__ import annotations

import re

import pytest

from bench.harness import ROOT
from bench.references import COUNTRY_KEY, PANEL_KEY, Atlas, Floor, Limit, references


@pytest.fixture(scope="module")
def refs(atlas):
    return references(atlas.countries)


def test_the_references_come_in_the_tables_order(refs):
    assert list(refs) == ["atlas", "floor", "limit"]
    assert [type(r) for r in refs.values()] == [Atlas, Floor, Limit]


def test_the_atlas_panel_is_complete_by_the_apps_marker_and_the_countrys_name(refs):
    watches = refs["atlas"].watches("CHN")
    assert watches["panel"] == ("keyedPanel", {"key": "explore_panel", "name": "China"})
    assert watches["feedback"] == ("picked", {"iso3": "CHN", "name": "China"})
    assert watches["running"] == ("scriptRunning", {})


def test_the_limit_panel_is_its_heading_naming_the_country(refs):
    assert refs["limit"].watches("LAO")["panel"] == ("heading", {"text": "Laos"})


def test_the_floor_waits_for_the_heading_counting_its_clicks(refs):
    floor = refs["floor"]
    assert [floor.choice(8, k) for k in range(3)] == [1, 2, 3]
    assert floor.watches(2)["panel"] == ("heading", {"text": "Shown 2"})
    assert {floor.target(k) for k in (1, 2)} == {"button"}


def test_map_references_click_a_different_route_country_each_time(refs, atlas):
    codes = list(atlas.countries)
    for name in ("atlas", "limit"):
        picked = [refs[name].choice(3, k) for k in range(len(codes))]
        assert sorted(picked) == sorted(codes)
        assert picked[0] == codes[3]


def test_map_references_are_ready_when_every_route_country_is_drawn(refs, atlas):
    assert refs["atlas"].ready() == refs["limit"].ready() == ("routePaths", {"count": len(atlas.countries)})


@pytest.mark.parametrize(
    ("path", "row"),
    [
        ("/static/js/index.js", "streamlit"),
        ("/component/streamlit_folium.st_folium/index.html", "component"),
        ("/app/static/leaflet/leaflet.js", "own_static"),
        ("/_stcore/health", "other"),
    ],
)
def test_streamlit_bytes_are_sorted_by_path(refs, path, row):
    assert refs["atlas"].category(path) == row
    assert refs["limit"].category(path) == "own_static"


def test_the_app_still_has_the_keys_the_bench_relies_on():
    """The Explore page keys its panel and its country list as bench/references.py expects."""
    sources = [p for pattern in ("*.py", "*/*.py") for p in ROOT.glob(pattern) if p.parts[-2] != "bench"]
    text = "\n".join(p.read_text(encoding="utf-8") for p in sources if ".venv" not in p.parts)
    for key in (PANEL_KEY, COUNTRY_KEY):
        assert re.search(rf"key=\"{key}\"", text), f'no key="{key}" in the app'
