"""The guided journey: which step a link asks for, what a step shows, where its lines come from.

The steps themselves are read and checked with the rest of the content (`content.py` and
`checks.py`, from `data/journey.yaml`); the rule for lines is in `quoting.py`. No Streamlit here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from .quoting import list_sentence
from .schema import Excerpt, Link, Step
from .words import no_such_step, ordered_tags

if TYPE_CHECKING:
    from .content import Content


def resolve_step(steps: Sequence[Step], asked: str | None) -> tuple[int, str | None]:
    """The index (0-based) of the step a ``?step=`` value means, and a message if there is none.

    A slug (any case, spaces around ignored) or a 1-based number: ``"china"``, ``"CHINA"`` and
    ``"3"`` may all mean index 2. Nothing asked -> ``(0, None)``. Anything else -> step 1 and a
    short plain sentence saying so (not escaped: the page escapes it).
    """
    wanted = " ".join((asked or "").split())
    if not wanted:
        return 0, None
    # At most six digits: a link of thousands of digits is no step, and Python refuses to convert
    # a number that long (ValueError) rather than just answering no.
    if wanted.isdecimal() and wanted.isascii() and len(wanted) <= 6 and 1 <= int(wanted) <= len(steps):
        return int(wanted) - 1, None
    for index, step in enumerate(steps):
        if step.slug == wanted.casefold():
            return index, None
    return 0, no_such_step(wanted, len(steps))


def visited_before(steps: Sequence[Step], index: int) -> tuple[str, ...]:
    """Countries of the steps before `index` that this step does not highlight, first seen first."""
    current = set(steps[index].countries)
    visited: list[str] = []
    for step in steps[:index]:
        for code in step.countries:
            if code not in current and code not in visited:
                visited.append(code)
    return tuple(visited)


def step_excerpts(content: Content, step: Step) -> list[Excerpt]:
    """The step's excerpts, in the order the step lists them."""
    by_id = {e.id: e for e in content.excerpts}
    return [by_id[excerpt_id] for excerpt_id in step.excerpts]


def step_content_notes(content: Content, step: Step) -> tuple[str, ...]:
    """Content-note tags of the step's excerpts, each once, in the order of CONTENT_NOTES."""
    return ordered_tags(tag for excerpt in step_excerpts(content, step) for tag in excerpt.content_note)


class NotedStep(NamedTuple):
    """What a step shows under a content-note setting."""

    ask: bool  # put the content-note card before the step
    shown: list[Excerpt]  # in the step's order
    left_out: list[Excerpt]  # content-noted excerpts the class chose (or the setting says) to skip


def content_note_view(content: Content, step: Step, setting: str, choice: str | None) -> NotedStep:
    """The step's excerpts under the setting ("ask", "show" or "hide") and the class's answer
    to its card ("show", "skip", or None before it is asked)."""
    excerpts = step_excerpts(content, step)
    noted = [e for e in excerpts if e.content_note]
    opened = setting == "show" or (setting == "ask" and choice == "show")
    closed = not opened and (setting == "hide" or choice == "skip")
    return NotedStep(
        ask=bool(noted) and setting == "ask" and choice is None,
        shown=[e for e in excerpts if opened or not e.content_note],
        left_out=noted if closed else [],
    )


def link_sentence(content: Content, link: Link) -> str:
    """The sentence of the link's list excerpt that names its two countries in order."""
    excerpt = next(e for e in content.excerpts if e.id == link.list)
    names = {code: country.name for code, country in content.countries.items()}
    found = list_sentence(excerpt.text, names, link.from_, link.to)
    if found is None:  # the loader refuses such a link; this only guards hand-built content
        raise ValueError(f"{link.list} names no {link.from_} then {link.to}")
    return found
