"""The README keeps up with the code: every content field and every page is documented."""

import pytest

from route_atlas import Country, Excerpt, Link, Source, Step
from route_atlas.schema import Panel
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
APP = (ROOT / "app.py").read_text(encoding="utf-8")


ROWS = {"Country": "countries.csv", "Source": "sources.yaml", "Excerpt": "excerpts.yaml"}
ROWS |= {"Step": "journey.yaml", "Link": "journey.yaml", "Panel": "explore.yaml"}


def readme_row(file: str) -> str:
    """The README's table row for one content file."""
    return next(line for line in README.splitlines() if line.startswith(f"| `data/{file}` |"))


@pytest.mark.parametrize(
    "model, field",
    [
        (model, field)
        for model in (Country, Source, Excerpt, Step, Link, Panel)
        for field in model.model_fields
    ],
)
def test_every_content_field_is_documented_in_its_files_row(model, field):
    field = (model.model_fields[field].alias or field) if model is Link else field
    assert f"`{field}`" in readme_row(ROWS[model.__name__]), (
        f"{model.__name__}.{field} is not in its README row"
    )


@pytest.mark.parametrize("page", sorted(p.name for p in (ROOT / "pages").glob("*.py")))
def test_every_page_is_in_the_navigation_and_the_readme(page):
    import ui

    addresses = {file: url for file, _, url in ui.PAGES}
    assert f"pages/{page}" in addresses
    assert f"`/{addresses[f'pages/{page}']}`" in README


def test_the_readme_starts_with_the_two_commands():
    first_screen = "\n".join(README.splitlines()[:20])
    assert "make run" in first_screen and "make test" in first_screen


def test_the_readme_names_the_content_notes_in_the_words_the_app_uses():
    from route_atlas.words import ALL_TAGS_PHRASE

    assert f"Excerpts about {ALL_TAGS_PHRASE} follow" in " ".join(README.split())
    assert "ALL_TAGS_PHRASE" in (ROOT / "ui.py").read_text(encoding="utf-8")  # the sidebar's help too
