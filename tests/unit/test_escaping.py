import re

import pytest

from route_atlas.escaping import for_markdown

HOSTILE = ["<img src=x onerror=alert(1)>", "${alert(1)}", "`</script>`", "\\u003c"]


@pytest.mark.parametrize(
    "text",
    HOSTILE + ["[click](javascript:alert(1))", "*bold* _it_ ~~x~~", "$x$ and $$y$$", "# heading", "> quote"],
)
def test_markdown_escaping_backslashes_every_special_character(text):
    escaped = for_markdown(text)
    for index, character in enumerate(escaped):
        if character in "<>[]()$*_`#~":
            assert escaped[index - 1] == "\\", f"{character!r} unescaped in {escaped!r}"


def test_markdown_escaping_joins_lines_so_a_quote_stays_one_paragraph():
    assert "\n" not in for_markdown("one\n\n> two")


@pytest.mark.parametrize(
    "text, pattern",
    [("see http://127.0.0.2/x.png", "http://"), ("www.example.com", "www."), ("kim@example.org", "m@e")],
)
def test_markdown_escaping_leaves_no_bare_address_to_autolink(text, pattern):
    shown = re.sub(r"\\(.)", r"\1", for_markdown(text))
    assert pattern not in shown
    assert shown.replace("\u2060", "") == text  # reads exactly as typed
