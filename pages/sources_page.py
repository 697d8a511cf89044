"""Sources: both documents, what each copy gives about itself, and every excerpt in order."""

import streamlit as st

import ui
from route_atlas.citations import bibliography
from route_atlas.escaping import for_markdown

ui.require_frame()
atlas = ui.content()

st.title("Sources")
st.markdown(
    "Every quotation and summary in this atlas comes from these two documents. Quotations are "
    "verbatim (a test checks each against the text); paraphrases are labelled *Summary*. Where a "
    "copy does not give a detail, this page says so rather than guess. The rest is the atlas's own: "
    "the role each country is given and the one-line descriptions are its reading of the two "
    "texts, notes marked *Our note* are its own words, and the country outlines come from Natural "
    "Earth (public domain)."
)
spellings = " and ".join(
    f"**{for_markdown(s.kim_spelling)}** ({for_markdown(s.short_title)})" for s in atlas.sources.values()
)
st.markdown(
    f"Pastor Kim's name is spelled differently in the two copies: {spellings}. "
    "Each is shown as its copy prints it."
)

# A link from an excerpt (?source=...) puts that source first.
wanted = st.query_params.get("source")
ordered = sorted(atlas.sources.values(), key=lambda s: s.id != wanted)

for source in ordered:
    st.header(for_markdown(source.short_title), anchor=source.id, divider="gray")
    st.markdown("\n".join(f"- **{label}:** {for_markdown(value)}" for label, value in bibliography(source)))
    for note in source.notes:
        st.caption(for_markdown(note))
    excerpts = atlas.excerpts_in(source.id)
    st.subheader(f"Excerpts in document order ({len(excerpts)})")
    for excerpt in excerpts:
        ui.show_excerpt(excerpt, atlas, link_source=False)
