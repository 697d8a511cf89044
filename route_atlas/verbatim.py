"""Find a quotation in its source, allowing only the edits a careful quoter makes.

Allowed: differences in white space, "…" (or "...") marking an elision, and a
[square-bracketed] insertion, which matches either itself (the copy may print brackets too)
or nothing (an editor's addition such as [sic]).
"""

from __future__ import annotations

import re

_ELISION = re.compile(r"\s*(?:…|\.\.\.)\s*")
_BRACKETED = re.compile(r"(\[[^\[\]]*\])")


def _segment_pattern(segment: str) -> str:
    parts = []
    for piece in _BRACKETED.split(segment.strip()):
        if not piece.strip():
            continue
        if _BRACKETED.fullmatch(piece):
            parts.append(f"(?:{re.escape(piece)})?")
        else:
            parts.append(r"\s+".join(re.escape(word) for word in piece.split()))
    return r"\s*".join(parts)


def find_quote(quote: str, text: str) -> int | None:
    """Return where `quote` starts in `text`, or None when it is not there verbatim."""
    span = quote_span(quote, text)
    return span[0] if span else None


def quote_span(quote: str, text: str) -> tuple[int, int] | None:
    """Where `quote` starts and ends in `text`, or None when it is not there verbatim."""
    segments = [s for s in _ELISION.split(quote) if s.strip()]
    if not segments:
        return None
    pattern = r"[\s\S]*?".join(f"({_segment_pattern(s)})" for s in segments)
    match = re.search(pattern, text)
    return match.span() if match else None
