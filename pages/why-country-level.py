"""Why country level: the map's safety line, in the interview's own words, and the privacy promise."""

import streamlit as st

import ui
from route_atlas import words
from route_atlas.escaping import for_markdown
from route_atlas.present import why_exchange

ui.require_frame()
atlas = ui.content()

st.title(words.WHY_TITLE)
st.markdown(for_markdown(words.WHY_INTRO))

st.header(words.WHY_EXCHANGE_HEADING)
st.markdown(for_markdown(words.WHY_EXCHANGE_INTRO))
for gap_before, excerpt in why_exchange(atlas, ui.notes_setting()):
    if gap_before:
        st.markdown(f"[…] *{words.GAP_LINE}*")
    ui.show_excerpt(excerpt)
st.markdown(for_markdown(words.WHY_CLOSING))

st.header(words.WHY_PRIVACY_HEADING)
st.markdown(for_markdown(words.WHY_PRIVACY))
