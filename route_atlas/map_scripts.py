"""The map's own browser scripts, as folium elements that put nothing on the map themselves.

Each script is a JavaScript function in route_atlas/js/, read once at import. An element calls it
with the map and its arguments as JSON (`|tojson`); the scripts write content text with
textContent, never as HTML. The country-level guard allows exactly these element types.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from branca.element import MacroElement
from jinja2 import Template
from jinja2.utils import htmlsafe_json_dumps

JS_DIR = Path(__file__).resolve().parent / "js"

# The keys a presentation clicker sends, which the Journey's buttons answer.
CLICKER_KEYS = ("ArrowRight", "ArrowLeft", "PageUp", "PageDown", "Home", "End")


def read_js(name: str) -> str:
    """The text of one of route_atlas/js/'s scripts, such as "legend.js"."""
    return (JS_DIR / name).read_text(encoding="utf-8").strip()


# onEachFeature for the route countries' layer: class names, a text tooltip, a click marks it.
ROUTE_COUNTRY_JS = read_js("route_country.js")


# branca compiles each element's rendered script as a Jinja template once more (Element(...)),
# so a "{#", "{{" or "{%" inside a name would be read as Jinja: "{#" was a TemplateSyntaxError
# and the page's crash, "{{ … }}" would run on the server. JSON can say that "{" as \u007b.
# Outside a string JSON never puts "{" before "{", "%" or "#", so every match is inside one.
_JINJA_OPENER = re.compile(r"\{(?=[{%#])")


def inert_json(value) -> str:
    """`value` as JSON that can stand in a <script> (as |tojson) and holds no Jinja opener."""
    return _JINJA_OPENER.sub(r"\\u007b", str(htmlsafe_json_dumps(value)))


class _MapScript(MacroElement):
    """Calls one script from route_atlas/js/ with the map and `self.args`, each as JSON."""

    js: str
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        ({{ this.js }})({{ this._parent.get_name() }}
        {%- for arg in this.json_args %}, {{ arg }}{% endfor %});
        {% endmacro %}
        """
    )

    def __init__(self, *args):
        super().__init__()
        self._name = type(self).__name__
        self.args = args
        self.json_args = [inert_json(arg) for arg in args]


class Legend(_MapScript):
    """The legend: a (colour, label) row for each role and for neighbours, then a last line.

    `large` (projector type) leaves it out of the map, for the page to draw beneath it.
    """

    js = read_js("legend.js")

    def __init__(self, rows: Iterable[tuple[str, str]], footer: str, large: bool = False):
        super().__init__([list(row) for row in rows], footer, large)


class CountryNames(_MapScript):
    """Each route country's name at its label point, also a tap target for that country, and the
    country's tooltip (its name and role).

    `labels` are (ISO3, name, (lon, lat), side, tooltip) tuples, side being where the name sits
    against the point ("center", "right", "left", "below"); a name is a country's, never a place
    in it. The tooltip's text comes here, not in the GeoJSON's properties, which folium writes
    with a |tojson this module cannot make inert.
    """

    js = read_js("country_names.js")

    def __init__(self, labels: Iterable[tuple[str, str, tuple[float, float], str, str]]):
        super().__init__([[iso3, name, lat, lon, side, tip] for iso3, name, (lon, lat), side, tip in labels])


class TouchMap(_MapScript):
    """On a touch screen one finger scrolls the page over the map; a tap off the countries clears."""

    js = read_js("touch.js")


class SelectionMarker(_MapScript):
    """Defines `window.atlasPick(iso3)`: outline a route country and name it, or clear both.

    `names` maps each route country's ISO3 code to the name the corner label shows.
    """

    js = read_js("selection.js")

    def __init__(self, names: dict[str, str]):
        super().__init__(dict(names))


class StepMarker(_MapScript):
    """Defines `window.atlasStage(current, visited)`: draw a journey step's countries, and add
    `legend_rows` (what its bold and dashed outlines mean) to the legend."""

    js = read_js("stage.js")

    def __init__(self, legend_rows: Iterable[str]):
        super().__init__(list(legend_rows))


class ClickerKeyForwarder(_MapScript):
    """Hands a presentation clicker's keys from the map's frame on to the page (the Journey's)."""

    js = read_js("clicker_keys.js")

    def __init__(self, keys: Iterable[str] = CLICKER_KEYS):
        super().__init__(list(keys))


class MarkSelection(MacroElement):
    """Marks one country, or none for None, through the map's `atlasPick`."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        if (window.atlasPick) { window.atlasPick({{ this.iso3|tojson }}); }
        {% endmacro %}
        """
    )

    def __init__(self, iso3: str | None):
        super().__init__()
        self._name = "MarkSelection"
        self.iso3 = iso3


class MarkStep(MacroElement):
    """Clears any clicked country, then marks a journey step's countries through `atlasStage`."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        if (window.atlasPick) { window.atlasPick(null); }
        if (window.atlasStage) { window.atlasStage({{ this.current|tojson }}, {{ this.visited|tojson }}); }
        {% endmacro %}
        """
    )

    def __init__(self, current: Iterable[str], visited: Iterable[str]):
        super().__init__()
        self._name = "MarkStep"
        self.current = list(current)
        self.visited = list(visited)


# Every script element a map may hold, by exact type (the guard's list).
SCRIPT_ELEMENTS = (
    Legend,
    CountryNames,
    TouchMap,
    SelectionMarker,
    StepMarker,
    ClickerKeyForwarder,
    MarkSelection,
    MarkStep,
)
