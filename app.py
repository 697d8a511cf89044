"""Escape Route Atlas: the frame every page shares (page config, navigation, sidebar)."""

import streamlit as st

import ui
from route_atlas.citations import ALL_TAGS_PHRASE

st.set_page_config(page_title="Escape Route Atlas", layout="wide")

page = st.navigation(
    [
        st.Page("screens/explore.py", title="Explore", default=True),
        st.Page("screens/journey.py", title="Journey", url_path="journey"),
        st.Page("screens/sources.py", title="Sources", url_path="sources"),
        st.Page("screens/why_country_level.py", title="Why country level", url_path="why-country-level"),
    ]
)

with st.sidebar:
    # Plain buttons, not radio buttons or a segmented control: those keep the focus and take a
    # clicker's arrow keys, so the next key press would change this setting instead of the step.
    setting = ui.notes_setting()
    st.markdown(
        f"**Content notes:** {ui.NOTES_CHOICES[setting]}",
        help=(
            f"Excerpts about {ALL_TAGS_PHRASE}. Ask: folded behind a note, "
            "and on the Journey a card asks before a step shows them. Show: shown under their note. "
            "Hide: left out, with a line saying so. Applies to every page and to the handout."
        ),
    )
    for column, (value, label) in zip(st.columns(3, gap="small"), ui.NOTES_CHOICES.items(), strict=True):
        column.button(
            label,
            key=f"content_notes_{value}",
            type="primary" if value == setting else "secondary",
            on_click=ui.set_notes_setting,
            args=(value,),
            use_container_width=True,
        )
    st.caption(
        "Country level only. Every excerpt is quoted from, or summarised from, two published "
        "texts, an interview and a news article; see Sources."
    )

page.run()
