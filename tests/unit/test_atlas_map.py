import dataclasses
import json
import re

import folium
import pytest

from route_atlas.atlas_map import (
    CLICK_RETURNS,
    STREAMLIT_LEAFLET,
    LeafletAssets,
    build_map,
    clicked_country,
    journey_layer,
    map_click,
    selection_layer,
    view_of,
)
from route_atlas.country_level import SchematicLink
from route_atlas.map_scripts import (
    ClickerKeyForwarder,
    CountryNames,
    Legend,
    MarkSelection,
    MarkStep,
    inert_json,
)
from route_atlas.words import tooltip_label

# What st_folium(..., returned_objects=CLICK_RETURNS) returned for a real click on Laos
# (tests/browser/test_map_click.py clicks it), with the polygon's coordinates cut short.
# The count rises by two a click: the country's path and its GeoJSON layer both report it.
LAOS_CLICKED = {
    "last_active_drawing": {
        "type": "Feature",
        "id": "LAO",
        "properties": {"iso3": "LAO", "name": "Laos", "role": "transit", "tooltip": "Laos: transit country"},
        "geometry": {
            "type": "MultiPolygon",
            "coordinates": [[[[107.38, 14.2], [106.5, 14.57], [107.38, 14.2]]]],
        },
    },
    "last_object_clicked_count": 6,
}
# Before any click, st_folium returns its defaults for the asked-for keys.
NOT_CLICKED = {"last_active_drawing": None, "last_object_clicked_count": None}


def rendered(m: folium.Map) -> str:
    return m.get_root().render()


def without_ids(html: str) -> str:
    """The page with folium's random element ids taken out (as streamlit-folium's hash does)."""
    return re.sub(r"_[0-9a-f]{32}", "", html)


def asset_urls(element) -> list[str]:
    """Every script and stylesheet URL the map asks streamlit-folium to load."""
    urls = []
    for child in [element, *element._children.values()]:
        urls += [url for _, url in getattr(child, "default_js", []) + getattr(child, "default_css", [])]
    return urls


def route_layer(m: folium.Map) -> folium.GeoJson:
    (layer,) = [
        c for c in m._children.values() if isinstance(c, folium.GeoJson) and c.layer_name == "route countries"
    ]
    return layer


def with_name(atlas, iso3, name):
    countries = dict(atlas.countries)
    countries[iso3] = countries[iso3].model_copy(update={"name": name})
    return dataclasses.replace(atlas, countries=countries)


# --- where Leaflet comes from, and nothing else -----------------------------------------------


def test_the_map_loads_only_the_apps_own_leaflet(atlas):
    assert asset_urls(build_map(atlas)) == [
        "/app/static/leaflet/leaflet.js",
        "/app/static/leaflet/leaflet.css",
    ]
    assert STREAMLIT_LEAFLET == LeafletAssets(
        js="/app/static/leaflet/leaflet.js", css="/app/static/leaflet/leaflet.css"
    )


def test_an_export_can_put_leaflet_inside_the_page(atlas):
    inline = LeafletAssets(js="data:text/javascript;base64,Ly8gTA==", css="data:text/css;base64,LyogTCAqLw==")
    html = rendered(build_map(atlas, leaflet=inline))
    assert asset_urls(build_map(atlas, leaflet=inline)) == [inline.js, inline.css]
    assert f'src="{inline.js}"' in html and f'href="{inline.css}"' in html
    assert "/app/static/" not in html


def test_no_other_host_appears_anywhere_in_the_map_html(atlas):
    html = rendered(build_map(atlas, clicker_keys=True))
    assert not re.search(r"https?://", html)
    assert '<script src="/app/static/leaflet/leaflet.js">' in html


def test_the_map_has_no_tiles_markers_or_popups(atlas):
    html = rendered(build_map(atlas, clicker_keys=True))
    for forbidden in ("tileLayer", "L.marker", "bindPopup", "L.polyline", "L.circle"):
        assert forbidden not in html


def test_the_base_map_is_identical_between_reruns(atlas):
    # streamlit-folium reloads the map iframe whenever the map's script changes.
    assert without_ids(rendered(build_map(atlas))) == without_ids(rendered(build_map(atlas)))


def test_zoom_is_bounded_to_a_regional_view(atlas):
    html = rendered(build_map(atlas))
    zoom = {k: int(v) for k, v in re.findall(r'"(minZoom|maxZoom)": (\d+)', html)}
    assert zoom == {"minZoom": 3, "maxZoom": 6} and '"maxBounds"' in html and '"keyboard": false' in html


# --- the countries ---------------------------------------------------------------------------


