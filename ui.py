"""Streamlit pieces every page shares: the checked content and how an excerpt is shown."""

import streamlit as st

from route_atlas import ContentError, fingerprint, load_content
from route_atlas.citations import content_note_line, source_line, speaker_line
from route_atlas.escaping import for_markdown

SOURCES_PAGE = "pages/sources.py"


@st.cache_resource(max_entries=1, show_spinner=False)
def _load(stamp: tuple):
    """Parse the content once per process, and again only when a content file changes."""
    try:
        return load_content(), []
    except ContentError as error:
        return None, error.problems


def content():
    """The checked content; on problems, list them all on the page and stop."""
    loaded, problems = _load(fingerprint())
    if problems:
        st.error(
            f"The content files have {len(problems)} problem(s), so the atlas cannot be shown. "
            "Fix them in the files named below, then reload this page or run "
            "`.venv/bin/python -m route_atlas check` to check again."
        )
        st.code("\n".join(str(p) for p in problems), language=None, wrap_lines=True)
        st.stop()
    return loaded


def show_excerpt(excerpt, atlas, link_source: bool = True) -> None:
    """One excerpt: a quotation or a labelled summary, its speaker and a link to its source.

    Excerpts with a content note stay folded behind it unless the sidebar setting unfolds them.
    """
    note = content_note_line(excerpt)
    if note and not st.session_state.get("sidebar_unfold_content_notes", False):
        with st.expander(note):
            _excerpt_body(excerpt, atlas, link_source)
        return
    if note:
        st.caption(note)
    _excerpt_body(excerpt, atlas, link_source)


def _excerpt_body(excerpt, atlas, link_source: bool) -> None:
    if excerpt.kind == "quote":
        st.markdown("> " + for_markdown(excerpt.text))
    else:
        st.markdown("**Summary:** " + for_markdown(excerpt.text))
    source = atlas.sources[excerpt.source]
    st.caption("— " + for_markdown(f"{speaker_line(excerpt)} · {source_line(source)}"))
    if link_source:
        # A short label: Streamlit cuts a page link to one line, and the caption names the source.
        st.page_link(SOURCES_PAGE, label="About this source", query_params={"source": source.id})
