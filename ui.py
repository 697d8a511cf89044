"""Streamlit pieces every page shares: the frame's state, the checked content, how an excerpt is shown."""

import json
import logging
from dataclasses import replace
from html import escape
from pathlib import Path

import streamlit as st

from route_atlas import ContentError, fingerprint, load_content, words
from route_atlas.display import READING_PACE, Display, display_from
from route_atlas.escaping import for_markdown
from route_atlas.excerpt_table import ExcerptTable, excerpt_table
from route_atlas.look import LEGEND_ROWS, STAGE_LEGEND
from route_atlas.present import FOLDED, LEFT_OUT, ExcerptView
from route_atlas.schema import NOTES_SETTINGS
from route_atlas.web import PAGES
from route_atlas.words import ALL_TAGS_PHRASE, content_problems

EXPLORE_PAGE, SOURCES_PAGE = "pages/explore.py", "pages/sources.py"
STATIC = Path(__file__).resolve().parent / "static"
LOG = logging.getLogger("route_atlas")

# Session-state keys of the frame; each page's own keys start with its name (explore_, journey_).
FRAME_KEY = "app_frame"  # set by the frame before the page runs, taken by the page: once per run
DISPLAY_KEY = "app_display"
NOTES_KEY = "app_notes"
NOTICE_PAGE_KEY = "app_notice_page"  # the page a link with a bad setting opened
NOTES_CHOICES = {setting: words.NOTES_LABELS[setting] for setting in NOTES_SETTINGS}


def frame() -> None:
    """Page config, navigation and sidebar around whichever page the address names, then the page."""
    st.set_page_config(page_title="Escape Route Atlas", layout="wide")
    shown = display()
    page = st.navigation(
        [st.Page(file, title=title, url_path=url or None, default=not url) for file, title, url in PAGES],
        # A projector or a kiosk shows the content alone: no navigation and no sidebar are built.
        position="hidden" if shown.bare else "sidebar",
    )
    st.session_state[FRAME_KEY] = True
    # A chosen content-note setting stays in the address on every page, so a copied link, a
    # reload or a bookmark keeps it (Streamlit clears a page's query parameters as it leaves it).
    if NOTES_KEY in st.session_state:
        st.query_params["notes"] = st.session_state[NOTES_KEY]
    st.html(STATIC / "atlas.css")
    # What the link asked for that does not exist is said on the page the link opened, for as
    # long as the reader stays there (a map's first answer reruns the page a second after it
    # opens), and the address drops what it named.
    if shown.notice:
        opened_on = st.session_state.setdefault(NOTICE_PAGE_KEY, page.url_path)
        if opened_on == page.url_path:
            st.info(for_markdown(shown.notice))
            st.query_params.pop("notes", None)
        else:
            st.session_state[DISPLAY_KEY] = replace(shown, notice="")
    if not shown.bare:
        with st.sidebar:
            sidebar()
    page.run()


def require_frame() -> None:
    """Run the page inside the frame when Streamlit started it on its own.

    Streamlit's older multipage feature runs pages/<name>.py by itself, without app.py, when
    /<name> is the first address a fresh server sees; with no such file it would run app.py but
    cover the page with a "Page not found" dialog. So every page file is named after its address,
    and a page started alone builds the frame (which runs the page inside it) and stops.
    """
    if not st.session_state.pop(FRAME_KEY, False):
        frame()
        st.stop()


def display() -> Display:
    """How this visit is shown: read from the address once (?present=1, ?kiosk=1, ?notes=hide)."""
    if DISPLAY_KEY not in st.session_state:
        shown = display_from(st.query_params.to_dict())
        for problem in shown.problems:  # a venue's screen shows no messages; its log does
            LOG.warning("%s (address: %s)", problem, st.context.url)
        st.session_state[DISPLAY_KEY] = shown
        if shown.notes:
            st.session_state[NOTES_KEY] = shown.notes
    return st.session_state[DISPLAY_KEY]


