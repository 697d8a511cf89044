"""The Excerpts page's table: one row per excerpt, every filter, search, notes and the CSV."""

import dataclasses
import io

import pandas as pd
import pytest

from route_atlas.excerpt_table import (
    COLUMNS,
    Filters,
    csv_bytes,
    excerpt_table,
    filters_from_query,
    matches,
    normalise,
    row_view,
    table_view,
)
from route_atlas.words import citation_line, speaker_line
from tests.conftest import NAMES


@pytest.fixture(scope="module")
def table(atlas):
    return excerpt_table(atlas)


def ids(view) -> list[str]:
    return list(view.rows["id"])


def kept(table, **filters) -> list[str]:
    return list(table.frame["id"][matches(table, Filters(**filters))])


# --- the table ---------------------------------------------------------------------------------


def test_the_table_has_one_row_per_excerpt_and_the_documented_columns(atlas, table):
    assert tuple(table.frame.columns) == COLUMNS
    assert len(table.frame) == table.total == len(atlas.excerpts)
    assert sorted(table.frame["id"]) == sorted(e.id for e in atlas.excerpts)


def test_rows_come_in_source_order_each_source_in_document_order(atlas, table):
    expected = [e.id for source in atlas.sources for e in atlas.excerpts_in(source)]
    assert list(table.frame["id"]) == expected


def test_each_row_gives_the_excerpt_its_speaker_source_and_countries_by_name(atlas, table):
    row = table.frame.set_index("id").loc["journeys-through-countries"]
    excerpt = next(e for e in atlas.excerpts if e.id == "journeys-through-countries")
    source = atlas.sources[excerpt.source]
    assert row["text"] == excerpt.text
    assert row["kind"] == "quote"
    assert row["speaker"] == speaker_line(excerpt, source) == "Article text"
    assert row["source"] == "Article on Beyond Utopia (2024)"
    assert row["countries"] == "China, Vietnam, Laos, Thailand, South Korea"
    assert row["topic"] == excerpt.topic
    assert row["citation"] == citation_line(excerpt, source)


def test_country_names_are_names_not_codes(table):
    shown = {name for cell in table.frame["countries"] for name in cell.split(", ") if name}
    assert shown <= set(NAMES.values())


def test_the_content_note_column_names_the_tags_in_words(table):
    row = table.frame.set_index("id").loc["colleague-killed-2016"]
    assert row["content_note"] == "killing"
    assert set(table.frame["content_note"]) >= {""}


# --- filters -----------------------------------------------------------------------------------


def test_no_filter_keeps_every_row(table):
    assert kept(table) == list(table.frame["id"])


def test_a_country_keeps_the_rows_naming_it(atlas, table):
    assert kept(table, countries=("MNG",)) == [e.id for e in atlas.excerpts if "MNG" in e.countries]


def test_several_countries_keep_the_rows_naming_any_of_them(atlas, table):
    either = {e.id for e in atlas.excerpts if {"MNG", "THA"} & set(e.countries)}
    assert set(kept(table, countries=("MNG", "THA"))) == either
    assert len(either) > len(kept(table, countries=("MNG",)))


def test_a_source_keeps_its_own_excerpts(atlas, table):
    assert kept(table, source="beyond-utopia-article") == [
        e.id for e in atlas.excerpts_in("beyond-utopia-article")
    ]


@pytest.mark.parametrize("kind", ["quote", "summary"])
def test_a_kind_keeps_quotations_or_summaries(atlas, table, kind):
    assert set(kept(table, kind=kind)) == {e.id for e in atlas.excerpts if e.kind == kind}


def test_a_topic_keeps_its_rows(atlas, table):
    assert set(kept(table, topic="routes")) == {e.id for e in atlas.excerpts if e.topic == "routes"}


def test_filters_combine(atlas, table):
    both = kept(table, countries=("CHN",), source="japan-forward", topic="repatriation")
    expected = [
        e.id for e in atlas.excerpts_in("japan-forward") if "CHN" in e.countries and e.topic == "repatriation"
    ]
    assert both == expected and both


# --- search ------------------------------------------------------------------------------------


def test_search_finds_every_passage_about_brokers(table):
    assert kept(table, query="broker") == ["detours-and-brokers", "journeys-through-countries"]


