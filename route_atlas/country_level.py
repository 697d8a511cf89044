"""The country-level guard: the map shows whole countries and nothing finer, or it is not drawn.

This is the atlas's central safety promise (see "Map rules" in the brief). `assert_country_level`
checks every element before it reaches a reader: whole-country polygons from the boundaries file,
the atlas's own scripts, and `SchematicLink`, the one kind of line allowed, defined here beside
its check. Markers, popups, tiles and any other line are refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import folium

from .errors import CountryLevelError
from .look import LINK_STYLE
from .map_scripts import SCRIPT_ELEMENTS

if TYPE_CHECKING:
    from .content import Content


class SchematicLink(folium.PolyLine):
    """A straight dashed line between two route countries' label points, and nothing else.

    It stands for "a source names these two countries one after the other"; it never follows a
    road, river or border, so it cannot show a path or a crossing point.
    """

    def __init__(self, content: Content, start: str, end: str):
        points = content.label_points
        for code in (start, end):
            if code not in content.countries or code not in points:
                raise CountryLevelError(f"a schematic link joins route countries only, got {code!r}")
        self.ends = (start, end)
        super().__init__([lat_lon(points[start]), lat_lon(points[end])], **LINK_STYLE)
        # Not clickable, and named for styling and tests (folium's path options drop both).
        self.options.update(interactive=False, className="atlas-link")


def lat_lon(point: tuple[float, float]) -> list[float]:
    """A (lon, lat) label point as folium's [lat, lon], rounded to about ten metres."""
    lon, lat = point
    return [round(lat, 4), round(lon, 4)]


def assert_country_level(element, content: Content):
    """Return `element` if everything in it is a whole country from the boundaries file.

    Raises `CountryLevelError` naming the first thing that is not: a marker, a line, a tile
    layer, a popup, or a GeoJSON feature that is not exactly one country's polygon.
    """
    whole = {f["properties"]["iso3"]: f["geometry"] for f in content.boundaries["features"]}
    for child in _walk(element):
        if isinstance(child, folium.GeoJson):
            _assert_whole_countries(child, whole)
        elif type(child) is SchematicLink:
            _assert_schematic(child, content)
        elif type(child) not in ALLOWED:
            raise CountryLevelError(
                f"expected only whole-country polygons, got {type(child).__name__}: "
                "the map shows no points, lines, tiles or popups"
            )
    return element


def _assert_whole_countries(layer: folium.GeoJson, whole: dict) -> None:
    kind = layer.data.get("type")
    if kind != "FeatureCollection":
        raise CountryLevelError(f"expected a FeatureCollection of countries, got GeoJSON of type {kind!r}")
    for feature in layer.data["features"]:
        iso3 = (feature.get("properties") or {}).get("iso3")
        if iso3 not in whole:
            raise CountryLevelError(
                f"expected a country from the boundaries file, got a feature with iso3 {iso3!r}"
            )
        if feature.get("geometry") != whole[iso3]:
            raise CountryLevelError(f"expected the whole polygon of {iso3}, got a different geometry")


def _assert_schematic(link: SchematicLink, content: Content) -> None:
    """Exactly two points, each a route country's label point, and nothing attached."""
    if link.ends[0] not in content.countries or link.ends[1] not in content.countries:
        raise CountryLevelError(f"a schematic link joins route countries only, got {link.ends!r}")
    points = content.label_points
    expected = [lat_lon(points[code]) for code in link.ends if code in points]
    if [list(p) for p in link.locations] != expected:
        raise CountryLevelError(
            f"a schematic link runs straight between two countries' label points, got {link.locations!r}"
        )
    if link._children:
        raise CountryLevelError("a schematic link carries no popup, tooltip or marker")


def _walk(element):
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


# Everything else a map may hold, by exact type. Markers, popups, lines, circles, tile layers and
# plugins are not here: they either put places on the map or fetch assets from other hosts.
ALLOWED = (folium.Map, folium.FeatureGroup, folium.GeoJson, *SCRIPT_ELEMENTS)
