"""Every English sentence the atlas builds from parts, in one place: a translation is this file.

Credits, counts, content-note phrases, headings and the messages a link may bring. The views
(`present.py`) choose what a reader sees; this module says it. Nothing here knows a renderer:
Markdown and HTML escaping are the renderers' own.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from .schema import CONTENT_NOTES, Excerpt, Source

PHOTO_CAPTION = "Photo caption"
ROLE_LABELS = {"origin": "Origin", "transit": "Transit", "destination": "Destination"}
NEIGHBOUR_LABEL = "Neighbour (not a route country)"
OUR_NOTE = "Our note:"
SUMMARY = "Summary:"  # before a paraphrase, which is never set as a quotation
SHOW_NOTED, SKIP_NOTED, SHOW_AFTER_ALL = "Show these excerpts", "Skip these excerpts", "Show them after all"
GAP_LINE = "The interview goes on; a passage is left out here."


def speaker_line(excerpt: Excerpt, source: Source) -> str:
    """Who says it: the named speaker, a photo caption, or the source's own text in its words
    ("Introduction" for the interview's narration, "Article text" for the article's)."""
    if excerpt.speaker:
        return excerpt.speaker
    if excerpt.part == "photo-caption":
        return PHOTO_CAPTION
    return source.own_text


def source_line(source: Source) -> str:
    """Short title, and the publisher where the copy itself names one."""
    named = source.publisher and "publisher" not in source.inferred
    return f"{source.short_title}, {source.publisher}" if named else source.short_title


def excerpts_phrase(n: int) -> str:
    """ "1 excerpt", "3 excerpts"."""
    return f"{n} excerpt" if n == 1 else f"{n} excerpts"


def join_words(words: Iterable[str], last: str = "and") -> str:
    """Words as English lists them: "a", "a and b", "a, b and c" (or "… or c")."""
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {last} " + words[-1]


def ordered_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Content-note tags, each once, in the order of CONTENT_NOTES."""
    present = set(tags)
    return tuple(tag for tag in CONTENT_NOTES if tag in present)


def tags_phrase(tags: Iterable[str], last: str = "and") -> str:
    """E.g. "torture and a child's death", in the order of CONTENT_NOTES."""
    return join_words((CONTENT_NOTES[tag] for tag in ordered_tags(tags)), last)


# Every tag, in one phrase: what the content-note setting is about ("torture, killing, … or …").
ALL_TAGS_PHRASE = tags_phrase(CONTENT_NOTES, last="or")


def content_note_line(excerpt: Excerpt) -> str:
    """E.g. "Content note: torture and death"; empty when the excerpt has no note."""
    if not excerpt.content_note:
        return ""
    return "Content note: " + tags_phrase(excerpt.content_note)


def bibliography(source: Source, for_print: bool = False) -> list[tuple[str, str]]:
    """The source's bibliographic fields as (label, value) pairs, saying what the copy lacks.

    `for_print` leaves out what only this project's files need (the copy's file name and
    checksum): a reader looking for the original needs the title, publisher, date and author.
    """

    def given(field: str, value: str, missing: str) -> str:
        if not value:
            return missing
        if field not in source.inferred:
            return value
        if field == "title":  # a copy with no headline: we describe it, we do not infer one
            return f"{value} (our description: the copy has no headline)"
        return f"{value} (inferred, not stated in the copy)"

    fields = [
        ("Title", given("title", source.title, "not given in the copy")),
        ("Publisher", given("publisher", source.publisher, "not named in the copy")),
        ("Author", given("author", source.author, "not named in the copy")),
        *([("Interviewer", given("interviewer", source.interviewer, ""))] if source.interviewer else []),
        ("Date", given("date", source.date, "not given in the copy")),
        ("Pastor Kim's name", f"spelled {source.kim_spelling} in this copy"),
    ]
    if not for_print:
        fields.append(("File", f"{source.file} (sha256 {source.sha256[:12]}…)"))
    return fields


