"""The cross-checks between content files: every reference resolves, every quotation is found in
its source, every excerpt lists the countries it names, every journey line follows a source's list.

`Checks` is mixed into the loader (`content.Loader`), which reads each file into records and
reports each problem with its file and line.
"""

from __future__ import annotations

import difflib
import unicodedata

from .files import Entry
from .quoting import enumerations, list_sentence, mentions, quote_span
from .schema import Excerpt

COUNTRIES_FILE = "countries.csv"
SOURCES_FILE = "sources.yaml"
EXCERPTS_FILE = "excerpts.yaml"
JOURNEY_FILE = "journey.yaml"
EXPLORE_FILE = "explore.yaml"
SOURCE_TEXTS_DIR = "sources"


class Checks:
    """The checks; the loader supplies `problem(file, line, message)`, `line_at(file, entry, loc)`,
    `invalid_keys` (records that failed their own checks) and `entry_counts` (entries per file)."""

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
                    f"{', '.join(named)}, or empty for the source's own text",
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
                quoted = excerpt.text if what == "quote" else excerpt.anchor
                composed = quote_span(
                    unicodedata.normalize("NFC", quoted), unicodedata.normalize("NFC", text)
                )
                self.problem(
                    EXCERPTS_FILE,
                    entry.line_of("text" if what == "quote" else "anchor"),
                    f"{what} of {excerpt.id} is not found verbatim in {SOURCE_TEXTS_DIR}/{source.file} "
                    + (
                        "as typed, only after Unicode normalisation: some accented letters are stored "
                        "differently (NFC and NFD); copy them from the source file"
                        if composed is not None
                        else "(allowed edits: white space, … for an elision, [bracketed] insertions "
                        "such as [sic])"
                    ),
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

    def check_journey(self, steps, countries, excerpts) -> None:
        """Cross-check the journey's steps against the countries and excerpts files."""
        if steps is None:
            return
        name = JOURNEY_FILE
        if not self.entry_counts.get(name):
            self.problem(name, 1, "no steps: expected a list of steps, each starting with '- slug: '")
            return
        known_countries = None if countries is None else {c.iso3: c.name for c, _ in countries}
        known_excerpts = None if excerpts is None else {e.id: e for e, _ in excerpts}
        # A step that failed its own checks is missing here, so whether a link starts at an
        # earlier step's country cannot be told: that check waits until the step is fixed.
        complete = len(steps) == self.entry_counts[name]
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


def _no_excerpt(what: str, value: str, known: dict) -> str:
    close = difflib.get_close_matches(value, list(known), n=1)
    hint = f'; did you mean "{close[0]}"?' if close else ""
    return f'{what} "{value}" is not the id of any excerpt in {EXCERPTS_FILE}{hint}'


def _not_one_of(what: str, value: str, known: list[str]) -> str:
    return f'{what} "{value}" is not one of {", ".join(known) or "(none loaded)"}'
