"""Streamlit pieces every page shares: the checked content and how an excerpt is shown."""

import streamlit as st

from route_atlas import ContentError, fingerprint, load_content
from route_atlas.citations import content_note_line, source_line, speaker_line, tags_phrase
from route_atlas.escaping import for_markdown
from route_atlas.schema import NOTES_SETTINGS

SOURCES_PAGE = "screens/sources.py"

# The sidebar's content-note setting, for the whole session: fold noted excerpts behind their
# note (and, on the Journey, ask with a card first), show them, or leave them out.
NOTES_KEY = "sidebar_content_notes"
NOTES_CHOICES = dict(zip(NOTES_SETTINGS, ("Ask", "Show", "Hide"), strict=True))


def notes_setting() -> str:
    """What the sidebar says to do with content-noted excerpts: "ask", "show" or "hide"."""
    return st.session_state.get(NOTES_KEY) or "ask"


def set_notes_setting(value: str) -> None:
    st.session_state[NOTES_KEY] = value


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


def show_excerpt(excerpt, atlas, link_source: bool = True, decided: bool = False) -> None:
    """One excerpt: a quotation or a labelled summary, its speaker and a link to its source.

    An excerpt with a content note follows the sidebar setting: folded behind its note (ask),
    shown under it (show), or left out with a line saying so (hide). `decided` means the reader
    has already chosen to see it (the Journey's content-note card).
    """
    note = content_note_line(excerpt)
    setting = "show" if decided else notes_setting()
    if note and setting == "ask":
        with st.expander(note):
            _excerpt_body(excerpt, atlas, link_source)
        return
    if note and setting == "hide":
        about = for_markdown(tags_phrase(excerpt.content_note))
        st.caption(f"One excerpt about {about} left out (sidebar setting *Content notes: Hide*).")
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
    st.caption("— " + for_markdown(f"{speaker_line(excerpt, source)} · {source_line(source)}"))
    if link_source:
        # A short label: Streamlit cuts a page link to one line, and the caption names the source.
        st.page_link(SOURCES_PAGE, label="About this source", query_params={"source": source.id})


@st.cache_data(max_entries=6, show_spinner=False)
def _handout(stamp: tuple, setting: str, _atlas) -> bytes:
    from route_atlas.handout import build_handout  # fpdf loads only when a handout is asked for

    return build_handout(_atlas, setting)


def handout(atlas, setting: str) -> bytes:
    """The PDF handout for a content-note setting, made once per content version and setting."""
    return _handout(fingerprint(), setting, atlas)


# Projector mode: the whole step readable from the back of a room on a 1280×720 projector.
# Body text 28 px or more; text #111 on white (18:1, where 7:1 is asked for), so Streamlit's
# faded blockquotes and grey captions are made solid, and a primary button (the content-note
# card's Show) white on #111, not #111 on its red (3.6:1); sidebar, toolbar and header hidden.
_PROJECTOR_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0.75rem 1.5rem 1rem !important; max-width: 100% !important; }
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stMain"] blockquote,
[data-testid="stMain"] [data-testid="stCaptionContainer"], [data-testid="stMain"] button,
[data-testid="stMain"] label, [data-testid="stMain"] summary {
    font-size: 28px !important; line-height: 1.35 !important; color: #111 !important; opacity: 1 !important;
}
[data-testid="stMain"] blockquote { border-left-color: #111 !important; }
[data-testid="stMain"] button[kind="primary"] {
    background-color: #111 !important; border-color: #111 !important; color: #fff !important;
}
[data-testid="stMain"] button[kind="primary"] p { color: #fff !important; }
[data-testid="stMain"] button:disabled, [data-testid="stMain"] button:disabled p { opacity: 0.4 !important; }
[data-testid="stMain"] h2 { font-size: 40px !important; color: #111 !important; padding: 0 !important; }
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 0.5rem !important; }
</style>
"""


def journey_style() -> None:
    """Hides the clicker's twin buttons (they are reached by their keys, not by sight)."""
    st.html("<style>.st-key-journey_pagedown, .st-key-journey_pageup { display: none; }</style>")


def projector_style() -> None:
    st.html(_PROJECTOR_CSS)
