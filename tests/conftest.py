"""Fixtures every test layer shares: the project's content, and a copy of it to break."""

import shutil
from pathlib import Path

import pytest

from route_atlas import load_content

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
# Route country names by ISO3, from the content itself (tests name no country list of their own).
NAMES = {code: country.name for code, country in load_content(DATA).countries.items()}


@pytest.fixture(scope="session")
def atlas():
    """The project's own content, loaded and checked."""
    return load_content(DATA)


@pytest.fixture
def data_copy(tmp_path):
    """A copy of data/ (named data/, so messages read as they do for the real files)."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in the file with `new`; return the line where `new` starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    start = text.index(old)
    path.write_text(text[:start] + new + text[start + len(old) :], encoding="utf-8")
    return text.count("\n", 0, start) + 1


def step(atlas, slug: str):
    """The journey step with this slug."""
    return next(s for s in atlas.steps if s.slug == slug)
