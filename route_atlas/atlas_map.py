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
    HOVER_STYLE,
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
    Legend,
    MarkSelection,
    MarkStep,
    SelectionMarker,
    StepMarker,
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

# What the Explore page asks st_folium to return, and `clicked_country` reads. streamlit-folium
# puts the clicked feature, as GeoJSON, in "last_active_drawing"; the count changes on every
# click, so a second click on the same country still reaches the server.
CLICK_RETURNS = ("last_active_drawing", "last_object_clicked_count")

_STYLE = (
    f".leaflet-container {{ background: {SEA_COLOUR}; }}"
    # No focus box around a tapped country: the bold outline of the pick already marks it.
    " path.leaflet-interactive:focus { outline: none; }"
    # CSS wins over the stroke attributes Leaflet writes, including the hover highlight's.
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
    " .atlas-picked-name { background: #fff; color: #111; padding: 4px 10px; border-radius: 4px;"
    " font: bold 16px/1.4 sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.3); }"
)


def build_map(
    content: Content, *, leaflet: LeafletAssets = STREAMLIT_LEAFLET, clicker_keys: bool = False
) -> folium.Map:
    """The base map. It depends on its arguments only, so it is identical on every rerun.

    streamlit-folium re-creates the map's iframe whenever this map's JavaScript changes; the
    selection and journey steps are therefore drawn by `selection_layer` and `journey_layer`,
    which update in place. `clicker_keys` hands a presentation clicker's keys from the map on to
    the page, for the Journey's buttons.
    """
    m = folium.Map(
        location=CENTER,
        zoom_start=ZOOM_START,
        min_zoom=MIN_ZOOM,
        max_zoom=MAX_ZOOM,
        max_bounds=True,
        tiles=None,
        attribution_control=False,
        **BOUNDS,
    )
    # folium hands min_zoom and max_zoom to the tile layer; with no tiles they must go on the map.
    # Leaflet's own arrow keys are off: on the Journey they belong to the clicker.
    m.options.update(min_zoom=MIN_ZOOM, max_zoom=MAX_ZOOM, max_bounds_viscosity=1.0, keyboard=False)
    m.default_js = [("leaflet", leaflet.js)]
    m.default_css = [("leaflet_css", leaflet.css)]
    m.get_root().header.add_child(Element(f"<style>{_STYLE}</style>"), name="style")

    route = set(content.countries)
    neighbours = [f for f in content.boundaries["features"] if f["properties"]["iso3"] not in route]
    folium.GeoJson(
        _collection(neighbours),
        name="neighbours",
        style_function=lambda _: dict(NEIGHBOUR_STYLE),
        interactive=False,
    ).add_to(m)

    features = []
    for feature in _features_of(content, route):
        country = content.countries[feature["properties"]["iso3"]]
        # Plain text: route_country.js writes the tooltip with textContent.
        feature["properties"].update(role=country.role, tooltip=tooltip_label(country.name, country.role))
        features.append(feature)
    folium.GeoJson(
        _collection(features),
        name="route countries",
        style_function=lambda f: {"fillColor": ROLE_COLOURS[f["properties"]["role"]], **ROUTE_STYLE},
        highlight_function=lambda _: dict(HOVER_STYLE),
        on_each_feature=folium.JsCode(ROUTE_COUNTRY_JS),
    ).add_to(m)
    Legend(LEGEND_ROWS, LEGEND_FOOTER).add_to(m)
    SelectionMarker({c.iso3: c.name for c in content.countries.values()}).add_to(m)
    StepMarker(STAGE_LEGEND).add_to(m)
    if clicker_keys:
        ClickerKeyForwarder().add_to(m)
    return assert_country_level(m, content)


def clicked_country(content: Content, value: Mapping[str, Any] | None) -> str | None:
    """The ISO3 code of the route country a click on the map chose, or None.

    `value` is what `st_folium(..., returned_objects=CLICK_RETURNS)` returns, e.g.
    {"last_active_drawing": {"type": "Feature", "properties": {"iso3": "CHN", ...},
    "geometry": {...}}, "last_object_clicked_count": 2}; before any click the feature is None.
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
            yield {
                "type": "Feature",
                "id": iso3,
                "properties": dict(feature["properties"]),
                "geometry": feature["geometry"],
            }


def _collection(features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": features}
