"""Escape Route Atlas: the frame every page shares (page config, display mode, navigation, sidebar)."""

import streamlit as st

import ui

st.set_page_config(page_title="Escape Route Atlas", layout="wide")
display = ui.display()

# Streamlit's older multipage feature runs a pages/<stem>.py on its own, without this frame, when
# /<stem> is the first address a fresh server sees. So no file's stem is a page's url_path
# (pages/journey_page.py is served at /journey): a link to any page runs this frame first. A page
# opened at its file's stem (/journey_page) before the frame ever ran goes to the frame instead
# (ui.require_frame, the first line of every page).
page = st.navigation(
    [
        st.Page("pages/explore_page.py", title="Explore", default=True),
        st.Page("pages/journey_page.py", title="Journey", url_path="journey"),
        st.Page("pages/sources_page.py", title="Sources", url_path="sources"),
        st.Page("pages/why_page.py", title="Why country level", url_path="why-country-level"),
    ],
    # A projector or a kiosk shows the content alone: no navigation and no sidebar are built.
    position="hidden" if display.bare else "sidebar",
)
st.session_state[ui.FRAME_KEY] = True

if not display.bare:
    with st.sidebar:
        ui.sidebar()

page.run()
