import copy
import re

import folium
import pytest

from route_atlas import CountryLevelError
from route_atlas.atlas_map import build_map
from route_atlas.country_level import ALLOWED, SchematicLink, assert_country_level
from route_atlas.geography import label_points
from route_atlas.map_scripts import SCRIPT_ELEMENTS, Legend, MarkSelection


def country_feature(atlas, iso3):
    (feature,) = [f for f in atlas.boundaries["features"] if f["properties"]["iso3"] == iso3]
    return copy.deepcopy(feature)


def clipped_china(atlas):
    feature = country_feature(atlas, "CHN")
    feature["geometry"]["coordinates"] = feature["geometry"]["coordinates"][:1]
    feature["geometry"]["coordinates"][0][0] = feature["geometry"]["coordinates"][0][0][:20] + [
        feature["geometry"]["coordinates"][0][0][0]
    ]
    return feature


def collection(*features):
    return {"type": "FeatureCollection", "features": list(features)}


def bent_link(atlas):
    """A schematic link with a bend in it, at the Tumen River: a path, not a schematic link."""
    link = SchematicLink(atlas, "PRK", "CHN")
    link.locations = [link.locations[0], [42.4, 130.6], link.locations[1]]
    return link


def moved_link(atlas):
    link = SchematicLink(atlas, "PRK", "CHN")
    link.locations = [[42.4, 130.6], link.locations[1]]
    return link


def link_with_tooltip(atlas):
    link = SchematicLink(atlas, "LAO", "THA")
    folium.Tooltip("crossing here").add_to(link)
    return link


class LegendWithAMarker(Legend):
    """An allowed script type, subclassed: the guard allows exact types only."""


BAD_LAYERS = [
    pytest.param(lambda a: folium.Marker((42.4, 130.6)), "Marker", id="marker"),
    pytest.param(lambda a: folium.CircleMarker((42.4, 130.6)), "CircleMarker", id="circle-marker"),
    pytest.param(lambda a: folium.PolyLine([(42.4, 130.6), (41.8, 128.2)]), "PolyLine", id="line"),
    pytest.param(lambda a: folium.TileLayer("OpenStreetMap"), "TileLayer", id="tiles"),
    pytest.param(lambda a: folium.Popup("Tumen River"), "Popup", id="popup"),
    pytest.param(lambda a: LegendWithAMarker([], ""), "LegendWithAMarker", id="a-subclass-of-a-script"),
    pytest.param(
        lambda a: folium.GeoJson(
            collection(
                {
                    "type": "Feature",
                    "properties": {"iso3": "CHN", "name": "Tumen River"},
                    "geometry": {"type": "Point", "coordinates": [130.6, 42.4]},
                }
            )
        ),
        "whole polygon of CHN",
        id="a-point-dressed-as-a-country",
    ),
    pytest.param(
        lambda a: folium.GeoJson(collection(clipped_china(a))), "whole polygon of CHN", id="clipped"
    ),
    pytest.param(
        lambda a: folium.GeoJson({"type": "Point", "coordinates": [130.6, 42.4]}), "'Point'", id="bare-point"
    ),
    pytest.param(
        lambda a: folium.GeoJson(
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "LineString", "coordinates": [[130.6, 42.4], [128.2, 41.8]]},
            }
        ),
        "'Feature'",
        id="a-single-line-feature",
    ),
    pytest.param(
        lambda a: folium.GeoJson(
            {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [130.6, 42.4]}]}
        ),
        "'GeometryCollection'",
        id="geometry-collection",
    ),
    pytest.param(
        lambda a: folium.GeoJson(country_feature(a, "CHN")), "'Feature'", id="a-whole-country-unwrapped"
    ),
    pytest.param(
        lambda a: folium.GeoJson(
            collection(dict(country_feature(a, "CHN"), properties={"iso3": "XYZ", "name": "Nowhere"}))
        ),
        "iso3 'XYZ'",
        id="unknown-country",
    ),
    pytest.param(lambda a: bent_link(a), "straight between two countries' label points", id="bent-link"),
    pytest.param(lambda a: moved_link(a), "straight between two countries' label points", id="moved-link"),
    pytest.param(lambda a: link_with_tooltip(a), "carries no popup", id="link-with-tooltip"),
]


@pytest.mark.parametrize("make_layer, message", BAD_LAYERS)
def test_the_guard_refuses_anything_but_whole_countries(atlas, make_layer, message):
    m = build_map(atlas)
    make_layer(atlas).add_to(m)
    with pytest.raises(CountryLevelError, match=re.escape(message)):
        assert_country_level(m, atlas)


@pytest.mark.parametrize("make_layer, message", BAD_LAYERS)
def test_the_guard_checks_inside_feature_groups_too(atlas, make_layer, message):
    group = folium.FeatureGroup()
    make_layer(atlas).add_to(group)
    with pytest.raises(CountryLevelError, match=re.escape(message)):
        assert_country_level(group, atlas)


@pytest.mark.parametrize("iso3", ["CHN", "RUS", "KOR"])
def test_the_guard_accepts_a_whole_country_from_the_boundaries(atlas, iso3):
    group = folium.FeatureGroup()
    folium.GeoJson(collection(country_feature(atlas, iso3))).add_to(group)
    assert assert_country_level(group, atlas) is group


def test_the_guard_accepts_the_atlas_own_scripts_and_a_schematic_link(atlas):
    group = folium.FeatureGroup()
    MarkSelection("CHN").add_to(group)
    SchematicLink(atlas, "LAO", "THA").add_to(group)
    assert assert_country_level(group, atlas) is group


def test_the_only_elements_allowed_are_countries_groups_and_the_atlas_own_scripts():
    assert set(ALLOWED) == {folium.Map, folium.FeatureGroup, folium.GeoJson, *SCRIPT_ELEMENTS}


def test_a_guarded_map_reports_what_it_expected_and_what_it_got(atlas):
    m = build_map(atlas)
    folium.Marker((42.4, 130.6)).add_to(m)
    with pytest.raises(CountryLevelError) as error:
        assert_country_level(m, atlas)
    assert str(error.value) == (
        "expected only whole-country polygons, got Marker: the map shows no points, lines, tiles or popups"
    )


# --- schematic links -------------------------------------------------------------------------


@pytest.mark.parametrize("start, end", [("CHN", "RUS"), ("JPN", "KOR"), ("CHN", "XYZ")])
def test_a_schematic_link_joins_route_countries_only(atlas, start, end):
    with pytest.raises(CountryLevelError, match="route countries only"):
        SchematicLink(atlas, start, end)


def test_a_schematic_link_ends_inside_both_countries(atlas):
    link = SchematicLink(atlas, "VNM", "LAO")
    points = label_points(atlas.boundaries)
    assert link.locations == [[round(points[c][1], 4), round(points[c][0], 4)] for c in ("VNM", "LAO")]


def test_a_schematic_link_is_dashed_named_and_not_clickable(atlas):
    link = SchematicLink(atlas, "VNM", "LAO")
    assert link.options["interactive"] is False and link.options["className"] == "atlas-link"
    assert link.options["dashArray"] == "10 8"