# --- countries ---------------------------------------------------------------------------------


def role_line(role: str) -> str:
    """E.g. "Transit country."."""
    return f"{ROLE_LABELS[role]} country."


def tooltip_label(name: str, role: str) -> str:
    """What a route country's tooltip on the map says, e.g. "China: transit country"."""
    return f"{name}: {role} country"


def naming_count(n: int, name: str) -> str:
    """E.g. "1 excerpt from the sources names Mongolia.", "9 excerpts … name China."."""
    verb = "names" if n == 1 else "name"
    return f"{excerpts_phrase(n)} from the sources {verb} {name}."


def selected_line(name: str) -> str:
    return f"{name} selected: its excerpts are in the panel."


def back_to(name: str) -> str:
    return f"← Back to {name}"


def no_such_notes_setting(asked: str, mark: str = "?") -> str:
    """`mark` starts a link's settings: "?" in the app's address, "#" in the offline atlas's."""
    return (
        f'There is no content-note setting "{_short(asked)}": excerpts with a content note are '
        f"folded behind it (Ask). A link can say {mark}notes=ask, {mark}notes=show or {mark}notes=hide."
    )


def no_such_country(asked: str, codes) -> str:
    return (
        f'There is no route country "{_short(asked)}" in this atlas, so the whole map is shown. '
        f"Route countries: {', '.join(codes)}."
    )


# --- the journey -------------------------------------------------------------------------------


def step_heading(number: int, total: int, title: str) -> str:
    """E.g. "Step 3 of 8: China"."""
    return f"Step {number} of {total}: {title}"


def no_such_step(asked: str, total: int) -> str:
    if not total:
        return f'There is no step "{_short(asked)}": the journey has no steps.'
    return f'There is no step "{_short(asked)}" (steps are numbered 1 to {total}); showing step 1.'


def countries_line(names) -> str:
    return "Countries: " + ", ".join(names) if names else ""


def card_sentence(n: int, tags) -> str:
    """The content-note card before a step: "This step has 3 excerpts about killing and …"."""
    return f"This step has {_about(n, tags)}."


def step_left_out(n: int, tags) -> str:
    """E.g. "2 excerpts about torture and a child's death left out of this step."."""
    return f"{_about(n, tags)} left out of this step."


def excerpt_left_out(excerpt) -> str:
    about = tags_phrase(excerpt.content_note)
    return f"One excerpt about {about} left out (content notes: Hide)."


def list_lead(pairs, speaker: str, short_title: str) -> str:
    """Which lines follow which list, e.g. "The lines from China to Vietnam and from Vietnam to
    Laos follow a list in the Article on Beyond Utopia (2024)". `pairs` are (from, to) names."""
    lines = join_words(f"from {a} to {b}" for a, b in pairs)
    subject = f"The line {lines} follows" if len(pairs) == 1 else f"The lines {lines} follow"
    where = f"a list {speaker} gives in the {short_title}" if speaker else f"a list in the {short_title}"
    return f"{subject} {where}"


def list_line(lead: str, sentence: str) -> str:
    return f'{lead}: "{sentence}"'


# --- sources -----------------------------------------------------------------------------------


def spellings_line(spellings) -> str:
    """Pastor Kim's two spellings, from (spelling, short title) pairs."""
    each = join_words(f"{spelling} in the {title}" for spelling, title in spellings)
    return f"Pastor Kim's name is spelled {each}; each source is quoted as it spells it."


def excerpts_in_order(n: int) -> str:
    return f"Excerpts in document order ({n})"


# --- the handout -------------------------------------------------------------------------------

HOW_TO_READ = (
    "How to read this handout: quotations are verbatim from the two sources and set in "
    "quotation marks; paraphrases are labelled Summary. Each excerpt names who says it and "
    "its source; the number in brackets refers to the Sources at the end. An excerpt is printed "
    "in full once: a later step gives its first words and the step that quotes it in full. Notes "
    "in italics marked Our note are the atlas's own words, not the sources'."
)

