"""Read content files an educator edits, keeping the line each entry and field came from."""

from __future__ import annotations

import csv
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


def parse_yaml(path: Path) -> tuple[yaml.Node | None, object]:
    """The file's YAML node tree (for line numbers) and its data, from one parse."""
    loader = yaml.SafeLoader(path.read_text(encoding="utf-8"))
    try:
        root = loader.get_single_node()
        return root, (loader.construct_document(root) if root is not None else None)
    finally:
        loader.dispose()


def read_yaml_entries(path: Path, shown_as: str) -> list[Entry]:
    """Read a YAML file holding a list of mappings.

    Returns one `Entry` per mapping, e.g. ``Entry(values={"id": "x", ...}, line=12,
    field_lines={"id": 12, "text": 15})``. Raises `ContentError` naming `shown_as` and the line
    when the file is not valid YAML or is not a list of mappings.
    """
    try:
        root, data = parse_yaml(path)
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
    try:
        with path.open(encoding="utf-8", newline="") as handle:
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
            entries = []
            for row in reader:
                extra = row.pop(None, None)
                values = {k: (v or "").strip() for k, v in row.items()}
                if extra:
                    values["__extra__"] = extra
                entries.append(Entry(values, reader.line_num))
            return entries
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise ContentError([ContentProblem(shown_as, None, f"cannot be read: {error}")]) from None
