"""Sources: both documents, what each copy gives about itself, and every excerpt in order."""

import streamlit as st

import ui
from route_atlas import words
from route_atlas.escaping import for_markdown
from route_atlas.offline_atlas import ATLAS_FILE
from route_atlas.present import back_link, source_views, spellings_line

ui.require_frame()
atlas = ui.content()

# Opened from an excerpt on Explore (?from=CHN&excerpt=...): the way back to it comes first.
if back := back_link(atlas, st.query_params.get("from"), st.query_params.get("excerpt")):
    st.page_link(ui.EXPLORE_PAGE, label=for_markdown(back.label), query_params=back.query)

st.title(words.SOURCES_TITLE)
st.markdown(for_markdown(words.SOURCES_INTRO))
st.markdown(for_markdown(spellings_line(atlas)))
# The same file `python -m route_atlas export` writes: for a room with no network, or a web host.
st.download_button(
    words.OFFLINE_ATLAS,
    data=lambda: ui.offline_atlas(atlas),
    file_name=ATLAS_FILE,
    mime="text/html",
    on_click="ignore",
    key="sources_offline_atlas",
    help=words.OFFLINE_ATLAS_HELP,
)

# A link from an excerpt (?source=...) puts that source first.
for source in source_views(atlas, ui.notes_setting(), first=st.query_params.get("source")):
    st.header(for_markdown(source.heading), anchor=source.id, divider="gray")
    st.markdown("\n".join(f"- **{label}:** {for_markdown(value)}" for label, value in source.fields))
    for note in source.notes:
        st.caption(for_markdown(note))
    st.subheader(for_markdown(source.excerpts_heading))
    for excerpt in source.excerpts:
        ui.show_excerpt(excerpt, link_source=False)
