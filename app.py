"""Escape Route Atlas: the frame every page shares (page config, navigation, sidebar)."""

import streamlit as st

st.set_page_config(page_title="Escape Route Atlas", layout="wide")

page = st.navigation(
    [
        st.Page("pages/explore.py", title="Explore", default=True),
        st.Page("pages/sources.py", title="Sources", url_path="sources"),
        st.Page("pages/why_country_level.py", title="Why country level", url_path="why-country-level"),
    ]
)

with st.sidebar:
    st.toggle(
        "Show content-noted excerpts unfolded",
        key="sidebar_unfold_content_notes",
        help="Excerpts about torture, killing or a child's death are folded behind a note by default.",
    )
    st.caption(
        "Country level only. Every excerpt is quoted from, or summarised from, two published "
        "texts, an interview and a news article; see Sources."
    )

page.run()