def test_only_route_countries_are_interactive(atlas):
    layers = [c for c in build_map(atlas)._children.values() if isinstance(c, folium.GeoJson)]
    neighbours, route = layers
    assert neighbours.options["interactive"] is False
    assert {f["properties"]["iso3"] for f in route.data["features"]} == set(atlas.countries)
    assert not {f["properties"]["iso3"] for f in neighbours.data["features"]} & set(atlas.countries)


@pytest.mark.parametrize("iso3", ["PRK", "CHN", "VNM", "LAO", "MMR", "THA", "MNG", "KOR"])
def test_a_tooltip_names_the_country_and_its_role_in_plain_text(atlas, iso3):
    country = atlas.countries[iso3]
    (names,) = [c for c in build_map(atlas)._children.values() if type(c) is CountryNames]
    (tooltip,) = [label[5] for label in names.args[0] if label[0] == iso3]
    assert tooltip == tooltip_label(country.name, country.role) == f"{country.name}: {country.role} country"
    (feature,) = [f for f in route_layer(build_map(atlas)).data["features"] if f["id"] == iso3]
    assert set(feature["properties"]) == {"iso3", "role"}, "no content text in the GeoJSON"


@pytest.mark.parametrize("name", ["Laos {# a", "Laos {{ 7*7 }}", "Laos {% raw %}", "\\href{#}{x}"])
def test_jinja_syntax_in_a_name_is_text_not_a_template(atlas, name):
    """branca compiles each element's rendered script as a Jinja template again."""
    html = rendered(build_map(with_name(atlas, "LAO", name)))
    assert "{#" not in html and "{{" not in html and "{%" not in html
    assert inert_json(name) in html  # the name, as text, in the labels: "{{ 7*7 }}" stays that


@pytest.mark.parametrize(
    "name", ["<img src=x onerror=alert(1)>", "</script><img src=x>", "Trinidad & Tobago"]
)
def test_a_country_name_with_markup_reaches_the_page_only_as_json_text(atlas, name):
    html = rendered(build_map(with_name(atlas, "CHN", name)))
    assert name not in html and "<img" not in html and "</script><img" not in html
    (names,) = [
        c for c in build_map(with_name(atlas, "CHN", name))._children.values() if type(c) is CountryNames
    ]
    assert [label[5] for label in names.args[0] if label[0] == "CHN"] == [f"{name}: transit country"]


def test_the_map_draws_the_legend_the_selection_and_the_steps(atlas):
    html = rendered(build_map(atlas))
    for made_by in ('"atlas-legend"', "window.atlasPick = function", "window.atlasStage = function"):
        assert made_by in html
    assert '"CHN": "China"' in html


def test_only_the_journey_map_hands_clicker_keys_to_the_page(atlas):
    def forwarders(m):
        return [c for c in m._children.values() if type(c) is ClickerKeyForwarder]

    assert forwarders(build_map(atlas)) == []
    assert len(forwarders(build_map(atlas, clicker_keys=True))) == 1
    assert "KeyboardEvent" not in rendered(build_map(atlas))
    assert "KeyboardEvent" in rendered(build_map(atlas, clicker_keys=True))


# --- a click ---------------------------------------------------------------------------------


def test_the_explore_page_asks_for_the_clicked_feature_the_click_count_and_any_click():
    assert CLICK_RETURNS == ("last_active_drawing", "last_object_clicked_count", "last_clicked")


SEA = {"lat": 20.0, "lng": 120.0}


def test_a_new_click_on_a_country_picks_it_and_a_new_click_off_the_countries_clears(atlas):
    laos = {**LAOS_CLICKED, "last_clicked": {"lat": 19.0, "lng": 102.0}}
    assert map_click(atlas, laos, None) == "LAO"
    assert map_click(atlas, laos, NOT_CLICKED) == "LAO"
    # The sea: the country count stays, the click's place moves.
    assert map_click(atlas, {**laos, "last_clicked": SEA}, laos) == ""
    # Nothing new (a rerun, a pan): no change either way.
    assert map_click(atlas, laos, laos) is None
    assert map_click(atlas, NOT_CLICKED, None) is None
    assert map_click(atlas, None, None) is None


# --- names and touch ---------------------------------------------------------------------------


def test_every_route_country_is_named_at_its_label_point_and_no_neighbour_is(atlas):
    (names,) = [c for c in build_map(atlas)._children.values() if type(c) is CountryNames]
    (labels,) = names.args
    points = atlas.label_points
    assert [label[0] for label in labels] == list(atlas.countries)
    for iso3, name, lat, lon, side, _ in labels:
        assert name == atlas.countries[iso3].name
        assert (lon, lat) == points[iso3]
        assert side in {"center", "right", "left", "below"}


def test_hover_outlines_only_where_there_is_a_hover_and_touch_scrolls_the_page(atlas):
    html = rendered(build_map(atlas))
    assert "@media (hover: hover) { path.atlas-country:hover" in html
    assert "highlightFeature" not in html  # folium's hover handlers, which stick on a touch screen
    assert 'matchMedia("(hover: none)").matches) map.dragging.disable()' in html


