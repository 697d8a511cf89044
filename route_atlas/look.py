"""How the map looks, as plain data: colours, the regional view, captions and legend rows.

The folium map and the PDF handout both draw from these, so each shows the same colours and words
and the handout needs no folium for them. Nothing here knows a renderer.
"""

from __future__ import annotations

from .words import NEIGHBOUR_LABEL, ROLE_LABELS

ROLE_COLOURS = {"origin": "#b2182b", "transit": "#e08214", "destination": "#2166ac"}
NEIGHBOUR_COLOUR = "#cfcfcf"
SEA_COLOUR = "#eef3f7"
BORDER_COLOUR = "#ffffff"
SELECTED_OUTLINE = "#111111"

# A regional view: the zoom and panning never reach street level or leave East Asia.
CENTER = (29.0, 108.0)
ZOOM_START, MIN_ZOOM, MAX_ZOOM = 3, 3, 6
BOUNDS = {"min_lat": -12.0, "max_lat": 62.0, "min_lon": 60.0, "max_lon": 160.0}

# Leaflet path options (folium's names), for the countries and the schematic links.
ROUTE_STYLE = {"color": BORDER_COLOUR, "weight": 1.5, "fillOpacity": 0.85}
NEIGHBOUR_STYLE = {"fillColor": NEIGHBOUR_COLOUR, "color": BORDER_COLOUR, "weight": 1, "fillOpacity": 1}
LINK_STYLE = {"color": SELECTED_OUTLINE, "weight": 3, "opacity": 0.9, "dash_array": "10 8"}

# Where a route country's name sits against its label point. Centred by default; at the regional
# view Vietnam, Laos, Thailand and Myanmar lie within 40 px of each other, as do the two Koreas,
# so those names move off to the side where the sea or a neighbour has room (the Koreas' to the
# west: to the east a phone's narrow map cuts them off). Each still starts at its own country's
# label point, and no line joins a name to anything.
LABEL_SIDES = {"VNM": "right", "MMR": "left", "THA": "below", "PRK": "left", "KOR": "left"}

CAPTION = (
    "Country level only: whole countries, coloured by the role the atlas gives each country "
    "from the two sources. "
    "No towns, rivers, paths or crossing points are shown. "
    "Boundaries: Natural Earth (public domain)."
)
SCHEMATIC_CAPTION = (
    "Schematic: the lines join countries in the order a source lists them; they do not show paths, "
    "crossing points or a stated order of travel."
)

# The map's legend, as (colour, label) rows, then a last line in smaller type.
LEGEND_ROWS: tuple[tuple[str, str], ...] = (
    *((ROLE_COLOURS[role], ROLE_LABELS[role]) for role in ROLE_COLOURS),
    (NEIGHBOUR_COLOUR, NEIGHBOUR_LABEL),
)
LEGEND_FOOTER = "Country level only"
# The one line a projector shows under the map, short enough for one line at 28 px beside the
# step's pane; the whole of CAPTION and SCHEMATIC_CAPTION is one hover or tap away, and the
# legend beneath the map says what a schematic line stands for.
SHORT_CAPTION = "Country level only. Lines are schematic."

# The journey map's outlines, in the legend's words: dashed means "shown in an earlier step",
# since the order of the steps is the atlas's, not an order of travel any source gives.
# The schematic line has a legend row of its own, on screen and on paper: its dashes are not the
# dashed outline of an earlier step's country.
LINK_LEGEND = "Schematic link: two countries a source lists one after the other"
STAGE_LEGEND = (
    "Bold outline: this step's countries",
    "Dashed outline: shown in an earlier step",
    LINK_LEGEND,
)

__all__ = [
    "BORDER_COLOUR",
    "BOUNDS",
    "CAPTION",
    "CENTER",
    "LEGEND_FOOTER",
    "LABEL_SIDES",
    "LEGEND_ROWS",
    "LINK_LEGEND",
    "LINK_STYLE",
    "MAX_ZOOM",
    "MIN_ZOOM",
    "NEIGHBOUR_COLOUR",
    "NEIGHBOUR_STYLE",
    "ROLE_COLOURS",
    "ROLE_LABELS",
    "ROUTE_STYLE",
    "SCHEMATIC_CAPTION",
    "SEA_COLOUR",
    "SELECTED_OUTLINE",
    "SHORT_CAPTION",
    "STAGE_LEGEND",
    "ZOOM_START",
]
