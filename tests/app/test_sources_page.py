from tests.app.conftest import plain, texts


def open_sources(app, source=None):
    if source:
        app.query_params["source"] = source
    at = app.run()
    at.switch_page("pages/sources.py").run()
    assert not at.exception
    return at


def test_the_sources_page_lists_both_documents_with_what_each_copy_gives(app):
    at = open_sources(app)
    shown = texts(at)
    assert [plain(h.value) for h in at.header] == [
        "JAPAN Forward interview",
        "Article on Beyond Utopia (2024)",
    ]
    assert "'Beyond Utopia': The Story of Pastor Kim and the Rescue of 1000 North Koreans" in shown
    assert "Kenji Yoshida" in shown and "2024-01-31" in shown
    assert "not named in the copy" in shown and "inferred, not stated in the copy" in shown


def test_both_spellings_of_pastor_kims_name_are_shown(app):
    shown = texts(open_sources(app))
    assert "Kim Seungeun" in shown and "Kim Seongeun" in shown


def test_every_excerpt_of_each_source_is_listed(app, atlas):
    at = open_sources(app)
    counts = [s.value.replace("\\", "") for s in at.subheader]
    assert counts == [f"Excerpts in document order ({len(atlas.excerpts_in(s))})" for s in atlas.sources]
    # Folded excerpts are in the page too, inside their content-note expanders.
    shown = [m.value for m in at.markdown if m.value.startswith(("> ", "**Summary:**"))]
    assert len(shown) == len(atlas.excerpts)


def test_a_link_from_an_excerpt_puts_its_source_first(app):
    at = open_sources(app, source="beyond-utopia-article")
    assert plain(at.header[0].value) == "Article on Beyond Utopia (2024)"


def test_the_sources_page_offers_the_offline_atlas(app):
    downloads = open_sources(app).get("download_button")
    assert [d.label for d in downloads] == ["Download the offline atlas"]
    assert "no internet and no server" in downloads[0].help
