import copy
import dataclasses
import json
import re

import folium
import pytest
from streamlit_folium import _get_map_string

from route_atlas import CountryLevelError
from route_atlas.atlas_map import (
    LEAFLET_CSS,
    LEAFLET_JS,
    SCHEMATIC_CAPTION,
    SchematicLink,
    assert_country_level,
    build_map,
    country_for_tooltip,
    journey_layer,
    selection_layer,
    tooltip_label,
    view_of,
)


def map_script(m: folium.Map) -> str:
    """The JavaScript streamlit-folium sends to the browser for this map."""
    m.get_root().render()
    return _get_map_string(m)


def asset_urls(element) -> list[str]:
    """Every script and stylesheet URL the map asks streamlit-folium to load."""
    urls = []
    for child in [element, *element._children.values()]:
        urls += [url for _, url in getattr(child, "default_js", []) + getattr(child, "default_css", [])]
    return urls


def test_the_map_loads_only_the_apps_own_leaflet(atlas):
    assert asset_urls(build_map(atlas)) == [LEAFLET_JS, LEAFLET_CSS]


def test_no_other_host_appears_anywhere_in_the_map_html(atlas):
    html = build_map(atlas).get_root().render()
    assert not re.search(r"https?://", html)
    assert "/app/static/leaflet/leaflet.js" in html


def test_the_map_script_has_no_tiles_markers_or_popups(atlas):
    script = map_script(build_map(atlas))
    for forbidden in ("http", "tileLayer", "L.marker", "bindPopup", "L.polyline", "L.circle"):
        assert forbidden not in script


def test_the_base_map_is_identical_between_reruns(atlas):
    # streamlit-folium reloads the map iframe whenever this script changes.
    assert map_script(build_map(atlas)) == map_script(build_map(atlas))


def test_zoom_is_bounded_to_a_regional_view(atlas):
    script = map_script(build_map(atlas))
    zoom = {k: int(v) for k, v in re.findall(r'"(minZoom|maxZoom)": (\d+)', script)}
    assert zoom["minZoom"] >= 3 and zoom["maxZoom"] <= 6 and '"maxBounds"' in script


def test_only_route_countries_are_interactive(atlas):
    layers = [c for c in build_map(atlas)._children.values() if isinstance(c, folium.GeoJson)]
    neighbours, route = layers
    assert neighbours.options["interactive"] is False
    assert {f["properties"]["iso3"] for f in route.data["features"]} == set(atlas.countries)
    assert not {f["properties"]["iso3"] for f in neighbours.data["features"]} & set(atlas.countries)


@pytest.mark.parametrize("iso3", ["PRK", "CHN", "VNM", "LAO", "MMR", "THA", "MNG", "KOR"])
def test_a_tooltip_names_the_country_and_leads_back_to_it(atlas, iso3):
    label = tooltip_label(atlas.countries[iso3])
    assert atlas.countries[iso3].name in label and atlas.countries[iso3].role in label
    assert country_for_tooltip(atlas, label) == iso3


@pytest.mark.parametrize("text", [None, "", "Russia: transit country", "China"])
def test_a_tooltip_of_no_route_country_selects_nothing(atlas, text):
    assert country_for_tooltip(atlas, text) is None


@pytest.mark.parametrize("name", ["<img src=x onerror=alert(1)>", "${alert(1)}", "`); alert(1); (`"])
def test_a_country_name_with_markup_is_escaped_in_the_tooltip(atlas, name):
    countries = dict(atlas.countries)
    countries["CHN"] = countries["CHN"].model_copy(update={"name": name})
    hostile = dataclasses.replace(atlas, countries=countries)
    script = map_script(build_map(hostile))
    # The click label's names are one JSON object (a plain string literal, checked below).
    names = re.search(r"var names = (\{.*\});", script).group(1)
    assert json.loads(names)["CHN"] == name
    script = script.replace(names, "")
    assert name not in script
    assert "<img" not in script and "${" not in script and "`)" not in script
    assert country_for_tooltip(hostile, tooltip_label(countries["CHN"])) == "CHN"


def selection_script(atlas, iso3) -> str:
    group = selection_layer(atlas, iso3)
    return "".join(child._template.module.script(child) for child in group._children.values())


def test_the_selection_marks_exactly_the_chosen_country(atlas):
    assert selection_script(atlas, "LAO").strip() == 'if (window.atlasPick) { window.atlasPick("LAO"); }'


