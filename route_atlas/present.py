"""What a reader sees, decided once for every surface: plain view objects, no renderer in them.

The Streamlit pages, the handout and any later export only render these views: which excerpts are
shown, folded behind their content note or left out, with which words and which credit. The
words themselves come from `words.py`; the rules for content notes and journey steps from
`journey.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import words
from .content import Content
from .journey import content_note_view, link_sentence, step_content_notes, step_excerpts, visited_before
from .schema import Excerpt, Link, Step

SHOWN, FOLDED, LEFT_OUT = "shown", "folded", "left-out"


@dataclass(frozen=True)
class ExcerptView:
    """One excerpt as a reader meets it."""

    id: str
    kind: str  # "quote" (verbatim) or "summary" (our paraphrase, labelled so)
    text: str
    speaker: str  # "Kim Seungeun", "Introduction", "Photo caption", "Article text"
    credit: str  # "Kim Seungeun · JAPAN Forward interview"
    source_id: str
    note: str  # "Content note: torture and death", or "" for none
    tags: tuple[str, ...]  # its content-note tags
    state: str  # SHOWN, FOLDED (behind its note until opened) or LEFT_OUT
    left_out_line: str  # what stands in its place when it is left out

    @property
    def quote(self) -> bool:
        return self.kind == "quote"


def excerpt_view(content: Content, excerpt: Excerpt, setting: str, decided: bool = False) -> ExcerptView:
    """An excerpt under the content-note setting ("ask", "show" or "hide"). `decided` means the
    reader has already chosen to see it (the Journey's content-note card)."""
    note = words.content_note_line(excerpt)
    setting = "show" if decided else setting
    state = SHOWN if not note or setting == "show" else FOLDED if setting == "ask" else LEFT_OUT
    source = content.sources[excerpt.source]
    speaker = words.speaker_line(excerpt, source)
    return ExcerptView(
        id=excerpt.id,
        kind=excerpt.kind,
        text=excerpt.text,
        speaker=speaker,
        credit=f"{speaker} · {words.source_line(source)}",
        source_id=source.id,
        note=note,
        tags=excerpt.content_note,
        state=state,
        left_out_line=words.excerpt_left_out(excerpt) if state == LEFT_OUT else "",
    )


# --- Explore -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PanelView:
    """Explore's side panel: one country, or the opening panel before a pick."""

    heading: str
    role_line: str  # "Transit country." ("" for the opening panel)
    description: str
    count_line: str  # "9 excerpts from the sources name China." ("" for the opening panel)
    excerpts: tuple[ExcerptView, ...]
    selected_line: str  # said under the map, where the tap happened ("" for none)


def country_panel(content: Content, iso3: str, setting: str) -> PanelView:
    country = content.countries[iso3]
    excerpts = content.excerpts_about(iso3)
    return PanelView(
        heading=country.name,
        role_line=words.role_line(country.role),
        description=country.description,
        count_line=words.naming_count(len(excerpts), country.name),
        excerpts=tuple(excerpt_view(content, e, setting) for e in excerpts),
        selected_line=words.selected_line(country.name),
    )


def opening_panel(content: Content, setting: str) -> PanelView:
    opening = content.opening
    chosen = content.excerpts_by_id(opening.excerpts) if opening else []
    return PanelView(
        heading=opening.title if opening else "",
        role_line="",
        description=spellings_line(content),  # the two spellings meet side by side here
        count_line="",
        excerpts=tuple(excerpt_view(content, e, setting) for e in chosen),
        selected_line="",
    )


def country_message(content: Content, asked: str | None) -> str:
    """What to say about a ``?country=`` that names no route country ("" when it does, or none)."""
    if not asked or content.country_code(asked):
        return ""
    return words.no_such_country(asked, list(content.countries))


# --- the Journey -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CardView:
    """The content-note card before a step that holds noted excerpts (setting "ask")."""

    sentence: str  # "This step has 3 excerpts about killing and captivity (…)."
    tags: tuple[str, ...]
    show_label: str = words.SHOW_NOTED
    skip_label: str = words.SKIP_NOTED


@dataclass(frozen=True)
class ListView:
    """Which source list some of a step's lines follow."""

    lead: str  # "The lines from China to Vietnam and from Vietnam to Laos follow a list in the …"
    sentence: str  # the source's own sentence, verbatim
    list_id: str  # the quote excerpt it is in

    @property
    def line(self) -> str:
        return words.list_line(self.lead, self.sentence)


@dataclass(frozen=True)
class LayerView:
    """What the map draws for a step: its countries, those of earlier steps, schematic links."""

    countries: tuple[str, ...]
    earlier: tuple[str, ...]
    links: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class StepView:
    index: int  # 0-based
    slug: str
    title: str
    heading: str  # "Step 3 of 8: China"
    countries_line: str  # "Countries: Vietnam, Laos, Myanmar" ("" for none)
    card: CardView | None  # ask first, before showing the noted excerpts
    shown: tuple[ExcerptView, ...]
    left_out: tuple[ExcerptView, ...]
    left_out_line: str  # "2 excerpts about … left out of this step." ("" for none)
    offer_show: bool  # the class skipped them: offer to show them after all
    lists: tuple[ListView, ...]
    note: str  # our own words for the step ("" for none), shown as ours
    layer: LayerView


def step_view(content: Content, index: int, setting: str, choice: str | None) -> StepView:
    """Step `index` under the content-note setting and the class's answer to its card ("show",
    "skip", or None before it is asked)."""
    steps = content.steps
    step = steps[index]
    noted = content_note_view(content, step, setting, choice)
    tags = step_content_notes(content, step)
    asked = [e for e in step_excerpts(content, step) if e.content_note]
    left_out = tuple(excerpt_view(content, e, "hide") for e in noted.left_out)
    left_out_tags = [tag for e in noted.left_out for tag in e.content_note]
    return StepView(
        index=index,
        slug=step.slug,
        title=step.title,
        heading=words.step_heading(index + 1, len(steps), step.title),
        countries_line=words.countries_line(
            [content.countries[code].name for code in step.countries if code in content.countries]
        ),
        card=CardView(words.card_sentence(len(asked), tags), tags) if noted.ask else None,
        shown=tuple(excerpt_view(content, e, setting, decided=True) for e in noted.shown),
        left_out=left_out,
        left_out_line=words.step_left_out(len(left_out), left_out_tags) if left_out else "",
        offer_show=bool(noted.left_out) and choice == "skip",
        lists=list_views(content, step),
        note=step.note,
        layer=LayerView(
            countries=step.countries,
            earlier=visited_before(steps, index),
            links=tuple((link.from_, link.to) for link in step.links),
        ),
    )


def list_views(content: Content, step: Step) -> tuple[ListView, ...]:
    """One view per source list the step's links follow, naming the lines and the list."""
    groups: dict[tuple[str, str], list[Link]] = {}
    for link in step.links:
        groups.setdefault((link.list, link_sentence(content, link)), []).append(link)
    by_id = {e.id: e for e in content.excerpts}
    views = []
    for (list_id, sentence), links in groups.items():
        excerpt = by_id[list_id]
        pairs = [(_name(content, k.from_), _name(content, k.to)) for k in links]
        source = content.sources[excerpt.source]
        views.append(ListView(words.list_lead(pairs, excerpt.speaker, source.short_title), sentence, list_id))
    return tuple(views)


def step_titles(content: Content) -> tuple[str, ...]:
    return tuple(step.title for step in content.steps)


# --- Sources and Why ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceView:
    id: str
    heading: str
    fields: tuple[tuple[str, str], ...]  # ("Publisher", "JAPAN Forward (inferred, not stated …)")
    notes: tuple[str, ...]
    excerpts_heading: str
    excerpts: tuple[ExcerptView, ...]  # in document order


def source_views(content: Content, setting: str, first: str | None = None, for_print: bool = False):
    """Both sources, `first` (a source id from a link) first; on paper without file names."""
    ordered = sorted(content.sources.values(), key=lambda s: s.id != first)
    return tuple(
        SourceView(
            id=source.id,
            heading=source.short_title,
            fields=tuple(words.bibliography(source, for_print=for_print)),
            notes=source.notes,
            excerpts_heading=words.excerpts_in_order(len(content.excerpts_in(source.id))),
            excerpts=tuple(excerpt_view(content, e, setting) for e in content.excerpts_in(source.id)),
        )
        for source in ordered
    )


def spellings_line(content: Content) -> str:
    """Pastor Kim's name as each source spells it."""
    return words.spellings_line((s.kim_spelling, s.short_title) for s in content.sources.values())


def exchange_view(content: Content, source_id: str, topic: str, setting: str):
    """A source's excerpts on one topic in document order, each with whether the source goes on
    between it and the one before (so that a gap can be marked where the reader sees it)."""
    chosen = [e for e in content.excerpts_in(source_id) if e.topic == topic]
    return tuple(
        (
            earlier is not None and content.gap_between(earlier, excerpt),
            excerpt_view(content, excerpt, setting),
        )
        for earlier, excerpt in zip([None, *chosen], chosen, strict=False)
    )


def why_exchange(content: Content, setting: str):
    """The interview's own exchange about publicising routes, for the Why page (see exchange_view)."""
    return exchange_view(content, "japan-forward", "publicising-routes", setting)


def _name(content: Content, code: str) -> str:
    country = content.countries.get(code)
    return country.name if country else code


@dataclass(frozen=True)
class BackLink:
    """The way back from Sources to the country and excerpt a reader came from."""

    label: str  # "← Back to China"
    query: dict  # the Explore address's parameters: {"country": "CHN", "excerpt": "kim-jungle"}


def back_link(content: Content, country: str | None, excerpt: str | None) -> BackLink | None:
    """The link back for `?from=CHN&excerpt=ID`, or None when the address names no route country;
    an excerpt id that does not exist is dropped, and the link still goes back to the country."""
    code = content.country_code(country)
    if code is None:
        return None
    known = excerpt in {e.id for e in content.excerpts}
    return BackLink(
        label=words.back_to(content.countries[code].name),
        query={"country": code} | ({"excerpt": excerpt} if known else {}),
    )
