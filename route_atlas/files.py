"""Read content files an educator edits, keeping the line each entry and field came from."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import ContentError, ContentProblem


@dataclass
class Entry:
    """One record of a content file: its values, and the line of the record and of each field.

    `item_lines` gives, for each field that holds a list, the line of each item and of each key
    inside an item (``{"links": [(81, {"from": 81, "to": 81, "list": 81})]}``), so that a problem
    inside a list is reported on its own line.
    """

    values: dict
    line: int
    field_lines: dict[str, int] = field(default_factory=dict)
    item_lines: dict[str, list[tuple[int, dict[str, int]]]] = field(default_factory=dict)

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, self.line)

    def line_at(self, loc: tuple) -> int:
        """The line of a field, or of one item of a list field (loc like ("links", 0, "to"))."""
        if not loc:
            return self.line
        line = self.line_of(str(loc[0]))
        items = self.item_lines.get(str(loc[0]), [])
        if len(loc) > 1 and isinstance(loc[1], int) and 0 <= loc[1] < len(items):
            item_line, keys = items[loc[1]]
            line = keys.get(str(loc[2]), item_line) if len(loc) > 2 else item_line
        return line


# No content file is anywhere near this; a file this big is a mistake (or worse), and reading it
# would stall the check and the app for minutes.
MAX_BYTES = 5_000_000
# The deepest a content file nests: a list of entries, a list field, its items' fields.
MAX_DEPTH = 6
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_NUMBER = re.compile(r"[-+]?[0-9_.,:eE+-]+")


class UnsafeYAML(ValueError):
    """YAML the content files never need, refused before it is built: `line` and why."""

    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line = line


class _ContentLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases (a few lines of them can expand to gigabytes),
    nesting deeper than the schema needs, and keys given twice; and builds no dates: an unquoted
    date is refused by `_plain_dates`, so that every date reaches the schema as the text typed."""

    depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise UnsafeYAML(
                line, f"an alias (*{event.anchor}) is not allowed here: write the text out in full"
            )
        if getattr(event, "anchor", None):
            raise UnsafeYAML(
                line, f"an anchor (&{event.anchor}) is not allowed here: write the text out in full"
            )
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise UnsafeYAML(
                    line, f"nested {self.depth} levels deep; content files nest at most {MAX_DEPTH}"
                )
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, _ in node.value:
                if key.value in seen:
                    raise UnsafeYAML(
                        key.start_mark.line + 1,
                        f"{key.value!r} is given twice in one entry (first on line {seen[key.value]}): "
                        "keep one",
                    )
                seen[key.value] = key.start_mark.line + 1
        return node


_ContentLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_text(path: Path, shown_as: str) -> str:
    """A content file's text: at most MAX_BYTES, UTF-8 with or without a byte-order mark (what a
    spreadsheet's "CSV UTF-8" writes). Raises `ContentError` naming the line of a bad byte."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ContentError(
                [
                    ContentProblem(
                        shown_as,
                        None,
                        f"is {size / 1e6:.1f} MB; a content file may be at most {MAX_BYTES / 1e6:.0f} MB",
                    )
                ]
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise ContentError(
            [ContentProblem(shown_as, None, "cannot be read: the file is not there")]
        ) from None
    except OSError as error:  # the reason only: the server's own paths are no visitor's business
        raise ContentError([ContentProblem(shown_as, None, f"cannot be read: {error.strerror}")]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ContentError(
            [
                ContentProblem(
                    shown_as,
                    line,
                    f"expected UTF-8 text, got the byte 0x{data[error.start]:02x}: save the file as UTF-8 "
                    "(in a spreadsheet: CSV UTF-8; in an editor: encoding UTF-8)",
                )
            ]
        ) from None


def parse_yaml(path: Path, shown_as: str | None = None) -> tuple[yaml.Node | None, object]:
    """The file's YAML node tree (for line numbers) and its data, from one parse."""
    loader = _ContentLoader(read_text(path, shown_as or path.name))
    try:
        root = loader.get_single_node()
        if root is not None:
            _plain_dates(root)
        return root, (loader.construct_document(root) if root is not None else None)
    finally:
        loader.dispose()


