import pytest

from route_atlas import words
from route_atlas.schema import CONTENT_NOTES
from route_atlas.words import (
    ALL_TAGS_PHRASE,
    bibliography,
    chosen_line,
    citation_line,
    content_note_line,
    copy_line,
    join_words,
    source_line,
    speaker_line,
    tags_phrase,
    unknown_filters,
)


def credit(atlas, excerpt_id):
    excerpt = next(e for e in atlas.excerpts if e.id == excerpt_id)
    return speaker_line(excerpt, atlas.sources[excerpt.source])


def test_an_excerpt_with_a_named_speaker_credits_them(atlas):
    assert credit(atlas, "routes-vary") == "Kim Seungeun"


def test_an_excerpt_of_the_articles_own_text_says_so(atlas):
    assert credit(atlas, "journeys-through-countries") == "Article text"


def test_the_interviews_own_narration_is_its_introduction_not_article_text(atlas):
    # "Article text" would send a reader to the other source, the Article on Beyond Utopia.
    assert credit(atlas, "caleb-mission-underground-railroad") == "Introduction"
    assert credit(atlas, "documentary-recorded-by-phones") == "Introduction"


def test_a_photo_caption_is_credited_as_one(atlas):
    assert credit(atlas, "sundance-audience-award") == "Photo caption"
    text = atlas.source_texts["japan-forward"]
    assert (
        "Pastor Kim is pictured in front of the Beyond Utopia poster banner. The documentary was awarded"
        in text
    )


def test_only_the_article_is_credited_as_article_text(atlas):
    for excerpt in atlas.excerpts:
        if credit(atlas, excerpt.id) == "Article text":
            assert excerpt.source == "beyond-utopia-article", excerpt.id


