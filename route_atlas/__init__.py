"""Escape Route Atlas: content, checks and the country-level map, with no Streamlit in sight."""

from .content import Content, data_dir, fingerprint, load_content
from .errors import ContentError, ContentProblem, CountryLevelError
from .schema import CONTENT_NOTES, Country, Excerpt, Link, Source, Step

__all__ = [
    "CONTENT_NOTES",
    "Content",
    "ContentError",
    "ContentProblem",
    "Country",
    "CountryLevelError",
    "Excerpt",
    "Link",
    "Source",
    "Step",
    "data_dir",
    "fingerprint",
    "load_content",
]