def test_projector_type_is_asked_for_by_the_map_not_guessed(atlas):
    def legend_args(m):
        (legend,) = [c for c in m._children.values() if type(c) is Legend]
        return legend.args

    assert legend_args(build_map(atlas))[2] is False
    assert legend_args(build_map(atlas, large=True))[2] is True


def test_a_click_selects_the_country_by_its_code(atlas):
    assert clicked_country(atlas, LAOS_CLICKED) == "LAO"


def test_a_click_is_read_by_code_whatever_the_tooltip_says(atlas):
    feature = LAOS_CLICKED["last_active_drawing"]
    renamed = {
        **feature,
        "properties": {**feature["properties"], "tooltip": "Lao PDR & co: <b>pays de transit</b>"},
    }
    assert clicked_country(atlas, {**LAOS_CLICKED, "last_active_drawing": renamed}) == "LAO"


def feature_with(properties):
    return {
        "last_active_drawing": {"type": "Feature", "properties": properties},
        "last_object_clicked_count": 2,
    }


@pytest.mark.parametrize(
    "value",
    [
        None,
        {},
        NOT_CLICKED,
        feature_with({"iso3": "RUS", "name": "Russia"}),
        feature_with({"iso3": "lao"}),
        feature_with({"iso3": ["LAO"]}),
        feature_with({}),
        feature_with(None),
        {"last_active_drawing": "LAO"},
        {"last_object_clicked_tooltip": "Laos: transit country", "last_object_clicked_count": 2},
    ],
    ids=[
        "none",
        "empty",
        "before-any-click",
        "not-a-route-country",
        "lower-case",
        "not-a-string",
        "no-code",
        "no-properties",
        "not-a-feature",
        "only-a-tooltip",
    ],
)
def test_anything_but_a_route_countrys_feature_selects_nothing(atlas, value):
    assert clicked_country(atlas, value) is None


# --- the selection and journey layers --------------------------------------------------------


def layer_html(atlas, group: folium.FeatureGroup) -> str:
    m = build_map(atlas)
    group.add_to(m)
    return rendered(m)


def test_the_selection_marks_exactly_the_chosen_country(atlas):
    group = selection_layer(atlas, "LAO")
    assert [type(c) for c in group._children.values()] == [MarkSelection]
    assert 'if (window.atlasPick) { window.atlasPick("LAO"); }' in layer_html(atlas, group)


@pytest.mark.parametrize("iso3", [None, "XYZ", "RUS", "</script><script>alert(1)//"])
def test_no_selection_or_an_unknown_one_clears_the_mark(atlas, iso3):
    html = layer_html(atlas, selection_layer(atlas, iso3))
    assert "if (window.atlasPick) { window.atlasPick(null); }" in html
    assert "</script><script>alert" not in html


def test_a_journey_step_marks_its_countries_and_draws_only_schematic_links(atlas):
    group = journey_layer(atlas, ["THA"], ["PRK", "CHN", "LAO", "MNG"], [("LAO", "THA"), ("MNG", "THA")])
    children = list(group._children.values())
    assert [type(c) for c in children] == [MarkStep, SchematicLink, SchematicLink]
    html = " ".join(layer_html(atlas, group).split())
    # A step clears any country clicked on an earlier one, then marks its own.
    assert (
        "if (window.atlasPick) { window.atlasPick(null); }"
        ' if (window.atlasStage) { window.atlasStage(["THA"], ["PRK", "CHN", "LAO", "MNG"]); }'
    ) in html
    for link in children[1:]:
        assert len(link.locations) == 2 and link.options["interactive"] is False


def test_a_step_view_frames_its_countries_or_the_whole_region(atlas):
    (lat, lon), zoom = view_of(atlas, ["KOR"])
    assert 33 < lat < 39 and 125 < lon < 130 and zoom == 4
    assert view_of(atlas, []) == ((29.0, 108.0), 3)


def test_drawing_maps_never_changes_the_loaded_boundaries(atlas):
    # The geometry is shared with folium rather than copied on every rerun: it must stay read-only.
    before = json.dumps(atlas.boundaries, sort_keys=True)
    m = build_map(atlas)
    journey_layer(atlas, ["THA"], ["PRK"], [("LAO", "THA")]).add_to(m)
    selection_layer(atlas, "CHN").add_to(m)
    rendered(m)
    assert json.dumps(atlas.boundaries, sort_keys=True) == before


def test_a_kiosk_map_has_no_zoom_buttons_nobody_could_press(atlas):
    assert '"zoomControl": true' in rendered(build_map(atlas))
    assert '"zoomControl": false' in rendered(build_map(atlas, zoom_buttons=False))