@pytest.mark.parametrize(
    "words, joined",
    [([], ""), (["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c")],
)
def test_words_are_joined_as_english_lists_them(words, joined):
    assert join_words(words) == joined


def test_tags_are_named_in_one_order_and_joined_with_and():
    assert tags_phrase(["child-death", "torture"]) == "torture and a child's death"
    assert tags_phrase(["torture", "torture"]) == "torture"


def test_the_setting_names_every_tag_in_one_sentence():
    assert (
        ALL_TAGS_PHRASE
        == ", ".join(list(CONTENT_NOTES.values())[:-1]) + " or " + list(CONTENT_NOTES.values())[-1]
    )


def test_the_source_line_gives_the_publisher_only_where_the_copy_names_one(atlas):
    interview = atlas.sources["japan-forward"]
    assert source_line(interview) == "JAPAN Forward interview"  # publisher inferred
    assert (
        source_line(interview.model_copy(update={"inferred": ()})) == "JAPAN Forward interview, JAPAN Forward"
    )
    assert source_line(atlas.sources["beyond-utopia-article"]) == "Article on Beyond Utopia (2024)"


def test_an_inferred_publisher_is_marked_as_inferred(atlas):
    entry = dict(bibliography(atlas.sources["japan-forward"]))
    assert entry["Publisher"] == "JAPAN Forward (inferred, not stated in the copy)"


def test_the_bibliography_says_what_a_copy_lacks_and_what_we_supplied(atlas):
    entry = dict(bibliography(atlas.sources["beyond-utopia-article"]))
    assert entry["Publisher"] == "not named in the copy"
    assert entry["Author"] == "not named in the copy"
    assert entry["Date"] == "2024-01-31"
    assert entry["Title"].endswith("(our description: the copy has no headline)")
    assert entry["Pastor Kim's name"] == "spelled Kim Seongeun in this copy"


def test_the_interviewer_is_given_as_the_copy_gives_him_and_no_author_is_claimed(atlas):
    entry = dict(bibliography(atlas.sources["japan-forward"]))
    assert entry["Interviewer"] == "Kenji Yoshida"
    assert entry["Author"] == "not named in the copy"
    assert "Interview by: Kenji Yoshida" in atlas.source_texts["japan-forward"]


def test_a_printed_bibliography_leaves_out_file_names_and_checksums(atlas):
    for source in atlas.sources.values():
        printed = bibliography(source, for_print=True)
        assert "File" not in dict(printed)
        assert source.sha256[:12] not in str(printed) and source.file not in str(printed)


def test_the_interview_has_no_date_in_its_copy(atlas):
    assert dict(bibliography(atlas.sources["japan-forward"]))["Date"] == "not given in the copy"


def test_a_content_note_names_what_is_coming(atlas):
    excerpt = next(e for e in atlas.excerpts if e.id == "labor-camp-false-confession")
    assert content_note_line(excerpt) == (
        "Content note: torture, death and captivity (detention, forced labour, trafficking)"
    )
    assert content_note_line(next(e for e in atlas.excerpts if e.id == "routes-vary")) == ""


# --- the excerpts table's citations --------------------------------------------------------------


def excerpt_of(atlas, excerpt_id):
    return next(e for e in atlas.excerpts if e.id == excerpt_id)


def test_a_citation_gives_the_speaker_title_and_interviewer_and_says_the_copy_has_no_date(atlas):
    excerpt = excerpt_of(atlas, "detours-and-brokers")
    assert citation_line(excerpt, atlas.sources["japan-forward"]) == (
        "Kim Seungeun, in “'Beyond Utopia': The Story of Pastor Kim and the Rescue of 1000 North "
        "Koreans”, interview by Kenji Yoshida, no date in the copy."
    )


def test_a_citation_leaves_out_an_inferred_publisher_and_gives_a_named_one(atlas):
    excerpt = excerpt_of(atlas, "detours-and-brokers")
    interview = atlas.sources["japan-forward"]
    assert "JAPAN Forward," not in citation_line(excerpt, interview)
    named = interview.model_copy(update={"inferred": ()})
    assert "interview by Kenji Yoshida, JAPAN Forward, no date in the copy." in citation_line(excerpt, named)


def test_a_citation_puts_a_title_we_supplied_in_square_brackets(atlas):
    excerpt = excerpt_of(atlas, "journeys-through-countries")
    assert citation_line(excerpt, atlas.sources["beyond-utopia-article"]) == (
        "Article text, in [Untitled news article about 'Beyond Utopia: Escape from North Korea'], 2024-01-31."
    )


def test_the_line_to_copy_quotes_a_quotation_and_labels_a_summary():
    assert copy_line("It was so.", True, "X, in “Y”, 2024-01-31.") == "“It was so.” — X, in “Y”, 2024-01-31."
    assert copy_line("It was so.", False, "X.") == "Summary: It was so. — X."


def test_a_link_naming_no_such_filter_value_is_answered_in_one_sentence():
    said = unknown_filters([("country", "XYZ", ["CHN", "LAO"]), ("kind", "poem", ["quote", "summary"])])
    assert said == (
        'Not in this atlas, so left out of the filters: country "XYZ" (there are: CHN, LAO); '
        'kind "poem" (there are: quote, summary).'
    )


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (([], None, None, None, ""), "Chosen on the Excerpts page: every excerpt."),
        (
            (["China", "Laos"], "JAPAN Forward interview", "quote", "routes", "broker"),
            "Chosen on the Excerpts page: naming China or Laos; from the JAPAN Forward interview; "
            "quotations only; topic routes; search “broker”.",
        ),
    ],
)
def test_the_handout_of_chosen_excerpts_says_how_they_were_chosen(args, line):
    assert chosen_line(*args) == line


def test_a_value_repeated_from_a_link_cannot_turn_the_sentence_around():
    said = words.no_such_country("\u202eabc\x00" + "x" * 100, ["CHN"])
    assert '"\ufffdabc\ufffd' in said and "\u202e" not in said and "\x00" not in said
    assert said.count("x") <= words.SHORT
