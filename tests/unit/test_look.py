import subprocess
import sys

import pytest

from route_atlas.look import (
    BOUNDS,
    CAPTION,
    CENTER,
    LEGEND_FOOTER,
    LEGEND_ROWS,
    MAX_ZOOM,
    MIN_ZOOM,
    NEIGHBOUR_COLOUR,
    ROLE_COLOURS,
    SCHEMATIC_CAPTION,
    STAGE_LEGEND,
    ZOOM_START,
)
from tests.conftest import ROOT


def test_the_legend_has_a_row_per_role_then_one_for_neighbours():
    assert LEGEND_ROWS == (
        (ROLE_COLOURS["origin"], "Origin"),
        (ROLE_COLOURS["transit"], "Transit"),
        (ROLE_COLOURS["destination"], "Destination"),
        (NEIGHBOUR_COLOUR, "Neighbour (not a route country)"),
    )
    assert LEGEND_FOOTER == "Country level only"


def test_every_role_and_the_neighbours_have_colours_of_their_own():
    colours = [colour for colour, _ in LEGEND_ROWS]
    assert len(set(colours)) == len(colours)
    assert all(colour.startswith("#") and len(colour) == 7 for colour in colours)


def test_the_caption_says_the_lines_are_schematic():
    assert SCHEMATIC_CAPTION == (
        "Schematic: the lines join countries in the order a source lists them; they do not show "
        "paths, crossing points or a stated order of travel."
    )


def test_the_caption_says_country_level_and_credits_natural_earth():
    assert CAPTION.startswith("Country level only: whole countries")
    assert "No towns, rivers, paths or crossing points are shown." in CAPTION
    assert CAPTION.endswith("Boundaries: Natural Earth (public domain).")


def test_the_stage_legend_never_calls_the_order_of_steps_an_order_of_travel():
    bold, dashed, _ = STAGE_LEGEND
    assert bold == "Bold outline: this step's countries"
    assert dashed == "Dashed outline: shown in an earlier step"


def test_zoom_is_bounded_to_a_regional_view():
    assert 3 <= MIN_ZOOM <= ZOOM_START <= MAX_ZOOM <= 6


@pytest.mark.parametrize("iso3", ["PRK", "CHN", "VNM", "LAO", "MMR", "THA", "MNG", "KOR"])
def test_the_regional_view_holds_every_route_country(atlas, iso3):
    lon, lat = atlas.label_points[iso3]
    assert BOUNDS["min_lat"] < lat < BOUNDS["max_lat"] and BOUNDS["min_lon"] < lon < BOUNDS["max_lon"]
    assert BOUNDS["min_lat"] < CENTER[0] < BOUNDS["max_lat"]
    assert BOUNDS["min_lon"] < CENTER[1] < BOUNDS["max_lon"]


@pytest.mark.parametrize("module", ["route_atlas.look", "route_atlas.handout"])
def test_the_look_and_the_handout_load_without_folium(module):
    loaded = subprocess.run(
        [sys.executable, "-c", f"import sys, {module}; print('folium' in sys.modules)"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert loaded.stdout.strip() == "False"
