"""Load and check every content file in `data/`; nothing here ever writes to it."""

from __future__ import annotations

import difflib
import hashlib
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import get_args

import yaml
from pydantic import BaseModel, ValidationError

from .boundaries import BOUNDARIES_FILE, PROVENANCE_FILE, check_boundaries, read_provenance
from .errors import ContentError, ContentProblem
from .files import Entry, read_csv_entries, read_yaml_entries
from .geography import label_points
from .journey import enumerations, list_sentence, mentions
from .schema import Country, Excerpt, Panel, Source, Step
from .verbatim import quote_span

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DATA_DIR_VARIABLE = "ROUTE_ATLAS_DATA_DIR"

COUNTRIES_FILE = "countries.csv"
SOURCES_FILE = "sources.yaml"
EXCERPTS_FILE = "excerpts.yaml"
JOURNEY_FILE = "journey.yaml"
EXPLORE_FILE = "explore.yaml"
SOURCE_TEXTS_DIR = "sources"

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
        # file -> line of an entry -> field -> [(line of item, {key of item: line})], for the
        # fields that hold lists, so a problem inside one is reported on its own line.
        self.item_lines: dict[str, dict[int, dict[str, list[tuple[int, dict[str, int]]]]]] = {}

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
                self.item_lines[name] = _item_lines(path)
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
                self.problem(name, self.line_at(name, entry, detail["loc"]), _describe(detail, model))
            return None

    def line_at(self, name: str, entry: Entry, loc: tuple) -> int:
        """The line of a field, or of one item of a list field (loc like ("links", 0, "to"))."""
        if not loc:
            return entry.line
        line = entry.line_of(str(loc[0]))
        items = self.item_lines.get(name, {}).get(entry.line, {}).get(str(loc[0]), [])
        if len(loc) > 1 and isinstance(loc[1], int) and 0 <= loc[1] < len(items):
            item_line, keys = items[loc[1]]
            line = keys.get(str(loc[2]), item_line) if len(loc) > 2 else item_line
        return line

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

    def check_excerpts(self, excerpts, countries, sources, texts) -> dict[str, tuple[int, int]]:
        """Cross-check excerpts against whichever other files could be read at all."""
        if excerpts is None:
            return {}
        known_countries = None if countries is None else [c.iso3 for c, _ in countries]
        by_id = {s.id: s for s, _ in sources or ()}
        spans = {}
        for excerpt, entry in excerpts:
            if countries is not None:
                self.check_country_tags(excerpt, entry, countries)
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
                found = quote_span(excerpt.text, text)
                what = "quote"
            elif not excerpt.anchor:
                self.problem(
                    EXCERPTS_FILE, entry.line, "a summary needs an anchor: a verbatim phrase of its source"
                )
                continue
            else:
                found = quote_span(excerpt.anchor, text)
                what = "anchor"
            if found is None:
                self.problem(
                    EXCERPTS_FILE,
                    entry.line_of("text" if what == "quote" else "anchor"),
                    f"{what} of {excerpt.id} is not found verbatim in {SOURCE_TEXTS_DIR}/{source.file} "
                    "(allowed edits: white space, … for an elision, [bracketed] insertions such as [sic])",
                )
            else:
                spans[excerpt.id] = found
        return spans

    def check_country_tags(self, excerpt: Excerpt, entry: Entry, countries) -> None:
        """An excerpt lists exactly the countries its own text names: a panel that says an
        excerpt mentions China must show one that does."""
        words = {c.iso3: c.names for c, _ in countries}
        named: dict[str, str] = {}
        for code, said, *_ in mentions(excerpt.text, words):
            named.setdefault(code, said)
        line = entry.line_of("countries")
        for code, said in named.items():
            if code not in excerpt.countries:
                self.problem(
                    EXCERPTS_FILE,
                    line,
                    f'{excerpt.id} names {words[code][0]} ("{said}") but its countries do not list {code}: '
                    f"add {code}",
                )
        for code in excerpt.countries:
            if code in words and code not in named:
                self.problem(
                    EXCERPTS_FILE,
                    line,
                    f"{excerpt.id} lists {code} but its text does not name {words[code][0]} "
                    f"(as {' or '.join(repr(w) for w in words[code])}): list only countries the text "
                    "names, or quote the sentence that names it",
                )

    def check_excerpt_ids(self, name: str, entry: Entry, ids, excerpts) -> None:
        """Every excerpt id a step or panel lists is the id of an excerpt."""
        if excerpts is None:
            return
        known = {e.id: e for e, _ in excerpts}
        for index, excerpt_id in enumerate(ids):
            if excerpt_id not in known and excerpt_id not in self.invalid_keys:
                self.problem(
                    name,
                    self.line_at(name, entry, ("excerpts", index)),
                    _no_excerpt("excerpt", excerpt_id, known),
                )

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

    def check_journey(self, steps, countries, excerpts) -> None:
        """Cross-check the journey's steps against the countries and excerpts files."""
        if steps is None:
            return
        name = JOURNEY_FILE
        if not self.item_lines.get(name):
            self.problem(name, 1, "no steps: expected a list of steps, each starting with '- slug: '")
            return
        known_countries = None if countries is None else {c.iso3: c.name for c, _ in countries}
        known_excerpts = None if excerpts is None else {e.id: e for e, _ in excerpts}
        # A step that failed its own checks is missing here, so whether a link starts at an
        # earlier step's country cannot be told: that check waits until the step is fixed.
        complete = len(steps) == len(self.item_lines[name])
        earlier: list[str] = []
        for step, entry in steps:
            for index, code in enumerate(step.countries):
                if (
                    known_countries is not None
                    and code not in known_countries
                    and code not in self.invalid_keys
                ):
                    self.problem(
                        name,
                        self.line_at(name, entry, ("countries", index)),
                        _not_one_of("country", code, list(known_countries)),
                    )
            self.check_excerpt_ids(name, entry, step.excerpts, excerpts)
            for index, link in enumerate(step.links):
                lines = {
                    key: self.line_at(name, entry, ("links", index, key)) for key in ("from", "to", "list")
                }
                self.check_link(
                    step, link, lines, earlier if complete else None, known_countries, known_excerpts
                )
            earlier.extend(code for code in step.countries if code not in earlier)

    def check_link(self, step, link, lines, earlier, known_countries, known_excerpts) -> None:
        """One link: known countries, in the right steps, drawn from a sentence of a quoted list."""
        name = JOURNEY_FILE
        ends_known = True
        for key, code in (("from", link.from_), ("to", link.to)):
            if known_countries is not None and code not in known_countries:
                ends_known = False
                if code not in self.invalid_keys:
                    self.problem(name, lines[key], "link " + _not_one_of(key, code, list(known_countries)))
        if earlier is not None and ends_known:
            allowed = [*earlier, *(c for c in step.countries if c not in earlier)]
            if link.from_ not in allowed:
                self.problem(
                    name,
                    lines["from"],
                    f"link from {link.from_}: a line starts at a country of this step or an earlier one "
                    f"(expected one of {', '.join(allowed) or 'none yet'}), got {link.from_}",
                )
        if ends_known and link.to not in step.countries:
            self.problem(
                name,
                lines["to"],
                f"link to {link.to}: a line ends at a country of this step "
                f"(expected one of {', '.join(step.countries) or 'none: this step lists no countries'}), "
                f"got {link.to}",
            )
        if known_excerpts is None:
            return
        excerpt = known_excerpts.get(link.list)
        if excerpt is None:
            if link.list not in self.invalid_keys:
                self.problem(name, lines["list"], "link " + _no_excerpt("list", link.list, known_excerpts))
            return
        if excerpt.kind != "quote":
            self.problem(
                name,
                lines["list"],
                f'link list "{link.list}" is a {excerpt.kind}; expected the id of a quote excerpt '
                "whose own words list the countries",
            )
            return
        if not ends_known or known_countries is None:
            return
        if list_sentence(excerpt.text, known_countries, link.from_, link.to) is None:
            lists = [
                ", ".join(known_countries[c] for c in codes)
                for _, codes in enumerations(excerpt.text, known_countries)
            ]
            self.problem(
                name,
                lines["list"],
                f'step "{step.slug}": link {link.from_} to {link.to} is not drawn from a source list: '
                f"{known_countries[link.from_]} and {known_countries[link.to]} are not adjacent members, "
                f"in that order, of one list in {link.list} (its lists: "
                + ("; ".join(lists) if lists else "none")
                + ")",
            )