def set_present(on: bool) -> None:
    """Projector mode on or off; the address follows, so a copied link opens in the same mode."""
    st.session_state[DISPLAY_KEY] = replace(display(), present=on)
    if on:
        st.query_params["present"] = "1"
    else:
        st.query_params.pop("present", None)


def notes_setting() -> str:
    """What to do with content-noted excerpts, for the whole session: "ask", "show" or "hide"."""
    return st.session_state.get(NOTES_KEY) or "ask"


def set_notes_setting(value: str) -> None:
    st.session_state[NOTES_KEY] = value
    st.query_params["notes"] = value


def notes_buttons(where: str = "app") -> None:
    """The content-note setting as three buttons; `where` prefixes their keys (the sidebar's are
    app_notes_ask, app_notes_show, app_notes_hide)."""
    # Plain buttons, not radio buttons or a segmented control: those keep the focus and take a
    # clicker's arrow keys, so the next key press would change this setting instead of the step.
    setting = notes_setting()
    st.markdown(
        f"**Content notes:** {NOTES_CHOICES[setting]}",
        help=(
            f"Excerpts about {ALL_TAGS_PHRASE}. Ask: folded behind a note, "
            "and on the Journey a card asks before a step shows them. Show: shown under their note. "
            "Hide: left out, with a line saying so. Applies to every page and to the handout. "
            "A link with ?notes=ask, ?notes=show or ?notes=hide opens with that setting."
        ),
    )
    for column, (value, label) in zip(st.columns(3, gap="small"), NOTES_CHOICES.items(), strict=True):
        column.button(
            label,
            key=f"{where}_notes_{value}",
            type="primary" if value == setting else "secondary",
            on_click=set_notes_setting,
            args=(value,),
            use_container_width=True,
        )


def sidebar() -> None:
    """The content-note setting for the whole lesson, and where everything comes from."""
    notes_buttons()
    st.caption(
        "Country level only. Every excerpt is quoted from, or summarised from, two published "
        "texts, an interview and a news article; see Sources."
    )


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
            f"{content_problems(len(problems))}, so the atlas cannot be shown. "
            "Fix them in the files named below, then reload this page or run "
            "`.venv/bin/python -m route_atlas check` to check again."
        )
        st.code("\n".join(str(p) for p in problems), language=None, wrap_lines=True)
        st.stop()
    return loaded


def show_excerpt(view: ExcerptView, link_source: bool = True, back_to: str | None = None) -> None:
    """One excerpt as its view says: shown (under its note, if it has one), folded behind its
    note, or left out with a line saying so. `back_to`, a country's code, gives the link to its
    source a way back to this country and excerpt."""
    if view.state == LEFT_OUT:
        st.caption(for_markdown(view.left_out_line))
    elif view.state == FOLDED:
        with st.expander(view.note):
            _excerpt_body(view, link_source, back_to)
    else:
        if view.note:
            st.caption(view.note)
        _excerpt_body(view, link_source, back_to)


def _excerpt_body(view: ExcerptView, link_source: bool, back_to: str | None) -> None:
    if view.quote:
        st.markdown("> " + for_markdown(view.text))
    else:
        st.markdown(f"**{words.SUMMARY}** " + for_markdown(view.text))
    st.caption("— " + for_markdown(view.credit))
    if link_source:
        # A short label: Streamlit cuts a page link to one line, and the caption names the source.
        where = {"source": view.source_id} | ({"from": back_to, "excerpt": view.id} if back_to else {})
        st.page_link(SOURCES_PAGE, label=words.ABOUT_SOURCE, query_params=where)


@st.cache_data(max_entries=6, show_spinner=False)
def _handout(stamp: tuple, setting: str, _atlas) -> bytes:
    from route_atlas.handout import build_handout  # fpdf loads only when a handout is asked for

    return build_handout(_atlas, setting)


def handout(atlas, setting: str) -> bytes:
    """The PDF handout for a content-note setting, made once per content version and setting."""
    return _handout(fingerprint(), setting, atlas)


