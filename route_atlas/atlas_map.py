"""The folium map: whole countries coloured by role, served with the app's own Leaflet."""

from __future__ import annotations

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from .content import Content
from .errors import CountryLevelError
from .escaping import for_html

# Streamlit serves static/ at /app/static/ (server.enableStaticServing in .streamlit/config.toml).
LEAFLET_JS = "/app/static/leaflet/leaflet.js"
LEAFLET_CSS = "/app/static/leaflet/leaflet.css"

ROLE_COLOURS = {"origin": "#b2182b", "transit": "#e08214", "destination": "#2166ac"}
ROLE_LABELS = {"origin": "Origin", "transit": "Transit", "destination": "Destination"}
NEIGHBOUR_COLOUR = "#cfcfcf"
SEA_COLOUR = "#eef3f7"
SELECTED_OUTLINE = "#111111"

# A regional view: the zoom and panning never reach street level or leave East Asia.
CENTER = (29.0, 108.0)
ZOOM_START, MIN_ZOOM, MAX_ZOOM = 3, 3, 6
BOUNDS = {"min_lat": -12.0, "max_lat": 62.0, "min_lon": 60.0, "max_lon": 160.0}

_STYLE = (
    f".leaflet-container {{ background: {SEA_COLOUR}; }}"
    # No focus box around a tapped country: the bold outline of the pick already marks it.
    " path.leaflet-interactive:focus { outline: none; }"
    # CSS wins over the stroke attributes Leaflet writes, including the hover highlight's.
    f" path.atlas-picked {{ stroke: {SELECTED_OUTLINE}; stroke-width: 4px; }}"
    # A journey step: its countries bold, those already passed dashed, the rest faded.
    " .atlas-staged path.atlas-country { fill-opacity: 0.3; }"
    " .atlas-staged path.atlas-visited { fill-opacity: 0.6; stroke: #333; stroke-width: 2px;"
    " stroke-dasharray: 5 4; }"
    f" .atlas-staged path.atlas-current {{ fill-opacity: 1; stroke: {SELECTED_OUTLINE}; stroke-width: 3px; }}"
    " .atlas-stage-swatch { display: inline-block; width: 10px; height: 10px; margin-right: 6px;"
    " vertical-align: -1px; border: 2px solid #111; }"
    " .atlas-picked-name { background: #fff; color: #111; padding: 4px 10px; border-radius: 4px;"
    " font: bold 16px/1.4 sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.3); }"
)

SCHEMATIC_CAPTION = (
    "Schematic: the lines join countries in the order a source lists them; they do not show paths, "
    "crossing points or a stated order of travel."
)
LINK_STYLE = {"color": SELECTED_OUTLINE, "weight": 3, "opacity": 0.9, "dash_array": "10 8"}

# The journey map's outlines, in the legend's words: dashed means "shown in an earlier step",
# since the order of the steps is the atlas's, not an order of travel any source gives.
STAGE_LEGEND = ("Bold outline: this step's countries", "Dashed outline: shown in an earlier step")

CAPTION = (
    "Country level only: whole countries, coloured by the role the atlas gives each country "
    "from the two sources. "
    "No towns, rivers, paths or crossing points are shown. "
    "Boundaries: Natural Earth (public domain)."
)


def tooltip_label(country) -> str:
    """The words a route country's tooltip shows, e.g. "China: transit country"."""
    return f"{country.name}: {country.role} country"


def country_for_tooltip(content: Content, text: str | None) -> str | None:
    """The ISO3 code of the route country whose tooltip reads `text`, or None."""
    for country in content.countries.values():
        if tooltip_label(country) == (text or "").strip():
            return country.iso3
    return None