def _item_lines(path: Path) -> dict[int, dict[str, list[tuple[int, dict[str, int]]]]]:
    """For each entry of a YAML list (by its line), the line of each item of its list fields."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    found = {}
    for node in root.value if isinstance(root, yaml.SequenceNode) else ():
        fields = {}
        for key, value in node.value if isinstance(node, yaml.MappingNode) else ():
            if isinstance(value, yaml.SequenceNode):
                fields[str(key.value)] = [
                    (
                        item.start_mark.line + 1,
                        {str(k.value): k.start_mark.line + 1 for k, _ in item.value}
                        if isinstance(item, yaml.MappingNode)
                        else {},
                    )
                    for item in value.value
                ]
        found[node.start_mark.line + 1] = fields
    return found


def _no_excerpt(what: str, value: str, known: dict) -> str:
    close = difflib.get_close_matches(value, list(known), n=1)
    hint = f'; did you mean "{close[0]}"?' if close else ""
    return f'{what} "{value}" is not the id of any excerpt in {EXCERPTS_FILE}{hint}'


def _not_one_of(what: str, value: str, known: list[str]) -> str:
    return f'{what} "{value}" is not one of {", ".join(known) or "(none loaded)"}'


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
    message = detail["msg"]
    return f"{field}{inside}: {message[0].lower()}{message[1:]}, got {got!r}"