@pytest.mark.parametrize("query", ["BROKER", "Bröker", "ｂｒｏｋｅｒ", "  broker  "])
def test_search_ignores_case_accents_width_and_spaces(table, query):
    assert kept(table, query=query) == kept(table, query="broker")


def test_search_reads_the_speaker_too(atlas, table):
    by_interviewer = {e.id for e in atlas.excerpts if e.speaker == "Kenji Yoshida (interviewer)"}
    assert set(kept(table, query="yoshida")) == by_interviewer


def test_search_keeps_rows_holding_every_word_in_any_order(table):
    assert kept(table, query="brokers smugglers") == ["journeys-through-countries"]
    assert kept(table, query="smugglers brokers") == ["journeys-through-countries"]


def test_a_straight_apostrophe_finds_a_curly_one(atlas):
    excerpt = atlas.excerpts[0]
    curly = dataclasses.replace(atlas, excerpts=(excerpt.model_copy(update={"text": "God’s calling"}),))
    assert kept(excerpt_table(curly), query="god's") == [excerpt.id]


@pytest.mark.parametrize(
    ("written", "typed"),
    [("Việt Nam", "viet nam"), ("Éxodo", "exodo"), ("김승은", "김승은"), ("ＣＨＩＮＡ", "china")],
)
def test_normalising_folds_accents_width_and_case_but_keeps_hangul_whole(written, typed):
    assert normalise(written) == normalise(typed)


def test_a_hangul_syllable_is_not_found_inside_another():
    # 기 is the first two jamo of 김: decomposed text would match it, composed text does not.
    assert "기" not in normalise("김승은")
    assert normalise("김승은") == "김승은"


def test_search_treats_regular_expression_characters_as_text(atlas, table):
    assert kept(table, query=".*") == []
    assert kept(table, query="[sic]") == [e.id for e in atlas.excerpts if "[sic]" in e.text]


# --- the address -------------------------------------------------------------------------------


def test_a_link_gives_the_filters_in_any_case(atlas, table):
    asked = {"country": ["chn", "LAO"], "source": ["Japan-Forward"], "kind": ["Quote"], "q": ["broker"]}
    filters, message = filters_from_query(atlas, table, {**asked, "topic": ["routes"]})
    assert filters == Filters(("CHN", "LAO"), "japan-forward", "quote", "routes", "broker")
    assert message == ""


def test_a_link_may_list_countries_with_commas(atlas, table):
    filters, _ = filters_from_query(atlas, table, {"country": ["CHN,LAO", "CHN"]})
    assert filters.countries == ("CHN", "LAO")


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("country", "XYZ", 'country "XYZ" (there are: PRK, CHN,'),
        ("country", "RUS", 'country "RUS"'),
        ("source", "nyt", 'source "nyt" (there are: japan-forward, beyond-utopia-article)'),
        ("kind", "poem", 'kind "poem" (there are: quote, summary)'),
        ("topic", "weather", 'topic "weather" (there are: documentary,'),
    ],
)
def test_an_unknown_value_in_a_link_is_dropped_with_a_short_message(atlas, table, name, value, said):
    filters, message = filters_from_query(atlas, table, {name: [value]})
    assert filters == Filters()
    assert message.startswith("Not in this atlas, so left out of the filters: ")
    assert said in message


def test_a_known_country_stays_beside_an_unknown_one(atlas, table):
    filters, message = filters_from_query(atlas, table, {"country": ["XYZ", "CHN"]})
    assert filters.countries == ("CHN",) and '"XYZ"' in message


def test_a_long_value_is_cut_in_the_message_and_a_long_search_is_cut(atlas, table):
    filters, message = filters_from_query(atlas, table, {"topic": ["x" * 500], "q": ["y" * 500]})
    assert "x" * 40 not in message
    assert len(filters.query) == 200


def test_empty_values_filter_nothing_and_say_nothing(atlas, table):
    assert filters_from_query(atlas, table, {"country": [""], "q": ["  "], "kind": [""]}) == (Filters(), "")