@st.cache_data(max_entries=2, show_spinner=False)
def _offline_atlas(stamp: tuple, _atlas) -> bytes:
    from route_atlas.offline_atlas import build_atlas

    return build_atlas(_atlas).data


def offline_atlas(atlas) -> bytes:
    """The offline atlas (atlas.html), made once per content version."""
    return _offline_atlas(fingerprint(), atlas)


@st.cache_resource(max_entries=1, show_spinner=False)
def _excerpt_table(stamp: tuple, _atlas) -> ExcerptTable:
    return excerpt_table(_atlas)


def excerpts(atlas) -> ExcerptTable:
    """The table of every excerpt, built once per content version and shared by every session
    (cache_resource: no copy per rerun; nothing changes it once built)."""
    return _excerpt_table(fingerprint(), atlas)


@st.cache_data(max_entries=6, show_spinner=False)
def _excerpts_handout(stamp: tuple, ids: tuple, setting: str, chosen: str, _atlas) -> bytes:
    from route_atlas.handout import build_excerpts_handout  # fpdf loads only when a PDF is asked for

    return build_excerpts_handout(_atlas, ids, setting, chosen)


def excerpts_handout(atlas, ids, setting: str, chosen: str) -> bytes:
    """The PDF of chosen excerpts, made once per content version, choice and setting."""
    return _excerpts_handout(fingerprint(), tuple(ids), setting, chosen, atlas)


def bring_into_view(key: str, selector: str) -> None:
    """Scroll the container keyed `key` into view once `selector` is drawn inside it."""
    page_script(
        "bring_into_view.js", f"window.atlasBringIntoView({json.dumps(key)}, {json.dumps(selector)});"
    )


def journey_style() -> None:
    """Hides the clicker's twin buttons (they are reached by their keys, not by sight)."""
    st.html(STATIC / "journey.css")


def projector_style() -> None:
    st.html(STATIC / "projector.css")


def pane_keys() -> None:
    """The clicker pages through a step's pane before it moves on (static/journey_pane.js)."""
    page_script("journey_pane.js")


def map_legend() -> None:
    """The map's legend beneath it, in projector type: in the map's corner, at a size the back of
    a room can read, it would cover a third of the map (the map leaves its own out: `large`)."""
    rows = [
        f'<span class="atlas-swatch" style="background:{colour}"></span>{escape(label)}'
        for colour, label in LEGEND_ROWS
    ]
    rows += [
        f'<span class="atlas-swatch atlas-swatch-{kind}"></span>{escape(label)}'
        for kind, label in zip(("bold", "dashed", "link"), STAGE_LEGEND, strict=True)
    ]
    st.html('<div class="atlas-map-legend">' + "".join(f"<span>{row}</span>" for row in rows) + "</div>")


def kiosk(index: int, steps, shown: Display) -> None:
    """What the kiosk loop needs to know of this step (static/kiosk.js reads it), its look, and a
    quiet cue of where the loop is: one dot a step, the current one filled."""
    data = {
        "step": index,
        "last": len(steps) - 1,
        "first": steps[0].slug,
        "seconds": shown.seconds or steps[index].seconds,
        "fixed": int(shown.seconds is not None),
        "pace": READING_PACE,
        "idle": shown.idle,
    }
    attributes = " ".join(f'data-{name}="{escape(str(value))}"' for name, value in data.items())
    dots = "".join(
        '<span class="atlas-here"></span>' if i == index else "<span></span>" for i in range(len(steps))
    )
    st.html(STATIC / "kiosk.css")
    st.html(f'<div class="atlas-kiosk-data" {attributes}></div><div class="atlas-kiosk-dots">{dots}</div>')
    page_script("kiosk.js")


def page_script(name: str, call: str = "") -> None:
    """Runs one of static/'s scripts in the page, after what they share (static/rerun.js), then
    `call`, our own code (never content). Each script guards itself against running twice."""
    script = "\n".join((STATIC / file).read_text(encoding="utf-8") for file in ("rerun.js", name))
    st.html(f"<script>{script}\n{call}</script>", unsafe_allow_javascript=True)
