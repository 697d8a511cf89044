"""The atlas as one file: `atlas.html` opens from a USB stick or any static web host, with no server.

Everything is inside it: Leaflet, the country boundaries, every text and the handful of scripts.
It renders the same views as the app (`present.py`): each panel, step and source is rendered here
once for each content-note setting and card answer it can be in (identical ones once), and the
file's own script (offline/atlas.js) only shows the one the reader's choices call for, moves the
one map between Explore and the Journey and follows the address's `#country=`, `#step=`,
`#kiosk`. The map is the app's own folium map, checked by the same country-level guard.

Text reaches the page escaped for where it goes: HTML by Jinja's autoescape, the data the script
reads as JSON that cannot end its `<script>` element. The file's Content-Security-Policy allows
its own inline scripts and styles by their hashes, and nothing from anywhere else.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from . import look, words
from .atlas_map import build_map, journey_layer, view_of
from .content import Content
from .country_level import SchematicLink, assert_country_level
from .display import DEFAULT_IDLE, IDLE_RANGE, READING_PACE, SECONDS_RANGE
from .present import (
    back_link,
    country_panel,
    opening_panel,
    source_views,
    spellings_line,
    step_view,
    why_exchange,
)
from .schema import NOTES_SETTINGS

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "offline"
LEAFLET = HERE.parent / "static" / "leaflet"
ATLAS_FILE, HANDOUT_FILE, README_FILE = "atlas.html", "handout.pdf", "README.txt"

# Where a link's text is the reader's own, the messages are built around it in the browser.
_MARK = "⟦asked⟧"  # printable: words._short shows invisible characters as U+FFFD


@dataclass(frozen=True)
class OfflineAtlas:
    html: str
    parts: dict[str, int]  # bytes of each thing the file holds, for the benchmark's account

    @property
    def data(self) -> bytes:
        return self.html.encode("utf-8")


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html",), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def build_atlas(content: Content) -> OfflineAtlas:
    """The whole atlas as one HTML page; the same content gives the same bytes."""
    # Checked again as it is about to be written, as the app checks each map it sends.
    folium_map = assert_country_level(build_map(content, leaflet=None), content)
    _name_in_order(folium_map)
    figure = folium_map.get_root()
    figure.render()
    map_style = figure.header._children["style"].render()  # the map's own CSS, in a <style>
    map_style = map_style.removeprefix("<style>").removesuffix("</style>")
    map_div = figure.html._children[folium_map.get_name()].render().strip()
    map_script = figure.script.render()

    leaflet_js = (LEAFLET / "leaflet.js").read_text(encoding="utf-8")
    # Leaflet's stylesheet points at marker and layer-control images the atlas never shows: left
    # out, so that nothing in the file can ask for a URL.
    leaflet_css = _without_urls((LEAFLET / "leaflet.css").read_text(encoding="utf-8"))
    atlas_js = (TEMPLATES / "atlas.js").read_text(encoding="utf-8")
    env = _environment()
    atlas_css = env.get_template("atlas.css").render(look=look)
    data = _script_data(content, folium_map.get_name())
    data_json = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    data_json = data_json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

    scripts = (leaflet_js, map_script, atlas_js)
    styles = (leaflet_css, map_style, atlas_css)
    for text in (*scripts, *styles):
        if "</script" in text.lower() or "</style" in text.lower():
            raise ValueError("a script or style of the offline atlas would end its own element")
    csp = "; ".join(
        (
            "default-src 'none'",
            "script-src " + " ".join(_hash(text) for text in scripts),
            "style-src " + " ".join(_hash(text) for text in styles),
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )
    html = env.get_template("atlas.html").render(
        csp=csp,
        leaflet_js=leaflet_js,
        leaflet_css=leaflet_css,
        map_style=map_style,
        atlas_css=atlas_css,
        map_div=map_div,
        map_script=map_script,
        atlas_js=atlas_js,
        data_json=data_json,
        look=look,
        words=words,
        **_views(content),
    )
    parts = {
        "Leaflet (script and stylesheet)": len((leaflet_js + leaflet_css).encode()),
        "the map (boundaries, folium's script, the map's scripts)": len((map_script + map_style).encode()),
        "the atlas's own script and stylesheet": len((atlas_js + atlas_css).encode()),
        "the step data the script reads": len(data_json.encode()),
    }
    parts["every text and its markup"] = len(html.encode()) - sum(parts.values())
    return OfflineAtlas(html, parts)


def write_kit(content: Content, out: Path, notes: str = "ask") -> dict[str, int]:
    """Write atlas.html, handout.pdf and README.txt into `out`; their sizes in bytes, by name."""
    from .handout import build_handout  # the PDF library loads only when a kit is made

    atlas = build_atlas(content)
    readme = (
        _environment()
        .get_template("README.txt")
        .render(words=words, sources=[view.heading for view in source_views(content, notes)])
    )
    out.mkdir(parents=True, exist_ok=True)
    files = {
        ATLAS_FILE: atlas.data,
        HANDOUT_FILE: build_handout(content, notes),
        README_FILE: readme.encode("utf-8"),
    }
    for name, data in files.items():
        (out / name).write_bytes(data)
    return {name: len(data) for name, data in files.items()}


def _views(content: Content) -> dict:
    """Every view the file can show, each rendered once, by what selects it."""
    codes = list(content.countries)
    panels = [
        (code, keys, view)
        for code in ["", *codes]
        for keys, view in _once(
            (setting, country_panel(content, code, setting) if code else opening_panel(content, setting))
            for setting in NOTES_SETTINGS
        )
    ]
    steps = [
        (index, keys, view)
        for index in range(len(content.steps))
        for keys, view in _once(
            (key, step_view(content, index, setting, choice))
            for setting in NOTES_SETTINGS
            for choice in ((None, "show", "skip") if setting == "ask" else (None,))
            for key in [setting if choice is None else f"{setting}-{choice}"]
        )
    ]
    return {
        "codes": codes,
        "countries": content.countries,
        "panels": panels,
        "step_count": len(content.steps),
        "steps": steps,
        "sources": _once((s, source_views(content, s)) for s in NOTES_SETTINGS),
        "exchange": _once((s, why_exchange(content, s)) for s in NOTES_SETTINGS),
        "spellings": spellings_line(content),
        "settings": NOTES_SETTINGS,
        "setting_labels": words.NOTES_LABELS,
        "legend_rows": look.LEGEND_ROWS,
        "stage_legend": look.STAGE_LEGEND,
    }


def _once(keyed: Iterable[tuple[str, object]]) -> list[tuple[str, object]]:
    """Equal views once, with the space-separated keys of every setting that shows them."""
    merged: dict[object, list[str]] = {}
    for key, view in keyed:
        merged.setdefault(view, []).append(key)
    return [(" ".join(keys), view) for view, keys in merged.items()]


def _script_data(content: Content, map_name: str) -> dict:
    """What offline/atlas.js reads: the map's name, each step's map and time, the kiosk's rules,
    and the messages for links that name nothing, built around the reader's own text."""
    steps = []
    for step in content.steps:
        index = len(steps)
        view = step_view(content, index, "show", None)
        layer = journey_layer(content, view.layer.countries, view.layer.earlier, view.layer.links)
        links = [child for child in layer._children.values() if type(child) is SchematicLink]
        centre, zoom = view_of(content, view.layer.countries)
        steps.append(
            {
                "slug": step.slug,
                "countries": list(view.layer.countries),
                "earlier": list(view.layer.earlier),
                "links": [[list(point) for point in link.locations] for link in links],
                "centre": list(centre),
                "zoom": zoom,
                "seconds": step.seconds,
            }
        )
    link_style = {"interactive": False, "className": "atlas-link"}
    link_style |= {_camel(key): value for key, value in look.LINK_STYLE.items()}
    return {
        "map": map_name,
        "codes": list(content.countries),
        "names": {code: country.name for code, country in content.countries.items()},
        "back": {code: back_link(content, code, None).label for code in content.countries},
        "view": {"centre": list(look.CENTER), "zoom": look.ZOOM_START},
        "steps": steps,
        "linkStyle": link_style,
        "settings": list(NOTES_SETTINGS),
        "kiosk": {
            "seconds": list(SECONDS_RANGE),
            "idle": list(IDLE_RANGE),
            "defaultIdle": DEFAULT_IDLE,
            "pace": READING_PACE,
            "resuming": words.KIOSK_RESUMING,
        },
        "short": words.SHORT,
        "messages": {
            "country": words.no_such_country(_MARK, list(content.countries)).split(_MARK),
            "step": words.no_such_step(_MARK, len(content.steps)).split(_MARK),
            "notes": words.no_such_notes_setting(_MARK, mark="#").split(_MARK),
        },
    }


def _name_in_order(element, counter=None) -> None:
    """Number every element of the map in document order instead of folium's random names, so
    that the same content gives the same file."""
    counter = counter if counter is not None else iter(range(1_000_000))
    element._id = f"{next(counter):04d}"
    for child in element._children.values():
        _name_in_order(child, counter)


def _camel(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(part.title() for part in rest)


def _hash(text: str) -> str:
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def _without_urls(css: str) -> str:
    return re.sub(r"url\([^)]*\)", "none", css)
