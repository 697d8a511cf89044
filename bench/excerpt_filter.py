"""The Excerpts page's filtering on content far larger than today's: 5,000 synthetic excerpts.

Each rerun of the page calls `route_atlas.excerpt_table.table_view` once, on a table built once
per content version; this times that call (and the build) with no server or browser, in this
process. The synthetic content repeats the real excerpts under new ids, so texts, speakers,
countries and content notes have their real lengths and mix.
"""

from __future__ import annotations

import dataclasses
import statistics
import time

from route_atlas import Content
from route_atlas.excerpt_table import Filters, excerpt_table, table_view

EXCERPTS = 5000
# What a teacher does on the page: nothing yet, a country, a word, two words, everything at once.
FILTERS = {
    "none": Filters(),
    "country": Filters(countries=("CHN",)),
    "search": Filters(query="broker"),
    "two words": Filters(query="china border"),
    "all filters": Filters(countries=("CHN", "LAO"), source="japan-forward", kind="quote", query="kim"),
}


def synthetic_content(content: Content, n: int = EXCERPTS) -> Content:
    """`content` with n excerpts: the real ones over and over, each copy with its own id and place."""
    real = content.excerpts
    excerpts, spans = [], {}
    for k in range(n):
        original = real[k % len(real)]
        copy = original.model_copy(update={"id": f"{original.id}-{k}"})
        start, end = content.spans[original.id]
        excerpts.append(copy)
        spans[copy.id] = (k * 100_000 + start, k * 100_000 + end)  # copies in order, in each source
    return dataclasses.replace(content, excerpts=tuple(excerpts), spans=spans)


def filter_timing(content: Content, n: int = EXCERPTS, repeats: int = 20, setting: str = "ask") -> dict:
    """{"excerpts": n, "build_ms": the table's build, "filter_ms": {filter name: [ms per call]}}."""
    big = synthetic_content(content, n)
    start = time.perf_counter()
    table = excerpt_table(big)
    build_ms = (time.perf_counter() - start) * 1000
    samples: dict[str, list[float]] = {}
    for name, filters in FILTERS.items():
        table_view(table, filters, setting)  # warm-up: pandas compiles and caches on first use
        samples[name] = []
        for _ in range(repeats):
            start = time.perf_counter()
            table_view(table, filters, setting)
            samples[name].append(round((time.perf_counter() - start) * 1000, 3))
    return {"excerpts": len(table.frame), "build_ms": round(build_ms, 1), "filter_ms": samples}


def timing_lines(result: dict) -> list[str]:
    """The measure on its own, one line per filter: median (min–max) ms."""
    lines = [
        f"Excerpts table, {result['excerpts']} synthetic excerpts: built once in {result['build_ms']:.0f} ms"
    ]
    for name, ms in result["filter_ms"].items():
        lines.append(
            f"  filter ({name}): {statistics.median(ms):.1f} ms (min {min(ms):.1f}, max {max(ms):.1f})"
        )
    return lines
