"""App tests: the real app.py and pages, run by streamlit.testing.v1.AppTest."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "app.py")


@pytest.fixture
def app():
    """The app as a user starts it, not yet run: set query params or state, then .run()."""
    return AppTest.from_file(APP, default_timeout=60)


def plain(markdown: str) -> str:
    """Markdown as a reader sees it: backslash escapes removed."""
    return re.sub(r"\\(.)", r"\1", markdown)


def texts(at) -> str:
    """Everything the page shows as Markdown, captions, headings and alerts, in one string."""
    parts = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error", "code"):
        parts += [str(element.value) for element in getattr(at, kind)]
    # As a reader sees it: Markdown's backslash escapes removed.
    return plain("\n".join(parts))