def test_the_filters_go_back_into_the_address(atlas, table):
    filters = Filters(("CHN", "LAO"), None, "quote", None, "broker")
    assert filters.query_params() == {"country": ["CHN", "LAO"], "kind": "quote", "q": "broker"}
    assert (
        filters_from_query(
            atlas, table, {k: v if isinstance(v, list) else [v] for k, v in filters.query_params().items()}
        )[0]
        == filters
    )


# --- content notes -----------------------------------------------------------------------------


def noted_ids(atlas) -> set[str]:
    return {e.id for e in atlas.excerpts if e.content_note}


def test_hide_leaves_out_exactly_the_noted_rows_and_says_how_many(atlas, table):
    view = table_view(table, Filters(), "hide")
    assert set(ids(view)) == {e.id for e in atlas.excerpts} - noted_ids(atlas)
    n = len(noted_ids(atlas))
    assert view.left_out_line.startswith(f"{n} excerpts about ")
    assert view.left_out_line.endswith("match but are left out (content notes: Hide).")
    assert view.count_line == f"Showing {len(atlas.excerpts) - n} of {len(atlas.excerpts)} excerpts."
    assert set(view.matched) == {e.id for e in atlas.excerpts}, "the PDF says how many it leaves out"


def test_hide_counts_only_the_noted_rows_the_filters_keep(atlas, table):
    view = table_view(table, Filters(countries=("CHN",)), "hide")
    noted = [e for e in atlas.excerpts_about("CHN") if e.content_note]
    assert view.left_out_line.startswith(f"{len(noted)} excerpts about")


def test_ask_shows_the_note_in_place_of_the_text_and_show_shows_the_text(atlas, table):
    asked = table_view(table, Filters(), "ask").frame.set_index("id")
    shown = table_view(table, Filters(), "show").frame.set_index("id")
    assert asked.loc["colleague-killed-2016", "text"] == "Content note: killing. Pick the row to read it."
    assert shown.loc["colleague-killed-2016", "text"].startswith("Pastor Han Chung-yeol")
    quiet = next(e for e in atlas.excerpts if not e.content_note)
    assert asked.loc[quiet.id, "text"] == shown.loc[quiet.id, "text"] == quiet.text


def test_the_table_itself_is_not_changed_by_a_view(atlas, table):
    before = table.frame.copy()
    table_view(table, Filters(), "ask")
    pd.testing.assert_frame_equal(table.frame, before)


def test_a_picked_row_is_opened_whatever_the_setting(atlas, table):
    view = table_view(table, Filters(query="2016"), "ask")
    picked = row_view(atlas, view, 0)
    assert picked.excerpt.id == "colleague-killed-2016"
    assert picked.excerpt.state == "shown" and picked.excerpt.note == "Content note: killing"
    assert picked.copy_line.startswith("“Pastor Han Chung-yeol, a close colleague")
    assert picked.copy_line.endswith(
        " — Kenji Yoshida (interviewer), in “'Beyond Utopia': The Story of Pastor Kim and the Rescue of "
        "1000 North Koreans”, interview by Kenji Yoshida, no date in the copy."
    )
    assert picked.countries == (("CHN", "China"),)


@pytest.mark.parametrize("position", [None, -1, 99])
def test_no_row_is_picked_where_the_view_has_none(atlas, table, position):
    assert row_view(atlas, table_view(table, Filters(), "show"), position) is None


# --- the CSV -----------------------------------------------------------------------------------


@pytest.mark.parametrize("setting", ["ask", "hide"])
def test_the_csv_reads_back_into_the_same_table(table, setting):
    rows = table_view(table, Filters(), setting).rows
    back = pd.read_csv(io.BytesIO(csv_bytes(rows)), keep_default_na=False)
    pd.testing.assert_frame_equal(back, rows, check_dtype=False)


def test_the_csv_starts_with_a_byte_order_mark_and_its_header(table):
    data = csv_bytes(table.frame)
    assert data.startswith(
        b"\xef\xbb\xbfid,text,kind,speaker,source,countries,topic,content_note,citation\r\n"
    )
    assert "“" in data.decode("utf-8-sig"), "curly quotes survive"


def test_the_csv_holds_the_full_text_under_ask(table):
    rows = table_view(table, Filters(query="2016"), "ask").rows
    assert "Content note" not in csv_bytes(rows).decode("utf-8-sig").split("\r\n", 1)[1].split(",")[1]
