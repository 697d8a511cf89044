"""The content the atlas shows, and how it is read from `data/`: nothing here ever writes to it.

`load_content` reads every file into checked records; the cross-checks between files are in
`checks.py`, the rules for quotations and lists in `quoting.py`.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import get_args

from pydantic import BaseModel, ValidationError

from .boundaries import BOUNDARIES_FILE, PROVENANCE_FILE, check_boundaries, read_provenance
from .checks import (
    COUNTRIES_FILE,
    EXCERPTS_FILE,
    EXPLORE_FILE,
    JOURNEY_FILE,
    SOURCE_TEXTS_DIR,
    SOURCES_FILE,
    Checks,
)
from .errors import ContentError, ContentProblem
from .files import Entry, read_csv_entries, read_yaml_entries
from .geography import label_points
from .schema import Country, Excerpt, Panel, Source, Step

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DATA_DIR_VARIABLE = "ROUTE_ATLAS_DATA_DIR"


# A friendlier word than a regular expression for the fields that have a pattern.
_PATTERN_HINTS = {
    "iso3": "a three-letter ISO code in capitals, such as CHN",
    "id": "lower-case words joined by hyphens, such as tumen-river-2000",
    "slug": "lower-case words joined by hyphens, such as southern-routes",
    "topic": "lower-case words joined by hyphens, such as pastor-kim",
    "sha256": "64 hexadecimal characters (run: sha256sum FILE)",
    "date": "a date written YYYY-MM-DD, or empty",
    "file": "a file name in data/sources/ ending in .txt",
}
_TOO_SHORT_HINTS = {
    "excerpts": "a step needs at least one excerpt id from excerpts.yaml (an empty step shows nothing)",
}


@dataclass(frozen=True)
class Content:
    """Everything the app shows, checked and cross-referenced."""

    countries: dict[str, Country]  # by ISO3, in file order
    sources: dict[str, Source]  # by id, in file order
    excerpts: tuple[Excerpt, ...]  # in file order
    source_texts: dict[str, str]  # by source id
    spans: dict[str, tuple[int, int]]  # excerpt id -> where it starts and ends in its source
    boundaries: dict  # GeoJSON FeatureCollection of whole countries
    steps: tuple[Step, ...] = ()  # the guided journey, in file order
    opening: Panel | None = None  # Explore's panel before a country is picked

    def excerpts_about(self, iso3: str) -> list[Excerpt]:
        """Excerpts naming the country, in the order of the excerpts file."""
        return [e for e in self.excerpts if iso3 in e.countries]

    def excerpts_by_id(self, ids) -> list[Excerpt]:
        """The excerpts with these ids, in the order given (the loader has checked every id)."""
        by_id = {e.id: e for e in self.excerpts}
        return [by_id[excerpt_id] for excerpt_id in ids]

    def gap_between(self, earlier: Excerpt, later: Excerpt) -> bool:
        """Whether the source has words between two of its excerpts that neither quotes."""
        between = self.source_texts[earlier.source][self.spans[earlier.id][1] : self.spans[later.id][0]]
        return earlier.source != later.source or any(ch.isalnum() for ch in between)

    def country_code(self, asked_for: str | None) -> str | None:
        """The route country a code in a link means ("chn" -> "CHN"), or None if there is none."""
        code = (asked_for or "").strip().upper()
        return code if code in self.countries else None

    def excerpts_in(self, source_id: str) -> list[Excerpt]:
        """Excerpts of one source, in the order they appear in the document."""
        chosen = [e for e in self.excerpts if e.source == source_id]
        return sorted(chosen, key=lambda e: self.spans[e.id])

    @cached_property
    def label_points(self) -> dict[str, tuple[float, float]]:
        """Each country's label point, (lon, lat) by ISO3: worked out once, used on every rerun."""
        return label_points(self.boundaries)


