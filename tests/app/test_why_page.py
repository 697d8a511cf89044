from tests.app.conftest import texts


def test_the_why_page_explains_the_safety_line_in_the_interviews_words(app):
    at = app.run()
    at.switch_page("pages/why-country-level.py").run()
    assert not at.exception
    shown = texts(at)
    assert "Why country level only" in shown
    assert "publicizing escape routes" in shown  # the interviewer's question, quoted
    assert "none shows a path, a crossing point or an order of travel" in shown
    assert "the interviews" not in shown
    assert "talks to this app's own server and to nothing else" in shown
