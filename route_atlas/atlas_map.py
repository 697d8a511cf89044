"""The folium map: whole countries coloured by role, with Leaflet from wherever the caller serves it.

The look (colours, view, captions) is `look`'s, the guard every map passes is `country_level`'s,
and the browser scripts are `map_scripts`' (route_atlas/js/). This module puts them together.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import folium
from branca.element import Element

from .country_level import SchematicLink, assert_country_level
from .look import (
    BOUNDS,
    CENTER,
    LABEL_SIDES,
    LEGEND_FOOTER,
    LEGEND_ROWS,
    MAX_ZOOM,
    MIN_ZOOM,
    NEIGHBOUR_STYLE,
    ROLE_COLOURS,
    ROUTE_STYLE,
    SEA_COLOUR,
    SELECTED_OUTLINE,
    STAGE_LEGEND,
    ZOOM_START,
)
from .map_scripts import (
    ROUTE_COUNTRY_JS,
    ClickerKeyForwarder,
    CountryNames,
    Legend,
    MarkSelection,
    MarkStep,
    SelectionMarker,
    StepMarker,
    TouchMap,
)
from .words import tooltip_label

if TYPE_CHECKING:
    from .content import Content

__all__ = [
    "CLICK_RETURNS",
    "STREAMLIT_LEAFLET",
    "LeafletAssets",
    "SchematicLink",
    "assert_country_level",
    "build_map",
    "clicked_country",
    "map_click",
    "journey_layer",
    "selection_layer",
    "view_of",
]


@dataclass(frozen=True)
class LeafletAssets:
    """Where the map's page loads Leaflet from: a script URL and a stylesheet URL.

    Any URL the page can load; a `data:` URL puts the file inside the page (an offline export).
    """

    js: str
    css: str


# Streamlit serves static/ at /app/static/ (server.enableStaticServing in .streamlit/config.toml).
STREAMLIT_LEAFLET = LeafletAssets(js="/app/static/leaflet/leaflet.js", css="/app/static/leaflet/leaflet.css")

# What the Explore page asks st_folium to return, and `map_click` reads. streamlit-folium puts
# the clicked feature, as GeoJSON, in "last_active_drawing"; the count changes on every click on a
# country, so a second click on the same one still reaches the server; "last_clicked" changes on
# every click, on a country or not, so a tap on the sea is seen too.
CLICK_RETURNS = ("last_active_drawing", "last_object_clicked_count", "last_clicked")

_STYLE = (
    f".leaflet-container {{ background: {SEA_COLOUR}; }}"
    # No focus box around a tapped country: the bold outline of the pick already marks it.
    " path.leaflet-interactive:focus { outline: none; }"
    # Hover outlines only where there is a hover (CSS, not folium's highlight_function): on a touch
    # screen the last tapped country would keep it, as no mouse ever leaves, and three taps would
    # look like three countries picked. CSS also wins over the stroke attributes Leaflet writes.
    " @media (hover: hover) { path.atlas-country:hover {"
    f" stroke: {SELECTED_OUTLINE}; stroke-width: 3px; }} }}"
    f" path.atlas-picked {{ stroke: {SELECTED_OUTLINE}; stroke-width: 4px; }}"
    # A journey step: its countries bold, those of earlier steps dashed, the rest faded.
    " .atlas-staged path.atlas-country { fill-opacity: 0.3; }"
    " .atlas-staged path.atlas-visited { fill-opacity: 0.6; stroke: #333; stroke-width: 2px;"
    " stroke-dasharray: 5 4; }"
    f" .atlas-staged path.atlas-current {{ fill-opacity: 1; stroke: {SELECTED_OUTLINE}; stroke-width: 3px; }}"
    " .atlas-legend { background: #fff; padding: 6px 10px; border-radius: 4px;"
    " font: 14px/1.5 sans-serif; color: #111; box-shadow: 0 1px 4px rgba(0,0,0,.3); }"
    " .atlas-legend-swatch { display: inline-block; width: 14px; height: 14px; margin-right: 6px;"
    " vertical-align: -2px; }"
    " .atlas-legend-footer { font-size: 12px; color: #333; }"
    " .atlas-stage-swatch { display: inline-block; width: 10px; height: 10px; margin-right: 6px;"
    " vertical-align: -1px; border: 2px solid #111; }"
    # The schematic line's own swatch: a short stretch of the line, as it is drawn on the map.
    " .atlas-link-swatch { display: inline-block; width: 22px; margin-right: 6px; vertical-align: 3px;"
    " border-top: 3px dashed #111; }"
    # A country's name: dark type with a white halo over any colour, centred on its label point in
    # a box of at least 44×44 px, the smallest comfortable tap target. The box holding it has no
    # size, so nothing needs measuring to place it (js/country_names.js).
    " .leaflet-atlasNames-pane { z-index: 650; pointer-events: none; }"
    " .atlas-name-tip { position: absolute; left: 0; top: 0; width: 0; height: 0; overflow: visible; }"
    " .atlas-name { position: absolute; left: 0; top: 0; transform: translate(-50%, -50%);"
    " min-width: 44px; min-height: 44px; display: inline-flex; align-items: center;"
    " justify-content: center; font: bold 14px/1.1 sans-serif; color: #111; white-space: nowrap;"
    " cursor: pointer; pointer-events: auto; text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff; }"
    " .atlas-name-right { transform: translate(0, -50%); justify-content: flex-start; padding-left: 4px; }"
    " .atlas-name-left { transform: translate(-100%, -50%); justify-content: flex-end; padding-right: 4px; }"
    " .atlas-name-below { transform: translate(-50%, 0); align-items: flex-start; padding-top: 4px; }"
    " .atlas-large .atlas-name { font-size: 20px; }"
    " .atlas-picked-name { background: #fff; color: #111; padding: 4px 10px; border-radius: 4px;"
    " font: bold 16px/1.4 sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.3); }"
)


def build_map(
    content: Content,
    *,
    leaflet: LeafletAssets | None = STREAMLIT_LEAFLET,
    clicker_keys: bool = False,
    large: bool = False,
    zoom_buttons: bool = True,
) -> folium.Map:
    """The base map. It depends on its arguments only, so it is identical on every rerun.

    streamlit-folium re-creates the map's iframe whenever this map's JavaScript changes; the
    selection and journey steps are therefore drawn by `selection_layer` and `journey_layer`,
    which update in place. `clicker_keys` hands a presentation clicker's keys from the map on to
    the page, for the Journey's buttons; `large` sets names and legend in projector type;
    `zoom_buttons` False leaves out the +/− buttons (a kiosk, where nobody can press them).
    """
    m = folium.Map(
        location=CENTER,
        zoom_start=ZOOM_START,
        min_zoom=MIN_ZOOM,
        max_zoom=MAX_ZOOM,
        max_bounds=True,
        tiles=None,
        attribution_control=False,
        zoom_control=zoom_buttons,
        **BOUNDS,
    )
    # folium hands min_zoom and max_zoom to the tile layer; with no tiles they must go on the map.
    # Leaflet's own arrow keys are off: on the Journey they belong to the clicker.
    m.options.update(min_zoom=MIN_ZOOM, max_zoom=MAX_ZOOM, max_bounds_viscosity=1.0, keyboard=False)
    # None: the page holds Leaflet itself, inline (the offline atlas, route_atlas.offline_atlas).
    m.default_js = [("leaflet", leaflet.js)] if leaflet else []
    m.default_css = [("leaflet_css", leaflet.css)] if leaflet else []
    m.get_root().header.add_child(Element(f"<style>{_STYLE}</style>"), name="style")

    route = set(content.countries)
    others = {f["properties"]["iso3"] for f in content.boundaries["features"]} - route
    folium.GeoJson(
        _collection(list(_features_of(content, others))),
        name="neighbours",
        style_function=lambda _: dict(NEIGHBOUR_STYLE),
        interactive=False,
    ).add_to(m)

    features = []
    for feature in _features_of(content, route):
        # Codes only: a content text here would pass through folium's own |tojson (CountryNames).
        feature["properties"].update(role=content.countries[feature["properties"]["iso3"]].role)
        features.append(feature)
    folium.GeoJson(
        _collection(features),
        name="route countries",
        style_function=lambda f: {"fillColor": ROLE_COLOURS[f["properties"]["role"]], **ROUTE_STYLE},
        on_each_feature=folium.JsCode(ROUTE_COUNTRY_JS),
    ).add_to(m)
    Legend(LEGEND_ROWS, LEGEND_FOOTER, large).add_to(m)
    points = content.label_points
    CountryNames(
        (c.iso3, c.name, points[c.iso3], LABEL_SIDES.get(c.iso3, "center"), tooltip_label(c.name, c.role))
        for c in content.countries.values()
        if c.iso3 in points
    ).add_to(m)
    TouchMap().add_to(m)
    SelectionMarker({c.iso3: c.name for c in content.countries.values()}).add_to(m)
    StepMarker(STAGE_LEGEND).add_to(m)
    if clicker_keys:
        ClickerKeyForwarder().add_to(m)
    return assert_country_level(m, content)


def map_click(
    content: Content, value: Mapping[str, Any] | None, before: Mapping[str, Any] | None
) -> str | None:
    """What the latest click on the map asked for: a route country's ISO3 code, "" for a click off
    the route countries (the sea, a neighbour), or None when nothing new was clicked.

    `value` and `before` are what `st_folium(..., returned_objects=CLICK_RETURNS)` returned now and
    last time, e.g. {"last_active_drawing": {"type": "Feature", "properties": {"iso3": "CHN", ...},
    "geometry": {...}}, "last_object_clicked_count": 2, "last_clicked": {"lat": 35, "lng": 104}}.
    """
    value, before = value or {}, before or {}
    count = value.get("last_object_clicked_count")
    if count and count != before.get("last_object_clicked_count"):
        return clicked_country(content, value)
    if value.get("last_clicked") and value.get("last_clicked") != before.get("last_clicked"):
        return ""
    return None


def clicked_country(content: Content, value: Mapping[str, Any] | None) -> str | None:
    """The ISO3 code of the route country the last click on a country chose, or None.

    `value` is what `st_folium(..., returned_objects=CLICK_RETURNS)` returns (see `map_click`);
    before any click the feature is None.
    """
    feature = (value or {}).get("last_active_drawing")
    properties = feature.get("properties") if isinstance(feature, Mapping) else None
    iso3 = properties.get("iso3") if isinstance(properties, Mapping) else None
    return iso3 if isinstance(iso3, str) and iso3 in content.countries else None


def selection_layer(content: Content, iso3: str | None) -> folium.FeatureGroup:
    """The server's word on the selection: marks the selected country (or none) in the map.

    streamlit-folium runs this layer's script in the map's page whenever it changes, without
    reloading the map, so a country chosen from the list or a link is marked as a click marks it.
    """
    group = folium.FeatureGroup(name="selection")
    MarkSelection(iso3 if iso3 in content.countries else None).add_to(group)
    return assert_country_level(group, content)


def journey_layer(
    content: Content, countries: Iterable[str], visited: Iterable[str], links: Iterable[tuple[str, str]]
) -> folium.FeatureGroup:
    """One journey step drawn over the base map, without reloading it: the step's countries in
    bold, those of earlier steps dashed, and schematic links between countries' label points.

    `links` are (from ISO3, to ISO3) pairs; the journey's checks allow only those a source lists.
    """
    group = folium.FeatureGroup(name="journey step")
    MarkStep(countries, visited).add_to(group)
    for start, end in links:
        SchematicLink(content, start, end).add_to(group)
    return assert_country_level(group, content)


def view_of(content: Content, countries: Iterable[str]) -> tuple[tuple[float, float], int]:
    """The map's centre (lat, lon) and zoom for a step: its countries, or the whole region."""
    points = content.label_points
    chosen = [points[code] for code in countries if code in points]
    if not chosen:
        return CENTER, ZOOM_START
    lons, lats = [lon for lon, _ in chosen], [lat for _, lat in chosen]
    centre = ((min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2)
    spread = max(max(lats) - min(lats), max(lons) - min(lons))
    return centre, (ZOOM_START + 1 if spread < 12 else ZOOM_START)


def _features_of(content: Content, codes: set[str]):
    for feature in content.boundaries["features"]:
        iso3 = feature["properties"]["iso3"]
        if iso3 in codes:
            # New feature and properties dicts; the geometry is shared, as folium only reads it.
            # The code alone of the file's properties: folium writes them with its own |tojson,
            # whose output branca reads as Jinja again (see map_scripts.inert_json).
            yield {
                "type": "Feature",
                "id": iso3,
                "properties": {"iso3": iso3},
                "geometry": feature["geometry"],
            }


def _collection(features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": features}