_SETTING_SENTENCES = {
    "ask": (
        "Content notes: set to ask. A printed page cannot ask, so excerpts about {tags} are included: "
        "{warned}, and each such excerpt is preceded by its content note."
    ),
    "show": (
        "Content notes: set to show. Excerpts about {tags} are included, each preceded by its content note."
    ),
    "hide": "Content notes: set to hide. Excerpts about {tags} are left out of this handout; {counted}.",
}
# Where the journey's handout and a handout of chosen excerpts warn of them, and count them.
_WARNED = {
    True: "each step that holds them opens with a boxed warning naming what is coming",
    False: "a boxed warning before the first excerpt names what is coming",
}
_COUNTED = {True: "each step says how many were left out", False: "the first page says how many"}


def handout_setting(notes: str, journey: bool = True) -> str:
    return _SETTING_SENTENCES[notes].format(
        tags=ALL_TAGS_PHRASE, warned=_WARNED[journey], counted=_COUNTED[journey]
    )


def handout_warning(n: int, tags) -> str:
    marked = "It is marked below; skip it" if n == 1 else "Each is marked below; skip them"
    return f"Content note: this step includes {_about(n, tags)}. {marked} if you choose."


def handout_left_out(n: int, tags) -> str:
    """E.g. "2 excerpts about torture and a child's death are left out of this handout."."""
    verb = "is" if n == 1 else "are"
    return f"{_about(n, tags)} {verb} left out of this handout."


def journey_in_steps(titles) -> str:
    return f"The journey in {len(titles)} steps: " + "; ".join(titles) + "."


def quoted_elsewhere(opening: str, credit: str, number: int, quote: bool) -> str:
    """A later step's line for an excerpt printed in full in step `number`."""
    if quote:
        return f"“{opening}” ({credit}; quoted in full in step {number})"
    return f"Summary: {opening} ({credit}; given in full in step {number})"


def list_pointer(lead: str, opening: str, here: bool, number: int | None, hidden_tags=()) -> str:
    """A list sentence that points to its excerpt instead of quoting it again: quoted below, in
    step `number`, or (hidden_tags) in an excerpt the handout leaves out."""
    if hidden_tags:
        return f"{lead}, in an excerpt about {tags_phrase(hidden_tags)} left out of this handout."
    if here:
        return f"{lead}: “{opening}”, quoted below."
    if opening:
        return f"{lead}: “{opening}”, quoted in full in step {number}."
    return f"{lead}, quoted in full in step {number}."


EXCERPTS_TITLE = "Excerpts"
EXCERPTS_HOW_TO_READ = (
    "How to read these pages: quotations are verbatim from the two sources and set in quotation "
    "marks; paraphrases are labelled Summary. Each excerpt names who says it and its source; the "
    "number in brackets refers to the Sources at the end."
)


def excerpts_subtitle(n: int) -> str:
    """E.g. "4 excerpts from two published texts about Beyond Utopia and Pastor Kim's rescue work"."""
    return f"{excerpts_phrase(n)} from two published texts about Beyond Utopia and Pastor Kim's rescue work"


def excerpts_warning(n: int, tags) -> str:
    marked = "It is marked below; skip it" if n == 1 else "Each is marked below; skip them"
    return f"Content note: these pages include {_about(n, tags)}. {marked} if you choose."


def content_problems(n: int) -> str:
    """E.g. "The content files have 2 problems"."""
    return f"The content files have {n} {'problem' if n == 1 else 'problems'}"


# --- the excerpts table ----------------------------------------------------------------------

