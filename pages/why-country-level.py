"""Why country level: the map's safety line, in the interview's own words, and the privacy promise."""

import streamlit as st

import ui
from route_atlas.present import exchange_view
from route_atlas.words import GAP_LINE

ui.require_frame()
atlas = ui.content()

st.title("Why country level only")
st.markdown(
    "This atlas shows whole countries and nothing smaller. It never draws towns, rivers, border "
    "crossings or paths, not even those the interview or the article names, and there is no street "
    "map beneath the countries. The Journey joins some countries with straight dashed lines. They "
    "are schematic: each joins two countries a source lists one after the other, at a point inside "
    "each country, and none shows a path, a crossing point or an order of travel."
)

st.header("The interview's own exchange about publicising routes")
st.markdown(
    "The JAPAN Forward interview turns to secrecy and to the critics of the film, in this order. "
    "Where the interview goes on between two excerpts, a line marked […] says so."
)
for gap_before, excerpt in exchange_view(atlas, "japan-forward", "publicising-routes", ui.notes_setting()):
    if gap_before:
        st.markdown(f"[…] *{GAP_LINE}*")
    ui.show_excerpt(excerpt)
st.markdown(
    "Whatever one makes of that argument, a map used in classrooms and at screenings needs no "
    "more detail than the country names the sources themselves give, so this one keeps to them."
)

st.header("No requests to anyone else")
st.markdown(
    "Your browser talks to this app's own server and to nothing else. The map library (Leaflet) "
    "and the country outlines are served by the app itself; there are no map tiles, web fonts, "
    "scripts from other hosts or usage statistics. The atlas therefore works at a venue with no "
    "internet, and a visitor reading about this subject leaves no trace with third parties."
)
