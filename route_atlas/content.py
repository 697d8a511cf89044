"""Load and check every content file in `data/`; nothing here ever writes to it."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .errors import ContentError, ContentProblem
from .files import Entry, read_csv_entries, read_yaml_entries
from .schema import Country, Excerpt, Source
from .verbatim import find_quote

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DATA_DIR_VARIABLE = "ROUTE_ATLAS_DATA_DIR"

COUNTRIES_FILE = "countries.csv"
SOURCES_FILE = "sources.yaml"
EXCERPTS_FILE = "excerpts.yaml"
BOUNDARIES_FILE = "boundaries/region.geojson"
SOURCE_TEXTS_DIR = "sources"

# A friendlier word than a regular expression for the fields that have a pattern.
_PATTERN_HINTS = {
    "iso3": "a three-letter ISO code in capitals, such as CHN",
    "id": "lower-case words joined by hyphens, such as tumen-river-2000",
    "topic": "lower-case words joined by hyphens, such as pastor-kim",
    "sha256": "64 hexadecimal characters (run: sha256sum FILE)",
    "date": "a date written YYYY-MM-DD, or empty",
    "file": "a file name in data/sources/ ending in .txt",
}


@dataclass(frozen=True)
class Content:
    """Everything the app shows, checked and cross-referenced."""

    countries: dict[str, Country]  # by ISO3, in file order
    sources: dict[str, Source]  # by id, in file order
    excerpts: tuple[Excerpt, ...]  # in file order
    source_texts: dict[str, str]  # by source id
    positions: dict[str, int]  # excerpt id -> where it stands in its source
    boundaries: dict  # GeoJSON FeatureCollection of whole countries

    def excerpts_about(self, iso3: str) -> list[Excerpt]:
        """Excerpts naming the country, in the order of the excerpts file."""
        return [e for e in self.excerpts if iso3 in e.countries]

    def general_excerpts(self, topics: tuple[str, ...]) -> list[Excerpt]:
        """Excerpts about no country in particular, on the given topics, in file order."""
        return [e for e in self.excerpts if not e.countries and e.topic in topics]

    def country_code(self, asked_for: str | None) -> str | None:
        """The route country a code in a link means ("chn" -> "CHN"), or None if there is none."""
        code = (asked_for or "").strip().upper()
        return code if code in self.countries else None

    def excerpts_in(self, source_id: str) -> list[Excerpt]:
        """Excerpts of one source, in the order they appear in the document."""
        chosen = [e for e in self.excerpts if e.source == source_id]
        return sorted(chosen, key=lambda e: self.positions[e.id])

    @cached_property
    def country_codes(self) -> tuple[str, ...]:
        return tuple(self.countries)


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
    loader = _Loader(folder)
    content = loader.load()
    if loader.problems:
        raise ContentError(loader.problems)
    return content


class _Loader:
    def __init__(self, folder: Path):
        self.folder = folder
        self.problems: list[ContentProblem] = []
        # Keys of records that failed their own checks: references to them are not reported
        # again, so one typo in a source does not flood the list with every excerpt citing it.
        self.invalid_keys: set[str] = set()

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
        positions = self.check_excerpts(excerpts, countries, sources, texts)
        boundaries = self.boundaries(countries)
        if self.problems:
            return None
        return Content(
            countries={c.iso3: c for c, _ in countries},
            sources={s.id: s for s, _ in sources},
            excerpts=tuple(e for e, _ in excerpts),
            source_texts=texts,
            positions=positions,
            boundaries=boundaries,
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
                field = str(detail["loc"][0]) if detail["loc"] else ""
                self.problem(name, entry.line_of(field), _describe(field, detail, model))
            return None

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

    def check_country_sources(self, countries, sources) -> None:
        if countries is None or sources is None:
            return
        known = [s.id for s, _ in sources]
        for country, entry in countries:
            for source_id in country.sources:
                if source_id not in known and source_id not in self.invalid_keys:
                    self.problem(COUNTRIES_FILE, entry.line, _not_one_of("source", source_id, known))

    def check_excerpts(self, excerpts, countries, sources, texts) -> dict[str, int]:
        """Cross-check excerpts against whichever other files could be read at all."""
        if excerpts is None:
            return {}
        known_countries = None if countries is None else [c.iso3 for c, _ in countries]
        by_id = {s.id: s for s, _ in sources or ()}
        positions = {}
        for excerpt, entry in excerpts:
            for code in excerpt.countries if known_countries is not None else ():
                if code not in known_countries and code not in self.invalid_keys:
                    self.problem(
                        EXCERPTS_FILE,
                        entry.line_of("countries"),
                        _not_one_of("country", code, known_countries),
                    )
            source = by_id.get(excerpt.source)
            if source is None and (sources is None or excerpt.source in self.invalid_keys):
                continue
            if source is None:
                self.problem(
                    EXCERPTS_FILE, entry.line_of("source"), _not_one_of("source", excerpt.source, list(by_id))
                )
                continue
            if excerpt.speaker and excerpt.speaker not in source.speakers:
                named = list(source.speakers) or ["(nobody: leave it empty)"]
                self.problem(
                    EXCERPTS_FILE,
                    entry.line_of("speaker"),
                    f'speaker "{excerpt.speaker}" is not named by {source.id}; expected one of '
                    f"{', '.join(named)}, or empty for the article's own text",
                )
            text = texts.get(source.id)
            if text is None:
                continue  # the source text itself is reported missing or changed
            if excerpt.kind == "quote":
                found = find_quote(excerpt.text, text)
                what = "quote"
            elif not excerpt.anchor:
                self.problem(
                    EXCERPTS_FILE, entry.line, "a summary needs an anchor: a verbatim phrase of its source"
                )
                continue
            else:
                found = find_quote(excerpt.anchor, text)
                what = "anchor"
            if found is None:
                self.problem(
                    EXCERPTS_FILE,
                    entry.line_of("text" if what == "quote" else "anchor"),
                    f"{what} of {excerpt.id} is not found verbatim in {SOURCE_TEXTS_DIR}/{source.file} "
                    "(allowed edits: white space, … for an elision, [bracketed] insertions such as [sic])",
                )
            else:
                positions[excerpt.id] = found
        return positions

    def boundaries(self, countries) -> dict:
        name = BOUNDARIES_FILE
        try:
            data = json.loads((self.folder / name).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            self.problem(name, getattr(error, "lineno", None), f"cannot be read as GeoJSON: {error}")
            return {}
        features = data.get("features") if isinstance(data, dict) else None
        if not isinstance(features, list):
            self.problem(name, None, "expected a GeoJSON FeatureCollection")
            return {}
        present = set()
        for index, feature in enumerate(features):
            feature = feature if isinstance(feature, dict) else {}
            props = feature.get("properties") or {}
            geometry = feature.get("geometry") or {}
            if (
                geometry.get("type") not in ("Polygon", "MultiPolygon")
                or not props.get("iso3")
                or not props.get("name")
            ):
                self.problem(
                    name,
                    None,
                    f"feature {index} must be a Polygon or MultiPolygon with iso3 and name properties, "
                    f"got {geometry.get('type')!r} with properties {sorted(props)}",
                )
                continue
            present.add(props["iso3"])
        for country, entry in countries or ():
            if country.iso3 not in present:
                self.problem(COUNTRIES_FILE, entry.line, f'country "{country.iso3}" has no polygon in {name}')
        return data


def _not_one_of(what: str, value: str, known: list[str]) -> str:
    return f'{what} "{value}" is not one of {", ".join(known) or "(none loaded)"}'


def _describe(field: str, detail: dict, model: type[BaseModel]) -> str:
    kind = detail["type"]
    if kind == "missing":
        return f'missing field "{field}"'
    if kind == "extra_forbidden":
        return f'unknown field "{field}"; expected one of {", ".join(model.model_fields)}'
    got = detail.get("input")
    if kind == "string_pattern_mismatch" and field in _PATTERN_HINTS:
        return f"{field}: expected {_PATTERN_HINTS[field]}, got {got!r}"
    message = detail["msg"]
    return f"{field}: {message[0].lower()}{message[1:]}, got {got!r}"