def _plain_dates(node: yaml.Node) -> None:
    """Refuse a date typed without quotes (YAML would make it a date, or fail on 2024-02-30) and a
    number too long to be one."""
    if isinstance(node, yaml.ScalarNode) and node.style is None:
        if _DATE.fullmatch(node.value):
            raise UnsafeYAML(
                node.start_mark.line + 1, f'write the date in quotes, as "{node.value}" (YYYY-MM-DD)'
            )
        digits = sum(c.isdigit() for c in node.value)
        if digits > 18 and _NUMBER.fullmatch(node.value):  # Python refuses to convert some of these
            raise UnsafeYAML(
                node.start_mark.line + 1, f"a number of {digits} digits: numbers here have at most 18"
            )
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _plain_dates(item)
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            _plain_dates(value)


def read_yaml_entries(path: Path, shown_as: str) -> list[Entry]:
    """Read a YAML file holding a list of mappings.

    Returns one `Entry` per mapping, e.g. ``Entry(values={"id": "x", ...}, line=12,
    field_lines={"id": 12, "text": 15})``. Raises `ContentError` naming `shown_as` and the line
    when the file is not valid YAML or is not a list of mappings.
    """
    try:
        root, data = parse_yaml(path, shown_as)
    except UnsafeYAML as error:
        raise ContentError([ContentProblem(shown_as, error.line, str(error))]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        hint = (
            "check the indentation (entries start with '- ', their fields line up under the first) "
            "and put text containing ': ' or ' #' in quotes"
        )
        raise ContentError(
            [ContentProblem(shown_as, line, f"not valid YAML ({error.problem}): {hint}")]
        ) from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ContentError([ContentProblem(shown_as, None, f"cannot be read: {error}")]) from None

    if not isinstance(root, yaml.SequenceNode) or not isinstance(data, list):
        raise ContentError(
            [ContentProblem(shown_as, 1, "expected a list of entries (each starting with '- ')")]
        )
    entries, problems = [], []
    for node, values in zip(root.value, data, strict=True):
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode) or not isinstance(values, dict):
            problems.append(ContentProblem(shown_as, line, "expected an entry of 'name: value' fields"))
            continue
        field_lines = {key.value: key.start_mark.line + 1 for key, _ in node.value}
        entries.append(Entry(values, line, field_lines, _item_lines(node)))
    if problems:
        raise ContentError(problems)
    return entries


def _item_lines(node: yaml.MappingNode) -> dict[str, list[tuple[int, dict[str, int]]]]:
    """For each list field of an entry, the line of each item and of each key inside it."""
    found = {}
    for key, value in node.value:
        if isinstance(value, yaml.SequenceNode):
            found[str(key.value)] = [
                (
                    item.start_mark.line + 1,
                    {str(k.value): k.start_mark.line + 1 for k, _ in item.value}
                    if isinstance(item, yaml.MappingNode)
                    else {},
                )
                for item in value.value
            ]
    return found


def read_csv_entries(path: Path, shown_as: str, columns: list[str]) -> list[Entry]:
    """Read a CSV file with a header row naming at least `columns`.

    Returns one `Entry` per data row, ``line`` being the row's line in the file. Raises
    `ContentError` when the file cannot be read or a column is missing.
    """
    text = read_text(path, shown_as)
    try:
        with io.StringIO(text, newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            missing = [name for name in columns if name not in header]
            if missing:
                raise ContentError(
                    [
                        ContentProblem(
                            shown_as,
                            1,
                            f"missing column {', '.join(repr(m) for m in missing)}; "
                            f"expected columns {', '.join(columns)}, got {', '.join(header) or 'none'}",
                        )
                    ]
                )
            entries, problems = [], []
            while True:
                start = reader.line_num + 1
                try:
                    row = next(reader)
                except StopIteration:
                    break
                if reader.line_num > start and any(
                    "\n" in (v or "") for v in row.values() if isinstance(v, str)
                ):
                    # A quote opened and never closed swallows the lines after it: name where it opened.
                    problems.append(
                        ContentProblem(
                            shown_as,
                            start,
                            f'a quote (") opens on this line and is not closed before line '
                            f"{reader.line_num}: close it, or remove it",
                        )
                    )
                    continue
                extra = row.pop(None, None)
                values = {k: (v or "").strip() for k, v in row.items()}
                if extra:
                    values["__extra__"] = extra
                entries.append(Entry(values, reader.line_num))
            if problems:
                raise ContentError(problems)
            return entries
    except csv.Error as error:
        raise ContentError([ContentProblem(shown_as, None, f"cannot be read: {error}")]) from None
