"""The guided journey: which step a link asks for, what a step shows, where its lines come from.

The steps themselves are read and checked with the rest of the content (`loader.py`, from
`data/journey.yaml`); the rule for lines is in `quoting.py`. No Streamlit here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from .quoting import list_sentence
from .schema import CONTENT_NOTES, Excerpt, Link, Step

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
    if wanted.isdecimal() and wanted.isascii() and 1 <= int(wanted) <= len(steps):
        return int(wanted) - 1, None
    for index, step in enumerate(steps):
        if step.slug == wanted.casefold():
            return index, None
    shown = wanted if len(wanted) <= 40 else wanted[:39] + "…"
    if not steps:
        return 0, f'There is no step "{shown}": the journey has no steps.'
    return 0, f'There is no step "{shown}" (steps are numbered 1 to {len(steps)}); showing step 1.'


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
    tags = {tag for excerpt in step_excerpts(content, step) for tag in excerpt.content_note}
    return tuple(tag for tag in CONTENT_NOTES if tag in tags)


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


def sequence_sources(content: Content, step: Step) -> list[str]:
    """One plain sentence per source list the step's links follow, naming the lines and the list.

    E.g. ``The lines from China to Vietnam and from Vietnam to Laos follow a list in the Article on
    Beyond Utopia (2024): "Defectors often undertake … to reach safety in South Korea."``
    """
    groups: dict[tuple[str, str], list[Link]] = {}
    for link in step.links:
        groups.setdefault((link.list, link_sentence(content, link)), []).append(link)
    by_id = {e.id: e for e in content.excerpts}
    lines = []
    for (list_id, sentence), links in groups.items():
        excerpt = by_id[list_id]
        source = content.sources[excerpt.source]
        pairs = [f"from {_name(content, k.from_)} to {_name(content, k.to)}" for k in links]
        which = "The line " if len(pairs) == 1 else "The lines "
        verb = " follows" if len(pairs) == 1 else " follow"
        where = (
            f"a list {excerpt.speaker} gives in the {source.short_title}"
            if excerpt.speaker
            else f"a list in the {source.short_title}"
        )
        lines.append(f'{which}{_and(pairs)}{verb} {where}: "{sentence}"')
    return lines


def heading(steps: Sequence[Step], index: int) -> str:
    """E.g. "Step 3 of 8: China"."""
    return f"Step {index + 1} of {len(steps)}: {steps[index].title}"


def _name(content: Content, code: str) -> str:
    country = content.countries.get(code)
    return country.name if country else code


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