# The table's column headings, by the DataFrame's own column names (which the CSV keeps).
EXCERPT_COLUMNS = {
    "text": "Excerpt",
    "kind": "Kind",
    "speaker": "Speaker",
    "source": "Source",
    "countries": "Countries",
    "topic": "Topic",
    "content_note": "Content note",
    "citation": "Citation",
}
KIND_LABELS = {"quote": "Quote", "summary": "Summary"}
_KIND_ONLY = {"quote": "quotations only", "summary": "summaries only"}
ANY = "Any"


def citation_line(excerpt: Excerpt, source: Source) -> str:
    """One line to cite an excerpt by, from what the copy gives: who says it, the title (in square
    brackets when we supplied it), author or interviewer, the publisher where the copy names it,
    and the date, or that the copy gives none. E.g. "Article text, in [Untitled news article
    about …], 2024-01-31."."""

    def given(field: str, value: str) -> str:
        return f"{value} (inferred)" if field in source.inferred else value

    title = f"[{source.title}]" if "title" in source.inferred else f"“{source.title}”"
    parts = [speaker_line(excerpt, source), f"in {title}"]
    if source.author:
        parts.append(f"by {given('author', source.author)}")
    if source.interviewer:
        parts.append(f"interview by {given('interviewer', source.interviewer)}")
    if source.publisher and "publisher" not in source.inferred:
        parts.append(source.publisher)
    parts.append(given("date", source.date) if source.date else "no date in the copy")
    return ", ".join(parts) + "."


def copy_line(text: str, quote: bool, citation: str) -> str:
    """An excerpt and its citation on one line, to paste into a worksheet."""
    body = f"“{text}”" if quote else f"Summary: {text}"
    return f"{body} — {citation}"


def folded_cell(note: str) -> str:
    """What the table shows in place of a noted excerpt's text under Ask."""
    return f"{note}. Pick the row to read it."


def table_count(shown: int, total: int) -> str:
    """E.g. "Showing 4 of 32 excerpts."."""
    return f"Showing {shown} of {excerpts_phrase(total)}."


def table_left_out(n: int, tags) -> str:
    """E.g. "2 excerpts about killing and captivity (…) match but are left out (content notes: Hide)."."""
    verb = "matches but is" if n == 1 else "match but are"
    return f"{_about(n, tags)} {verb} left out (content notes: Hide)."


def on_explore(name: str) -> str:
    return f"{name} on Explore"


def unknown_filters(dropped) -> str:
    """What a link asked for that the atlas has not, from (field, value, the values it has)."""
    each = "; ".join(
        f'{field} "{_short(value)}" (there are: {", ".join(known)})' for field, value, known in dropped
    )
    return f"Not in this atlas, so left out of the filters: {each}."


def chosen_line(countries, source: str | None, kind: str | None, topic: str | None, query: str) -> str:
    """How a set of excerpts was chosen, e.g. "Chosen on the Excerpts page: naming China or Laos;
    quotations only; search “broker”."."""
    parts = []
    if countries:
        parts.append("naming " + join_words(countries, last="or"))
    if source:
        parts.append(f"from the {source}")
    if kind:
        parts.append(_KIND_ONLY[kind])
    if topic:
        parts.append(f"topic {topic}")
    if query:
        parts.append(f"search “{_short(query)}”")
    return "Chosen on the Excerpts page: " + ("; ".join(parts) if parts else "every excerpt") + "."


def _about(n: int, tags) -> str:
    return f"{excerpts_phrase(n)} about {tags_phrase(tags)}"


SHORT = 40  # characters of a link's value a message repeats
HIDDEN = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}  # controls, bidi and format characters, unassigned


def _short(asked: str) -> str:
    """A link's value as a message repeats it: at most SHORT characters, and with every invisible
    or direction-changing character shown as �, so a value cannot reverse the words around it."""
    shown = "".join("�" if unicodedata.category(c) in HIDDEN else c for c in asked[:SHORT])
    return shown if len(asked) <= SHORT else shown[: SHORT - 1] + "…"


# --- the pages' own words (the app's pages and the offline atlas both say them) ----------------

