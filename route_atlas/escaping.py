"""Make content text inert wherever it is shown."""

from __future__ import annotations

import html
import re

# Entities rather than backslashes: they display as the character in HTML, and in a JavaScript
# template literal they are plain text (no `${...}`, no closing backtick).
_TEMPLATE_LITERAL = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&])")
# Streamlit's Markdown turns a bare "http://…", "www.…" or "a@b.c" into a link whatever the
# escaping; an invisible word joiner inside the pattern leaves the text as it reads, unlinked.
_AUTOLINK = re.compile(r"(?i)(?<=[a-z])(?=\\:/)|(?<=\bwww)(?=\\\.)|(?=@)")
_WORD_JOINER = "\u2060"


def for_html(text: str) -> str:
    """Escape text for HTML that folium may also place inside a JavaScript template literal."""
    return html.escape(text, quote=True).translate(_TEMPLATE_LITERAL)


def for_markdown(text: str) -> str:
    """Escape text so Streamlit's Markdown shows it as typed: no links, HTML, LaTeX or emphasis."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _AUTOLINK.sub(_WORD_JOINER, escaped)
