"""Explore: the route countries on a country-level map, and what the sources say about each."""

import streamlit as st
from streamlit_folium import st_folium

import ui
from route_atlas import words
from route_atlas.atlas_map import CLICK_RETURNS, build_map, map_click, selection_layer
from route_atlas.escaping import for_markdown
from route_atlas.look import CAPTION
from route_atlas.present import country_message, country_panel, opening_panel

ui.require_frame()
atlas = ui.content()
codes = list(atlas.countries)

# A link such as /?country=CHN (or chn) opens on that country, also when the session has another
# open (a link from the Excerpts page): any code in the address this page did not put there
# itself. An unknown code stays in the address, and the message naming it stays, until the reader
# picks a country.
asked_for = st.query_params.get("country")
if "explore_country" not in st.session_state or (
    asked_for and asked_for != st.session_state.get("explore_asked")
):
    st.session_state["explore_country"] = atlas.country_code(asked_for)
st.session_state["explore_asked"] = asked_for
if message := country_message(atlas, asked_for):
    st.info(for_markdown(message))


def follow_map_click():
    """A click on a country selects it, just as the list does; a click on the sea clears it."""
    value = st.session_state.get("explore_map")
    choice = map_click(atlas, value, st.session_state.get("explore_map_seen"))
    st.session_state["explore_map_seen"] = value
    if choice is not None:
        st.query_params.pop("excerpt", None)
    if choice:
        st.session_state["explore_country"] = choice
    elif choice == "":
        st.session_state["explore_country"] = None
        st.query_params.pop("country", None)


st.title(words.EXPLORE_TITLE)
# Our own words only: the spans let a touch screen say "Tap" where a mouse says "Click" (atlas.css).
before, after = words.EXPLORE_INTRO
st.markdown(
    f'{for_markdown(before)} <span class="atlas-mouse">{words.CLICK}</span>'
    f'<span class="atlas-touch">{words.TAP}</span> {for_markdown(after)}',
    unsafe_allow_html=True,
)
# Keeps the reader's place: back from a source to the excerpt, and on a phone to the panel.
ui.page_script("explore.js")

map_column, panel_column = st.columns([3, 2], gap="large")
# The panel's key is the app's own marker for it (class st-key-explore_panel): the benchmark and
# the browser tests find the panel by it, not by its English words.
panel = panel_column.container(key="explore_panel")
map_slot, list_slot = map_column.container(), map_column.container()

with list_slot:
    # The keyboard and screen-reader path to the same selection; it keeps ?country= in the URL.
    selected = st.radio(
        words.COUNTRY_LIST,
        codes,
        index=None,
        format_func=lambda code: for_markdown(atlas.countries[code].name),
        key="explore_country",
        on_change=st.query_params.pop,  # a new country: the excerpt a link pointed at is not in it
        args=("excerpt", None),
        horizontal=True,
        persist_state="session",  # a reader coming back from Sources finds their country still open
    )
    # The address names the selection, so a copied link opens it.
    if selected:
        st.query_params["country"] = selected
        st.session_state["explore_asked"] = selected


setting = ui.notes_setting()
view = country_panel(atlas, selected, setting) if selected else opening_panel(atlas, setting)


def show_panel():
    st.header(for_markdown(view.heading))  # h2: the page's title is its only h1
    if selected:
        st.markdown(f"**{for_markdown(view.role_line)}** {for_markdown(view.description)}")
        st.caption(for_markdown(view.count_line))
    else:
        st.markdown(for_markdown(words.EXPLORE_PICK))
        st.caption(for_markdown(view.description))
    for excerpt in view.excerpts:
        # Keyed, so that the way back from Sources (?excerpt=) can bring this one into view.
        with st.container(key=f"excerpt_{excerpt.id}"):
            ui.show_excerpt(excerpt, back_to=selected)


def show_map():
    st_folium(
        build_map(atlas),
        key="explore_map",
        height=520,
        use_container_width=True,
        returned_objects=list(CLICK_RETURNS),
        feature_group_to_add=selection_layer(atlas, selected),
        on_change=follow_map_click,
    )
    st.caption(CAPTION)
    if view.selected_line:
        # On a phone the panel is below the map: say so where the tap happened.
        st.markdown(for_markdown(view.selected_line))


# Which goes first only changes when each reaches the browser, not where it is shown. On the first
# run the map goes first, so the browser starts fetching its scripts sooner; after that the panel a
# click asked for goes first, ahead of the map's 50 KB of unchanged script.
if st.session_state.get("explore_map_shown"):
    with panel:
        show_panel()
    with map_slot:
        show_map()
else:
    with map_slot:
        show_map()
    with panel:
        show_panel()
    st.session_state["explore_map_shown"] = True
