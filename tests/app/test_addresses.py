"""Bad values in a link, on the page they name: a short, friendly message that repeats at most
a few dozen characters of the value, and the page itself, never Streamlit's error box. The
browser test (tests/browser/test_addresses.py) opens a few of them for real; this is the table.
"""

from __future__ import annotations

import pytest

from route_atlas.words import SHORT

from .conftest import plain

LONG = "A" * 60_000
DIGITS = "9" * 5_000
RLO = "\u202e"

# (page, the link's parameters, words its message says)
ADDRESSES = [
    ("pages/explore.py", {"country": LONG}, "There is no route country"),
    ("pages/explore.py", {"country": "\x00"}, 'There is no route country "\ufffd"'),
    ("pages/explore.py", {"country": "中国"}, 'There is no route country "中国"'),
    ("pages/explore.py", {"country": RLO + "abc"}, 'There is no route country "\ufffdabc" in this atlas'),
    ("pages/journey.py", {"step": DIGITS}, "There is no step"),
    ("pages/journey.py", {"step": "\x00"}, 'There is no step "\ufffd"'),
    ("pages/journey.py", {"step": "한"}, 'There is no step "한"'),
    ("pages/journey.py", {"step": LONG}, "There is no step"),
    ("pages/explore.py", {"notes": "bogus"}, 'There is no content-note setting "bogus"'),
    ("pages/explore.py", {"notes": LONG}, "There is no content-note setting"),
    ("pages/explore.py", {"notes": RLO + "x"}, 'There is no content-note setting "\ufffdx"'),
    ("pages/excerpts.py", {"country": LONG}, "Not in this atlas, so left out of the filters"),
    ("pages/excerpts.py", {"topic": "\x00"}, 'topic "\ufffd"'),
    ("pages/excerpts.py", {"q": LONG}, "No excerpt matches"),
    ("pages/excerpts.py", {"q": "한국"}, "No excerpt matches"),
]


@pytest.mark.parametrize("page, params, said", ADDRESSES, ids=lambda v: repr(v)[:30])
def test_a_bad_value_in_a_link_gets_a_short_friendly_message(app, page, params, said):
    for name, value in params.items():
        app.query_params[name] = value
    at = app.run()
    if page != "pages/explore.py":
        at.switch_page(page).run()
    assert not at.exception
    shown = [plain(str(element.value)) for element in (*at.info, *at.warning)]
    assert any(said in message for message in shown), shown
    for message in shown:
        assert "A" * (SHORT + 1) not in message and "9" * (SHORT + 1) not in message, message
        assert RLO not in message and "\x00" not in message, message
