from route_atlas.citations import bibliography, content_note_line, source_line, speaker_line


def test_an_excerpt_with_a_named_speaker_credits_them(atlas):
    excerpt = next(e for e in atlas.excerpts if e.id == "routes-vary")
    assert speaker_line(excerpt) == "Kim Seungeun"


def test_an_excerpt_of_the_articles_own_text_says_so(atlas):
    excerpt = next(e for e in atlas.excerpts if e.id == "journeys-through-countries")
    assert speaker_line(excerpt) == "Article text"


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
    assert entry["Title"].endswith("(inferred, not stated in the copy)")
    assert entry["Pastor Kim's name"] == "spelled Kim Seongeun in this copy"


def test_the_interview_has_no_date_in_its_copy(atlas):
    assert dict(bibliography(atlas.sources["japan-forward"]))["Date"] == "not given in the copy"


def test_a_content_note_names_what_is_coming(atlas):
    excerpt = next(e for e in atlas.excerpts if e.id == "labor-camp-false-confession")
    assert content_note_line(excerpt) == "Content note: torture, death"
    assert content_note_line(next(e for e in atlas.excerpts if e.id == "routes-vary")) == ""
