"""Make content text inert in Streamlit's Markdown. (The map takes content as JSON and writes it
with textContent, so it needs no escaping of its own.)"""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&])")
# Streamlit's Markdown turns a bare "http://…", "www.…" or "a@b.c" into a link whatever the
# escaping; an invisible word joiner inside the pattern leaves the text as it reads, unlinked.
_AUTOLINK = re.compile(r"(?i)(?<=[a-z])(?=\\:/)|(?<=\bwww)(?=\\\.)|(?=@)")
_WORD_JOINER = "\u2060"


def for_markdown(text: str) -> str:
    """Escape text so Streamlit's Markdown shows it as typed: no links, HTML, LaTeX or emphasis."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _AUTOLINK.sub(_WORD_JOINER, escaped)