def build_map(content: Content) -> folium.Map:
    """The base map. It depends on the content only, so it is identical on every rerun.

    streamlit-folium re-creates the map's iframe whenever this map's JavaScript changes; the
    selection is therefore drawn by `selection_layer`, which updates in place.
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
    # Leaflet's own arrow keys are off: they belong to the Journey's clicker (see _Picker).
    m.options.update(min_zoom=MIN_ZOOM, max_zoom=MAX_ZOOM, max_bounds_viscosity=1.0, keyboard=False)
    m.default_js = [("leaflet", LEAFLET_JS)]
    m.default_css = [("leaflet_css", LEAFLET_CSS)]
    m.get_root().header.add_child(Element(f"<style>{_STYLE}</style>"), name="style")

    route = set(content.countries)
    neighbours = [f for f in content.boundaries["features"] if f["properties"]["iso3"] not in route]
    folium.GeoJson(
        _collection(neighbours),
        name="neighbours",
        style_function=lambda _: {
            "fillColor": NEIGHBOUR_COLOUR,
            "color": "#ffffff",
            "weight": 1,
            "fillOpacity": 1,
        },
        interactive=False,
    ).add_to(m)

    features = []
    for feature in _features_of(content, route):
        country = content.countries[feature["properties"]["iso3"]]
        feature["properties"].update(role=country.role, tooltip=for_html(tooltip_label(country)))
        features.append(feature)
    folium.GeoJson(
        _collection(features),
        name="route countries",
        style_function=lambda f: {
            "fillColor": ROLE_COLOURS[f["properties"]["role"]],
            "color": "#ffffff",
            "weight": 1.5,
            "fillOpacity": 0.85,
        },
        highlight_function=lambda _: {"weight": 3, "color": SELECTED_OUTLINE},
        # The class names each country's <path> (atlas-country-CHN) for styling and tests. A click
        # marks the country at once, in the browser; the server's answer then marks it again.
        on_each_feature=folium.JsCode(
            "function (feature, layer) {"
            " layer.options.className = 'atlas-country atlas-country-' + feature.properties.iso3;"
            " layer.bindTooltip(feature.properties.tooltip, {sticky: true});"
            " layer.on('click', function () { window.atlasPick(feature.properties.iso3); }); }"
        ),
    ).add_to(m)
    _Legend().add_to(m)
    _Picker({c.iso3: c.name for c in content.countries.values()}, STAGE_LEGEND).add_to(m)
    return assert_country_level(m, content)


def selection_layer(content: Content, iso3: str | None) -> folium.FeatureGroup:
    """The server's word on the selection: marks the selected country (or none) in the map.

    streamlit-folium runs this layer's script in the map's page whenever it changes, without
    reloading the map, so a country chosen from the list or a link is marked as a click marks it.
    """
    group = folium.FeatureGroup(name="selection")
    _Pick(iso3 if iso3 in content.countries else None).add_to(group)
    return assert_country_level(group, content)


def journey_layer(content: Content, countries, visited, links) -> folium.FeatureGroup:
    """One journey step drawn over the base map, without reloading it: the step's countries in
    bold, those already passed as visited, and schematic links between countries' label points.

    `links` are (from ISO3, to ISO3) pairs; the journey's checks allow only those a source lists.
    """
    group = folium.FeatureGroup(name="journey step")
    _Stage(list(countries), list(visited)).add_to(group)
    for start, end in links:
        SchematicLink(content, start, end).add_to(group)
    return assert_country_level(group, content)


def view_of(content: Content, countries) -> tuple[tuple[float, float], int]:
    """The map's centre (lat, lon) and zoom for a step: its countries, or the whole region."""
    points = content.label_points
    chosen = [points[code] for code in countries if code in points]
    if not chosen:
        return CENTER, ZOOM_START
    lons, lats = [lon for lon, _ in chosen], [lat for _, lat in chosen]
    centre = ((min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2)
    spread = max(max(lats) - min(lats), max(lons) - min(lons))
    return centre, (ZOOM_START + 1 if spread < 12 else ZOOM_START)


class SchematicLink(folium.PolyLine):
    """A straight dashed line between two route countries' label points, and nothing else.

    It stands for "the sources name these two countries one after the other"; it never follows a
    road, river or border, so it cannot show a path or a crossing point.
    """

    def __init__(self, content: Content, start: str, end: str):
        points = content.label_points
        for code in (start, end):
            if code not in content.countries or code not in points:
                raise CountryLevelError(f"a schematic link joins route countries only, got {code!r}")
        self.ends = (start, end)
        super().__init__([_lat_lon(points[start]), _lat_lon(points[end])], **LINK_STYLE)
        # Not clickable, and named for styling and tests (folium's path options drop both).
        self.options.update(interactive=False, className="atlas-link")


def _lat_lon(point: tuple[float, float]) -> list[float]:
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
            kind = child.data.get("type")
            if kind != "FeatureCollection":
                raise CountryLevelError(
                    f"expected a FeatureCollection of countries, got GeoJSON of type {kind!r}"
                )
            for feature in child.data["features"]:
                iso3 = (feature.get("properties") or {}).get("iso3")
                if iso3 not in whole:
                    raise CountryLevelError(
                        f"expected a country from the boundaries file, got a feature with iso3 {iso3!r}"
                    )
                if feature.get("geometry") != whole[iso3]:
                    raise CountryLevelError(f"expected the whole polygon of {iso3}, got a different geometry")
        elif type(child) is SchematicLink:
            _assert_schematic(child, content)
        elif type(child) not in _ALLOWED:
            raise CountryLevelError(
                f"expected only whole-country polygons, got {type(child).__name__}: "
                "the map shows no points, lines, tiles or popups"
            )
    return element


def _assert_schematic(link: SchematicLink, content: Content) -> None:
    """Exactly two points, each a route country's label point, and nothing attached."""
    points = content.label_points
    expected = [_lat_lon(points[code]) for code in link.ends if code in points]
    if link.ends[0] not in content.countries or link.ends[1] not in content.countries:
        raise CountryLevelError(f"a schematic link joins route countries only, got {link.ends!r}")
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


class _Legend(MacroElement):
    """The legend, as a Leaflet control built from fixed words (no content text reaches it)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "atlas-legend");
                div.style.cssText = "background:#fff;padding:6px 10px;border-radius:4px;"
                    + "font:14px/1.5 sans-serif;color:#111;box-shadow:0 1px 4px rgba(0,0,0,.3)";
                div.innerHTML = {{ this.html|tojson }};
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "Legend"
        rows = [(ROLE_COLOURS[r], ROLE_LABELS[r]) for r in ROLE_COLOURS]
        rows.append((NEIGHBOUR_COLOUR, "Neighbour (not a route country)"))
        self.html = (
            "".join(
                f'<div><span style="display:inline-block;width:14px;height:14px;margin-right:6px;'
                f'vertical-align:-2px;background:{colour}"></span>{for_html(label)}</div>'
                for colour, label in rows
            )
            + '<div style="font-size:12px;color:#333">Country level only</div>'
        )


class _Picker(MacroElement):
    """`window.atlasPick(iso3)`: outline a country and name it in the map's corner, or clear both.

    It runs in the browser, so a click answers before the server does. The names come from the
    content as JSON and are written with textContent, never as HTML.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var names = {{ this.names|tojson }};
            var label = L.control({position: "topright"});
            label.onAdd = function () {
                var div = L.DomUtil.create("div", "atlas-picked-name");
                div.setAttribute("aria-live", "polite");
                div.hidden = true;
                return div;
            };
            label.addTo(map);
            // A journey step: bold current countries, dashed visited ones, the rest faded. The
            // legend gains two rows saying what bold and dashed mean (as text, never as HTML).
            var stageRows = {{ this.stage_legend|tojson }};
            window.atlasStage = function (current, visited) {
                map.getContainer().classList.add("atlas-staged");
                var legend = map.getContainer().querySelector(".atlas-legend");
                if (legend && !legend.querySelector(".atlas-stage-row")) {
                    var footer = legend.lastChild;  // "Country level only" stays last
                    stageRows.forEach(function (words, i) {
                        var row = L.DomUtil.create("div", "atlas-stage-row");
                        legend.insertBefore(row, footer);
                        var swatch = L.DomUtil.create("span", "atlas-stage-swatch", row);
                        swatch.style.borderStyle = i === 0 ? "solid" : "dashed";
                        row.appendChild(document.createTextNode(words));
                    });
                }
                map.eachLayer(function (layer) {
                    var path = layer.getElement && layer.getElement();
                    if (!path || !path.classList.contains("atlas-country")) return;
                    var iso3 = layer.feature && layer.feature.properties.iso3;
                    path.classList.toggle("atlas-current", current.indexOf(iso3) >= 0);
                    path.classList.toggle("atlas-visited", visited.indexOf(iso3) >= 0);
                    if (current.indexOf(iso3) >= 0) layer.bringToFront();
                });
            };
            // A click on the map moves the keyboard's focus into the map's frame; the keys a
            // presentation clicker sends are handed on to the page, whose buttons answer them.
            var clickerKeys = ["ArrowRight", "ArrowLeft", "PageUp", "PageDown", "Home", "End"];
            // Both key down and key up: Streamlit's shortcut library counts a key held until it is let go.
            ["keydown", "keyup"].forEach(function (type) {
                document.addEventListener(type, function (event) {
                    if (clickerKeys.indexOf(event.key) < 0 || window.parent === window) return;
                    event.preventDefault();
                    window.parent.document.dispatchEvent(
                        new KeyboardEvent(type, {key: event.key, code: event.code, bubbles: true})
                    );
                });
            });
            window.atlasPick = function (iso3) {
                var picked = document.querySelectorAll("path.atlas-picked");
                for (var i = 0; i < picked.length; i++) picked[i].classList.remove("atlas-picked");
                var div = label.getContainer();
                div.textContent = names[iso3] || "";
                div.hidden = !names[iso3];
                map.eachLayer(function (layer) {
                    var path = layer.getElement && layer.getElement();
                    if (names[iso3] && path && path.classList.contains("atlas-country-" + iso3)) {
                        path.classList.add("atlas-picked");
                        layer.bringToFront();
                    }
                });
            };
        })();
        {% endmacro %}
        """
    )

    def __init__(self, names: dict[str, str], stage_legend: tuple[str, ...]):
        super().__init__()
        self._name = "Picker"
        self.names = names
        self.stage_legend = list(stage_legend)


class _Pick(MacroElement):
    """Marks one country (or none, for None) through the map's `atlasPick`."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        if (window.atlasPick) { window.atlasPick({{ this.iso3|tojson }}); }
        {% endmacro %}
        """
    )

    def __init__(self, iso3: str | None):
        super().__init__()
        self._name = "Pick"
        self.iso3 = iso3


class _Stage(MacroElement):
    """Marks a journey step's countries through the map's `atlasStage`."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        if (window.atlasPick) { window.atlasPick(null); }
        if (window.atlasStage) { window.atlasStage({{ this.current|tojson }}, {{ this.visited|tojson }}); }
        {% endmacro %}
        """
    )

    def __init__(self, current: list[str], visited: list[str]):
        super().__init__()
        self._name = "Stage"
        self.current = current
        self.visited = visited


# Everything a map may hold, by exact type. Markers, popups, lines, circles, tile layers and
# plugins are not here: they either put places on the map or fetch assets from other hosts.
_ALLOWED = (folium.Map, folium.FeatureGroup, folium.GeoJson, _Legend, _Picker, _Pick, _Stage)
