"""Journey: the route one step at a time, for a class walked through it from a laptop."""

from contextlib import nullcontext

import streamlit as st
from streamlit_folium import st_folium

import ui
from route_atlas.atlas_map import build_map, journey_layer, view_of
from route_atlas.escaping import for_markdown
from route_atlas.journey import resolve_step
from route_atlas.look import CAPTION, LEGEND_FOOTER, SCHEMATIC_CAPTION, SHORT_CAPTION
from route_atlas.present import step_view
from route_atlas.words import (
    CARD_LEAD,
    FIRST,
    LAST,
    NEXT,
    OUR_NOTE,
    PREVIOUS,
    PROJECTOR_OFF,
    PROJECTOR_ON,
    SHOW_AFTER_ALL,
)

# Projector mode fits 1280×720: the heading and keys above, then the map and a pane of text.
MAP_HEIGHT_PRESENT, PANE_HEIGHT = 400, 540

ui.require_frame()
atlas = ui.content()
steps = atlas.steps
last = len(steps) - 1

# A link such as /journey?step=china (or ?step=3) opens on that step, read once per visit;
# after that the buttons move and the address follows. (?present=1 is the frame's: ui.display.)
if "journey_step" not in st.session_state:
    index, notice = resolve_step(steps, st.query_params.get("step"))
    st.session_state["journey_step"] = index
    st.session_state["journey_notice"] = notice
    st.session_state["journey_notes"] = {}  # the class's answer to each step's content-note card


def move_by(delta: int) -> None:
    """Relative, so two quick presses of Right move two steps, not one."""
    move_to(st.session_state["journey_step"] + delta)


def move_to(index: int) -> None:
    st.session_state["journey_step"] = max(0, min(last, index))
    st.session_state["journey_notice"] = None


def decide(slug: str, choice: str) -> None:
    """The class's answer to a step's content-note card: "show" or "skip"."""
    st.session_state["journey_notes"][slug] = choice
    st.session_state["journey_revealed"] = choice == "show"  # bring the first of them into view


# Clamped: an educator may have removed steps since this session began.
index = min(st.session_state["journey_step"], last)
shown = ui.display()
present = shown.present or shown.kiosk  # a kiosk is a projector nobody stands at
setting = ui.notes_setting()
view = step_view(atlas, index, setting, st.session_state["journey_notes"].get(steps[index].slug))
st.query_params["step"] = view.slug

if present:
    ui.projector_style()
    ui.pane_keys()

if st.session_state.get("journey_notice"):
    st.info(for_markdown(st.session_state["journey_notice"]))


def tools():
    """Projector mode, the content-note setting where the sidebar is not built, the handout."""
    with st.container(horizontal=True, width="content", key="journey_tools"):
        # A button, not a switch: a focused switch is an input, and Streamlit ignores shortcut keys
        # while an input has focus, so the clicker would stop working the moment the class begins.
        st.button(
            PROJECTOR_OFF if present else PROJECTOR_ON,
            key="journey_present_button",
            on_click=ui.set_present,
            args=(not present,),
            help="Large type, no sidebar: for a class. The link with ?present=1 opens in this mode.",
        )
        if present:
            with st.popover(f"Content notes: {ui.NOTES_CHOICES[setting]}", key="journey_notes_popover"):
                ui.notes_buttons("journey")
        st.download_button(
            "Handout (PDF)" if present else "Download handout (PDF)",  # a projector's row is full
            data=lambda: ui.handout(atlas, setting),
            file_name="escape-route-atlas-handout.pdf",
            mime="application/pdf",
            on_click="ignore",
            key="journey_handout",
            help="Every step with its quotations and full citations, the sources and a country-level "
            "map. It follows the content-note setting.",
        )


# The step's heading, with the tools beside it; on a projector the tools go beside the keys
# instead, so that the heading has the room of the whole screen and the pane the most height.
with st.container(horizontal=True, vertical_alignment="center", key="journey_top"):
    with st.container(key="journey_heading"):
        st.header(for_markdown(view.heading), anchor=False)
    if not present:
        tools()
    if shown.kiosk:  # its quiet cue of where the loop is sits beside the heading
        ui.kiosk(index, steps, shown)