@pytest.mark.parametrize("iso3", [None, "XYZ", "RUS", "</script><script>alert(1)//"])
def test_no_selection_or_an_unknown_one_clears_the_mark(atlas, iso3):
    assert selection_script(atlas, iso3).strip() == "if (window.atlasPick) { window.atlasPick(null); }"


def test_a_click_marks_the_country_in_the_browser_before_the_server_answers(atlas):
    script = map_script(build_map(atlas))
    assert "layer.on('click', function () { window.atlasPick(feature.properties.iso3); })" in script
    assert "window.atlasPick = function (iso3)" in script
    # Names reach the page as JSON and are written as text, never as HTML.
    assert '"CHN": "China"' in script and "textContent" in script and "innerHTML = names" not in script


def test_a_country_name_with_markup_reaches_the_click_label_as_json_text(atlas):
    countries = dict(atlas.countries)
    countries["CHN"] = countries["CHN"].model_copy(update={"name": "</script><img src=x>"})
    script = map_script(build_map(dataclasses.replace(atlas, countries=countries)))
    assert "</script>" not in script and "<img" not in script


# --- the country-level guard -----------------------------------------------------------------


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


BAD_LAYERS = [
    pytest.param(lambda a: folium.Marker((42.4, 130.6)), "Marker", id="marker"),
    pytest.param(lambda a: folium.CircleMarker((42.4, 130.6)), "CircleMarker", id="circle-marker"),
    pytest.param(lambda a: folium.PolyLine([(42.4, 130.6), (41.8, 128.2)]), "PolyLine", id="line"),
    pytest.param(lambda a: folium.TileLayer("OpenStreetMap"), "TileLayer", id="tiles"),
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
    with pytest.raises(CountryLevelError):
        assert_country_level(group, atlas)


@pytest.mark.parametrize("iso3", ["CHN", "RUS", "KOR"])
def test_the_guard_accepts_a_whole_country_from_the_boundaries(atlas, iso3):
    group = folium.FeatureGroup()
    folium.GeoJson(collection(country_feature(atlas, iso3))).add_to(group)
    assert assert_country_level(group, atlas) is group


# --- journey steps ---------------------------------------------------------------------------


def test_a_journey_step_marks_its_countries_and_draws_only_schematic_links(atlas):
    group = journey_layer(atlas, ["THA"], ["PRK", "CHN", "LAO", "MNG"], [("LAO", "THA"), ("MNG", "THA")])
    kinds = [type(child).__name__ for child in group._children.values()]
    assert kinds == ["_Stage", "SchematicLink", "SchematicLink"]
    stage = next(iter(group._children.values()))
    # A step clears any country clicked on an earlier one, then marks its own.
    assert (
        stage._template.module.script(stage).split()
        == (
            "if (window.atlasPick) { window.atlasPick(null); }"
            ' if (window.atlasStage) { window.atlasStage(["THA"], ["PRK", "CHN", "LAO", "MNG"]); }'
        ).split()
    )
    for link in list(group._children.values())[1:]:
        assert len(link.locations) == 2 and link.options["interactive"] is False


def test_a_schematic_link_joins_route_countries_only(atlas):
    with pytest.raises(CountryLevelError, match="route countries only"):
        SchematicLink(atlas, "CHN", "RUS")


def test_a_schematic_link_ends_inside_both_countries(atlas):
    from route_atlas.geography import label_points

    link = SchematicLink(atlas, "VNM", "LAO")
    points = label_points(atlas.boundaries)
    assert link.locations == [[round(points[c][1], 4), round(points[c][0], 4)] for c in ("VNM", "LAO")]


def test_the_caption_says_the_lines_are_schematic():
    assert SCHEMATIC_CAPTION == (
        "Schematic: the lines join countries in the order a source lists them; they do not show "
        "paths, crossing points or a stated order of travel."
    )


def test_a_step_view_frames_its_countries_or_the_whole_region(atlas):
    (lat, lon), zoom = view_of(atlas, ["KOR"])
    assert 33 < lat < 39 and 125 < lon < 130 and zoom == 4
    assert view_of(atlas, []) == ((29.0, 108.0), 3)


def test_drawing_maps_never_changes_the_loaded_boundaries(atlas):
    # The geometry is shared with folium rather than copied on every rerun: it must stay read-only.
    import streamlit_folium

    before = json.dumps(atlas.boundaries, sort_keys=True)
    m = build_map(atlas)
    group = journey_layer(atlas, ["THA"], ["PRK"], [("LAO", "THA")])
    streamlit_folium._get_feature_group_string(group, m)
    map_script(m)
    assert json.dumps(atlas.boundaries, sort_keys=True) == before
