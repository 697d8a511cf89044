"""bench/excerpt_filter.py: the synthetic content it times, and the measure printed (never asserted)."""

from __future__ import annotations

from bench.__main__ import main
from bench.excerpt_filter import EXCERPTS, FILTERS, filter_timing, synthetic_content, timing_lines
from route_atlas.excerpt_table import Filters, excerpt_table, table_view


def test_the_synthetic_content_repeats_the_real_excerpts_under_ids_of_their_own(atlas):
    big = synthetic_content(atlas, 100)
    assert len(big.excerpts) == 100 and len({e.id for e in big.excerpts}) == 100
    assert [e.text for e in big.excerpts[: len(atlas.excerpts)]] == [e.text for e in atlas.excerpts]
    assert set(big.spans) == {e.id for e in big.excerpts}


def test_filtering_the_synthetic_content_finds_each_copy(atlas):
    table = excerpt_table(synthetic_content(atlas, 3 * len(atlas.excerpts)))
    once = len(table_view(excerpt_table(atlas), Filters(query="broker"), "ask").rows)
    assert len(table_view(table, Filters(query="broker"), "ask").rows) == 3 * once


def test_the_filter_timing_on_5000_excerpts_is_printed(atlas, capsys):
    result = filter_timing(atlas, repeats=5)
    assert result["excerpts"] == EXCERPTS
    assert list(result["filter_ms"]) == list(FILTERS)
    assert all(len(ms) == 5 and min(ms) > 0 for ms in result["filter_ms"].values())
    with capsys.disabled():
        print("\n" + "\n".join(timing_lines(result)))


def test_the_command_line_prints_the_measure_alone(capsys):
    assert main(["--excerpt-filter"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith(f"Excerpts table, {EXCERPTS} synthetic excerpts: built once in ")
    assert [line.split(":")[0].strip() for line in printed[1:]] == [f"filter ({name})" for name in FILTERS]
