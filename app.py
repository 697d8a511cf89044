"""Escape Route Atlas: the frame every page shares (page config, navigation, sidebar)."""

import streamlit as st

import ui

st.set_page_config(page_title="Escape Route Atlas", layout="wide")

page = st.navigation(
    [
        st.Page("pages/explore.py", title="Explore", default=True),
        st.Page("pages/journey.py", title="Journey", url_path="journey"),
        st.Page("pages/sources.py", title="Sources", url_path="sources"),
        st.Page("pages/why_country_level.py", title="Why country level", url_path="why-country-level"),
    ]
)

with st.sidebar:
    st.radio(
        "Content notes",
        list(ui.NOTES_CHOICES),
        format_func=ui.NOTES_CHOICES.get,
        key=ui.NOTES_KEY,
        help=(
            "Excerpts about torture, killing or a child's death. Ask first: folded behind a note, "
            "and on the Journey a card asks before a step shows them. Show: shown under their note. "
            "Hide: left out, with a line saying so. Applies to every page and to the handout."
        ),
    )
    st.caption(
        "Country level only. Every excerpt is quoted from, or summarised from, two published "
        "texts, an interview and a news article; see Sources."
    )

page.run()
