"""What a content text may hold: words, as plain text. Every surface escapes text for where it
goes; these are the things escaping alone cannot make harmless, refused where they are typed.

- control characters (a NUL shows as � and breaks the map's click for that country),
- a bidirectional control left open (U+202E reverses every word after it, the atlas's own too),
- Streamlit's Markdown directives (`:material/home:` draws an icon, `:red[…]` colours text: a
  quotation would no longer read as its source wrote it),
- addresses and HTML tags, which a quotation from the two texts never needs,
- a text longer than MAX_LENGTH (one 20,000-character field made a 180-page handout).
"""

from __future__ import annotations

import re
import unicodedata

_OPENERS = {"\u202a": "\u202c", "\u202b": "\u202c", "\u202d": "\u202c", "\u202e": "\u202c"}
_ISOLATES = {"\u2066": "\u2069", "\u2067": "\u2069", "\u2068": "\u2069"}
_DIRECTIVE = re.compile(
    r":material/[a-z0-9_]+:|:(?:red|orange|yellow|green|blue|violet|gray|grey|rainbow|primary)"
    r"(?:-background)?\[|:[a-z]+-badge\["
)
_ADDRESS = re.compile(r"(?i)\b(?:https?|ftp|javascript|data):|\bwww\.")
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!]")
# The longest text in the shipped content is an 818-character quotation.
MAX_LENGTH = 2_000


def text_problem(text: str) -> str | None:
    """Why `text` cannot be shown as typed, in an editor's words, or None when it can."""
    if len(text) > MAX_LENGTH:
        return (
            f"is {len(text):,} characters long; a text here may be at most {MAX_LENGTH:,}: "
            "shorten it, or quote it as two excerpts"
        )
    for char in text:
        if unicodedata.category(char) == "Cc" and char not in "\n\t":
            return f"holds an invisible control character (U+{ord(char):04X}): delete it and retype around it"
    if problem := _open_bidi(text):
        return problem
    if found := _DIRECTIVE.search(text):
        return f"holds {found.group(0)!r}, which the app would draw as an icon or colour: remove it"
    if found := _ADDRESS.search(text):
        return f"holds a web address ({found.group(0)}…); content shows no links: remove it"
    if _TAG.search(text):
        return "holds an HTML tag (<…>); content is plain text: remove it"
    return None


def _open_bidi(text: str) -> str | None:
    stack: list[str] = []
    for char in text:
        if char in _OPENERS or char in _ISOLATES:
            stack.append(char)
        elif char in ("\u202c", "\u2069"):
            if not stack:
                return f"closes a text direction (U+{ord(char):04X}) it never opened: remove it"
            stack.pop()
    if stack:
        return (
            f"opens a text direction (U+{ord(stack[0]):04X}) and never closes it, which would turn "
            "the words after it backwards: remove it"
        )
    return None