EXPLORE_TITLE = "Explore the route countries"
# The intro is said around one verb, "Click" with a mouse and "Tap" on a touch screen (atlas.css).
EXPLORE_INTRO = (
    "The countries North Korean defectors cross on their way to South Korea, as two published "
    "texts (an interview and a news article) name them.",
    "a country on the map, or choose it from the list, to read what the sources say about it.",
)
CLICK, TAP = "Click", "Tap"
EXPLORE_PICK = (
    "Pick a country to read the excerpts about it. Each quotation is verbatim from its source; "
    "paraphrases are labelled Summary."
)
COUNTRY_LIST = "Route countries"
ABOUT_SOURCE = "About this source"
FIRST, PREVIOUS, NEXT, LAST = "« First", "← Previous", "Next →", "Last »"
CONTENT_NOTES_LABEL = "Content notes:"
NOTES_LABELS = {"ask": "Ask", "show": "Show", "hide": "Hide"}  # the settings, as their buttons say
CARD_LEAD = "Content note."  # before a content-note card's sentence

SOURCES_TITLE = "Sources"
SOURCES_INTRO = (
    "Every quotation and summary in this atlas comes from these two documents. Quotations are "
    "verbatim (a test checks each against the text); paraphrases are labelled Summary. Where a "
    "copy does not give a detail, this page says so rather than guess. The rest is the atlas's own: "
    "the role each country is given and the one-line descriptions are its reading of the two "
    "texts, notes marked Our note are its own words, and the country outlines come from Natural "
    "Earth (public domain)."
)

WHY_TITLE = "Why country level only"
WHY_INTRO = (
    "This atlas shows whole countries and nothing smaller. It never draws towns, rivers, border "
    "crossings or paths, not even those the interview or the article names, and there is no street "
    "map beneath the countries. The Journey joins some countries with straight dashed lines. They "
    "are schematic: each joins two countries a source lists one after the other, at a point inside "
    "each country, and none shows a path, a crossing point or an order of travel."
)
WHY_EXCHANGE_HEADING = "The interview's own exchange about publicising routes"
WHY_EXCHANGE_INTRO = (
    "The JAPAN Forward interview turns to secrecy and to the critics of the film, in this order. "
    "Where the interview goes on between two excerpts, a line marked […] says so."
)
WHY_CLOSING = (
    "Whatever one makes of that argument, a map used in classrooms and at screenings needs no "
    "more detail than the country names the sources themselves give, so this one keeps to them."
)
WHY_PRIVACY_HEADING = "No requests to anyone else"
WHY_PRIVACY = (
    "Your browser talks to this app's own server and to nothing else. The map library (Leaflet) "
    "and the country outlines are served by the app itself; there are no map tiles, web fonts, "
    "scripts from other hosts or usage statistics. The atlas therefore works at a venue with no "
    "internet, and a visitor reading about this subject leaves no trace with third parties."
)
WHY_PRIVACY_OFFLINE = (
    "This file asks nothing of any server. The map library (Leaflet), the country outlines and "
    "every text are inside it; there are no map tiles, web fonts, scripts from other hosts or usage "
    "statistics. It therefore works with no internet, and a reader leaves no trace with third parties."
)

OFFLINE_ATLAS = "Download the offline atlas"
OFFLINE_ATLAS_HELP = (
    "The whole atlas as one HTML file: the map, the Journey, the sources. It opens in any browser "
    "with no internet and no server, from a USB stick or any static web host."
)
PROJECTOR_ON, PROJECTOR_OFF = "Projector mode", "Leave projector mode"
KIOSK_RESUMING = "Resuming the tour in {seconds} s"

# --- an address that is no page (the server's own answer, route_atlas/web.py) -----------------

NO_SUCH_PAGE_TITLE = "No such page"
NO_SUCH_PAGE_TEXT = "There is no page at this address in the Escape Route Atlas."
NO_SUCH_PAGE_HOME = "Go to the atlas's first page, Explore"
