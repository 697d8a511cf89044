"""Excerpts: every excerpt in one table to search and filter, for preparing a lesson or an essay."""

import streamlit as st

import ui
from route_atlas.escaping import for_markdown
from route_atlas.excerpt_table import (
    KINDS,
    PARAMS,
    Filters,
    chosen_line,
    csv_bytes,
    filters_from_query,
    row_view,
    table_view,
)
from route_atlas.words import ANY, EXCERPT_COLUMNS, KIND_LABELS, on_explore

ui.require_frame()
atlas = ui.content()
table = ui.excerpts(atlas)

# A link such as /excerpts?country=CHN&q=broker opens with those filters, read once per visit;
# after that the filters are the widgets' (kept across pages) and the address follows them.
if "excerpts_notice" not in st.session_state:
    asked, notice = filters_from_query(atlas, table, {name: st.query_params.get_all(name) for name in PARAMS})
    st.session_state.update(
        excerpts_q=asked.query,
        excerpts_country=list(asked.countries),
        excerpts_source=asked.source,
        excerpts_kind=asked.kind,
        excerpts_topic=asked.topic,
        excerpts_notice=notice,
    )


def filters_changed() -> None:
    """A new choice answers the link's message, and a row picked under the old filters would now
    name another excerpt: both go."""
    st.session_state["excerpts_notice"] = ""
    st.session_state["excerpts_table"] = {"selection": {"rows": [], "columns": []}}


st.title("Excerpts")
st.markdown(
    "Every excerpt of the two sources in one table. Search it or filter it, pick a row to read the "
    "excerpt in full with a citation to copy, and download what you found for a worksheet. "
    "Quotations are verbatim; paraphrases are marked *summary*."
)
if st.session_state["excerpts_notice"]:
    st.info(for_markdown(st.session_state["excerpts_notice"]))

st.text_input(
    "Search the excerpts and their speakers",
    key="excerpts_q",
    placeholder="A word or two, such as broker",
    help="Capitals and accents make no difference; a row must hold every word you type.",
    on_change=filters_changed,
    persist_state="session",
)
country_column, source_column, kind_column, topic_column = st.columns([3, 2, 2, 2])
country_column.multiselect(
    "Countries named",
    list(atlas.countries),
    format_func=lambda code: atlas.countries[code].name,
    key="excerpts_country",
    placeholder=ANY,
    help="Rows whose text names any of these countries.",
    on_change=filters_changed,
    persist_state="session",
)
source_column.selectbox(
    "Source",
    list(atlas.sources),
    format_func=lambda source_id: atlas.sources[source_id].short_title,
    key="excerpts_source",
    placeholder=ANY,
    on_change=filters_changed,
    persist_state="session",
)
kind_column.segmented_control(
    "Kind",
    KINDS,
    format_func=KIND_LABELS.get,
    key="excerpts_kind",
    on_change=filters_changed,
    persist_state="session",
)
topic_column.selectbox(
    "Topic",
    table.topics,
    key="excerpts_topic",
    placeholder=ANY,
    on_change=filters_changed,
    persist_state="session",
)

filters = Filters(
    countries=tuple(st.session_state["excerpts_country"]),
    source=st.session_state["excerpts_source"],
    kind=st.session_state["excerpts_kind"],
    topic=st.session_state["excerpts_topic"],
    query=" ".join(st.session_state["excerpts_q"].split()),
)
# The address names the filters, so a copied link opens this view.
wanted = filters.query_params()
for name in PARAMS:
    if name in wanted:
        st.query_params[name] = wanted[name]
    else:
        st.query_params.pop(name, None)

setting = ui.notes_setting()
view = table_view(table, filters, setting)
st.caption(for_markdown(view.count_line))
if view.left_out_line:
    st.caption(for_markdown(view.left_out_line))

if view.frame.empty:
    if not view.matched:  # else the line above says the setting left them out
        st.info("No excerpt matches all of these filters. Remove one, or search for fewer words.")
    st.stop()

picked = st.dataframe(
    view.frame,
    key="excerpts_table",
    on_select="rerun",
    selection_mode="single-row",
    hide_index=True,
    column_order=[name for name in EXCERPT_COLUMNS if name != "citation"],
    # Widths in pixels that fit the whole table beside the sidebar at 1280 px; a narrower screen
    # scrolls the table sideways inside itself, never the page.
    column_config={
        "text": st.column_config.TextColumn(EXCERPT_COLUMNS["text"], width=230),
        "kind": st.column_config.TextColumn(EXCERPT_COLUMNS["kind"], width=58),
        "speaker": st.column_config.TextColumn(EXCERPT_COLUMNS["speaker"], width=96),
        "source": st.column_config.TextColumn(EXCERPT_COLUMNS["source"], width=96),
        "countries": st.column_config.TextColumn(EXCERPT_COLUMNS["countries"], width=92),
        "topic": st.column_config.TextColumn(EXCERPT_COLUMNS["topic"], width=110),
        "content_note": st.column_config.TextColumn(EXCERPT_COLUMNS["content_note"], width=100),
    },
    # Five lines a row: Streamlit wraps a cell's text only in rows taller than 4rem.
    row_height=116,
    alt="Excerpts from the two sources",
)

rows = picked.selection.rows
row = row_view(atlas, view, rows[0] if rows else None)
with st.container(key="excerpts_picked"):
    if row is None:
        st.caption("Pick a row (the box at its left) to read the excerpt in full, with its citation to copy.")
    else:
        ui.show_excerpt(row.excerpt)
        st.markdown("**The excerpt with its citation, to copy:**")
        st.code(row.copy_line, language=None, wrap_lines=True)
        with st.container(horizontal=True):
            for code, name in row.countries:
                st.page_link("pages/explore.py", label=on_explore(name), query_params={"country": code})
# A new pick is drawn under the table, often below the screen's edge: bring it into view, once.
if row and st.session_state.get("excerpts_shown") != row.excerpt.id:
    ui.bring_into_view("excerpts_picked", '[data-testid="stCode"]')
st.session_state["excerpts_shown"] = row.excerpt.id if row else None

st.divider()
with st.container(horizontal=True):
    st.download_button(
        "Download these rows (CSV)",
        data=lambda: csv_bytes(view.rows),
        file_name="escape-route-atlas-excerpts.csv",
        mime="text/csv",
        on_click="ignore",
        help="The rows shown, one column per field, with a citation for each; UTF-8 for any "
        "spreadsheet. A file cannot ask first: under Ask, content-noted excerpts are in it in full, "
        "their content note in its own column.",
    )
    st.download_button(
        "Download these excerpts (PDF)",
        data=lambda: ui.excerpts_handout(atlas, view.matched, setting, chosen_line(atlas, filters)),
        file_name="escape-route-atlas-excerpts.pdf",
        mime="application/pdf",
        on_click="ignore",
        help="The excerpts shown, each in full with its citation, as the Journey's handout prints "
        "them. It follows the sidebar's content-note setting.",
    )