with st.container(horizontal=True, vertical_alignment="center", key="journey_nav"):  # one row, on a phone too
    st.button(FIRST, on_click=move_to, args=(0,), shortcut="Home", disabled=index == 0)
    st.button(PREVIOUS, on_click=move_by, args=(-1,), shortcut="Left", disabled=index == 0)
    st.button(NEXT, on_click=move_by, args=(1,), shortcut="Right", disabled=index == last)
    st.button(LAST, on_click=move_to, args=(last,), shortcut="End", disabled=index == last)
    if present:
        st.space("stretch")
        tools()
# A presentation clicker sends PageDown and PageUp. A button takes one shortcut, so these two
# twins of Next and Previous carry them, out of sight (ui.journey_style hides them).
st.button("Next", key="journey_pagedown", on_click=move_by, args=(1,), shortcut="PageDown")
st.button("Previous", key="journey_pageup", on_click=move_by, args=(-1,), shortcut="PageUp")
if shown.kiosk:  # pressed by the loop (static/kiosk.js), never by hand: it wraps to step 1
    st.button("Next", key="journey_kiosk_next", on_click=move_to, args=((index + 1) % len(steps),))
ui.journey_style()

# Keyed so that a phone, where the columns stack, can put the step's text above its map (atlas.css).
body = st.container(key="journey_body")
map_column, text_column = body.columns([1, 1] if present else [3, 2], gap="large")
# On a projector the page itself never scrolls: a long step scrolls inside its own pane.
# Its height fits the screen (static/projector.css); a clicker pages through it (ui.pane_keys).
text_area = (
    text_column.container(height=PANE_HEIGHT, border=False, key="journey_pane") if present else text_column
)

with text_area:
    if view.card:
        with st.container(border=True, key="content_note_card"):
            st.markdown(f"**{CARD_LEAD}** {for_markdown(view.card.sentence)}")
            # On a projector, S shows them and the clicker's next key skips (static/journey_pane.js).
            with st.container(horizontal=True):
                st.button(view.card.show_label, on_click=decide, args=(view.slug, "show"), type="primary")
                st.button(view.card.skip_label, on_click=decide, args=(view.slug, "skip"))
    # Just shown by the card: the first of them is keyed so that the pane scrolls to it.
    revealed = st.session_state.pop("journey_revealed", False)
    first_noted = next((e.id for e in view.shown if e.note), None)
    for excerpt in view.shown:
        key = "journey_revealed" if revealed and excerpt.id == first_noted else f"noted_{excerpt.id}"
        with st.container(key=key) if excerpt.note else nullcontext():
            ui.show_excerpt(excerpt)
    if view.left_out_line:
        st.caption(for_markdown(view.left_out_line))
        if view.offer_show:
            st.button(SHOW_AFTER_ALL, on_click=decide, args=(view.slug, "show"))

with map_column:
    centre, zoom = view_of(atlas, view.layer.countries)
    # Keyed so that the projector's map can take the screen's height (static/projector.css).
    with st.container(key="journey_map_box"):
        st_folium(
            build_map(atlas, clicker_keys=True, large=present, zoom_buttons=not shown.kiosk),
            key="journey_map",
            height=MAP_HEIGHT_PRESENT if present else 480,
            use_container_width=True,
            returned_objects=[],
            center=centre,
            zoom=zoom,
            feature_group_to_add=journey_layer(
                atlas, view.layer.countries, view.layer.earlier, view.layer.links
            ),
        )
    if present:  # the legend beneath the map, in projector type; one line of caption, the rest its help
        ui.map_legend()
        full = CAPTION + (" " + SCHEMATIC_CAPTION if view.layer.links else "")
        st.caption(SHORT_CAPTION if view.layer.links else LEGEND_FOOTER + ".", help=full)
    else:
        st.caption(CAPTION)
        if view.layer.links:
            st.caption(SCHEMATIC_CAPTION)

with text_area if present else map_column:
    for listed in view.lists:
        st.caption(for_markdown(listed.line))
    if view.note:
        st.markdown(f"*{OUR_NOTE}* {for_markdown(view.note)}")

if not present:  # a reader who scrolled to the end of a long step moves on from there
    with st.container(horizontal=True, key="journey_nav_bottom"):
        st.button(PREVIOUS, key="journey_previous_bottom", on_click=move_by, args=(-1,), disabled=index == 0)
        st.button(NEXT, key="journey_next_bottom", on_click=move_by, args=(1,), disabled=index == last)