def data_dir() -> Path:
    """The content folder: $ROUTE_ATLAS_DATA_DIR when set, else the project's `data/`."""
    return Path(os.environ.get(DATA_DIR_VARIABLE) or DEFAULT_DATA_DIR)


def fingerprint(folder: Path | None = None) -> tuple:
    """Size and modification time of every content file: changes when an educator saves one."""
    folder = folder or data_dir()
    stamps: list = [str(folder.resolve())]
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            stat = path.stat()
            stamps.append((str(path.relative_to(folder)), stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)


def load_content(folder: Path | None = None) -> Content:
    """Read every content file in `folder` (default: `data_dir()`) and check it.

    Returns a `Content`. Raises `ContentError` listing every problem found in every file,
    each with its file and line, e.g. ``data/excerpts.yaml, line 14: country "XYZ" is not one
    of PRK, CHN, ...``.
    """
    folder = folder or data_dir()
    loader = Loader(folder)
    content = loader.load()
    if loader.problems:
        raise ContentError(loader.problems)
    return content


class Loader(Checks):
    """Reads every content file into checked records, collecting every problem found."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.problems: list[ContentProblem] = []
        # Keys of records that failed their own checks: references to them are not reported
        # again, so one typo in a source does not flood the list with every excerpt citing it.
        self.invalid_keys: set[str] = set()
        # How many entries each file holds, valid or not (a journey's order needs them all).
        self.entry_counts: dict[str, int] = {}

    def shown(self, name: str) -> str:
        return f"{self.folder.name}/{name}"

    def problem(self, name: str, line: int | None, message: str) -> None:
        self.problems.append(ContentProblem(self.shown(name), line, message))

    def load(self) -> Content | None:
        countries = self.records(COUNTRIES_FILE, Country, "iso3", csv_columns=list(Country.model_fields))
        sources = self.records(SOURCES_FILE, Source, "id")
        excerpts = self.records(EXCERPTS_FILE, Excerpt, "id")
        texts = self.source_texts(sources)
        self.check_country_sources(countries, sources)
        spans = self.check_excerpts(excerpts, countries, sources, texts)
        boundaries = self.boundaries(countries)
        steps = self.records(JOURNEY_FILE, Step, "slug")
        self.check_journey(steps, countries, excerpts)
        panels = self.records(EXPLORE_FILE, Panel, "panel")
        for panel, entry in panels or ():
            self.check_excerpt_ids(EXPLORE_FILE, entry, panel.excerpts, excerpts)
        if self.problems:
            return None
        return Content(
            countries={c.iso3: c for c, _ in countries},
            sources={s.id: s for s, _ in sources},
            excerpts=tuple(e for e, _ in excerpts),
            source_texts=texts,
            spans=spans,
            boundaries=boundaries,
            steps=tuple(s for s, _ in steps),
            opening=next((p for p, _ in panels if p.panel == "opening"), None),
        )

    def records(self, name, model: type[BaseModel], key: str, csv_columns=None):
        """Parse one file into models, reporting bad fields and duplicate keys by line."""
        path = self.folder / name
        try:
            if csv_columns:
                entries = read_csv_entries(path, self.shown(name), csv_columns)
            else:
                entries = read_yaml_entries(path, self.shown(name))
        except ContentError as error:
            self.problems.extend(error.problems)
            return None
        self.entry_counts[name] = len(entries)
        records, seen = [], {}
        for entry in entries:
            record = self.validate(name, model, entry)
            if record is None:
                self.invalid_keys.add(str(entry.values.get(key)))
                continue
            value = getattr(record, key)
            if value in seen:
                self.problem(
                    name, entry.line_of(key), f'duplicate {key} "{value}" (first used on line {seen[value]})'
                )
                continue
            seen[value] = entry.line_of(key)
            records.append((record, entry))
        return records

    def validate(self, name: str, model: type[BaseModel], entry: Entry):
        extra = entry.values.pop("__extra__", None)
        if extra:
            self.problem(name, entry.line, f"more values than columns: {extra!r}")
        try:
            return model.model_validate(entry.values)
        except ValidationError as error:
            for detail in error.errors():
                self.problem(name, self.line_at(name, entry, detail["loc"]), _describe(detail, model))
            return None

    def line_at(self, name: str, entry: Entry, loc: tuple) -> int:
        return entry.line_at(loc)

    def source_texts(self, sources) -> dict[str, str]:
        texts = {}
        for source, entry in sources or ():
            path = self.folder / SOURCE_TEXTS_DIR / source.file
            try:
                raw = path.read_bytes()
            except OSError:
                self.problem(
                    SOURCES_FILE,
                    entry.line_of("file"),
                    f"source text {SOURCE_TEXTS_DIR}/{source.file} not found",
                )
                continue
            digest = hashlib.sha256(raw).hexdigest()
            if digest != source.sha256:
                self.problem(
                    SOURCES_FILE,
                    entry.line_of("sha256"),
                    f"sha256 of {SOURCE_TEXTS_DIR}/{source.file} is {digest}, expected {source.sha256}: "
                    "the text has changed since it was recorded",
                )
                # Quotes are still checked against the text as it is now: every problem at once.
            texts[source.id] = raw.decode("utf-8", errors="replace")
        return texts

    def boundaries(self, countries) -> dict:
        """The boundary file, checked against its recorded build and for whole countries only:
        the map's safety line rests on it, so nothing in it is taken on trust."""
        provenance, problems = read_provenance(self.folder / PROVENANCE_FILE)
        for line, message in problems:
            self.problem(PROVENANCE_FILE, line, message)
        try:
            raw = (self.folder / BOUNDARIES_FILE).read_bytes()
        except OSError as error:
            self.problem(BOUNDARIES_FILE, None, f"cannot be read: {error.strerror or error}")
            return {}
        data, problems = check_boundaries(raw, provenance)
        for line, message in problems:
            self.problem(BOUNDARIES_FILE, line, message)
        present = set()
        for feature in (data or {}).get("features", ()):
            props = feature.get("properties") if isinstance(feature, dict) else None
            if isinstance(props, dict) and isinstance(props.get("iso3"), str):
                present.add(props["iso3"])
        for country, entry in countries or ():
            if country.iso3 not in present:
                self.problem(
                    COUNTRIES_FILE,
                    entry.line,
                    f'country "{country.iso3}" has no polygon in {BOUNDARIES_FILE}',
                )
        return data or {}


def _describe(detail: dict, model: type[BaseModel]) -> str:
    """A pydantic error in the words of the content file: field names as written there."""
    kind = detail["type"]
    field, inside = "", ""
    for part in detail["loc"]:  # e.g. ("links", 0, "to"): walk into the nested record
        if isinstance(part, int):
            inside = f" in {field} entry {part + 1}"
            continue
        field = str(part)
        fields = {f.alias or n: f for n, f in model.model_fields.items()}
        annotation = fields[field].annotation if field in fields else None
        nested = [a for a in get_args(annotation) if isinstance(a, type) and issubclass(a, BaseModel)]
        if nested:
            model = nested[0]
    names = [f.alias or n for n, f in model.model_fields.items()]
    if kind == "missing":
        return f'missing field "{field}"{inside}'
    if kind == "extra_forbidden":
        return f'unknown field "{field}"{inside}; expected one of {", ".join(names)}'
    got = detail.get("input")
    if kind == "string_pattern_mismatch" and field in _PATTERN_HINTS:
        return f"{field}{inside}: expected {_PATTERN_HINTS[field]}, got {got!r}"
    if kind == "too_short" and field in _TOO_SHORT_HINTS:
        return f"{field}{inside}: {_TOO_SHORT_HINTS[field]}, got none"
    if kind == "value_error":  # our own validators' words, which say what was found
        return f"{field}{inside}: {detail['ctx']['error']}"
    message = detail["msg"]
    return f"{field}{inside}: {message[0].lower()}{message[1:]}, got {got!r}"
