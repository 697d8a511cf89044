"""Errors the content loader and the map guard raise."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ContentProblem:
    """One thing wrong in one content file, located as precisely as the file allows."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        return f"{where}: {self.message}"


class ContentError(Exception):
    """The content files have problems; `problems` lists every one found, not just the first."""

    def __init__(self, problems: list[ContentProblem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0))
        super().__init__("\n".join(str(p) for p in self.problems))


class CountryLevelError(ValueError):
    """Something other than a whole-country polygon was about to reach the map."""
