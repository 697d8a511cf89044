"""The server's own answers (route_atlas/web.py), driven as ASGI without a server."""

from __future__ import annotations

import asyncio

import pytest

from route_atlas.web import MAP_FRAME, Guard, content_security_policy, headers, is_page_address

PAGES = frozenset({"", "journey", "excerpts", "sources", "why-country-level"})


@pytest.mark.parametrize(
    "path, served",
    [
        ("/", True),
        ("/journey", True),
        ("/why-country-level/", True),
        ("/_stcore/stream", True),
        ("/journey/_stcore/health", True),  # Streamlit's own base-path probe: its 404, not ours
        ("/static/js/index.js", True),
        ("/app/static/atlas.css", True),
        (MAP_FRAME + "index.html", True),
        ("/favicon.png", True),
        ("/journey/x", False),
        ("/nope", False),
        ("/sources/a/b", False),
    ],
)
def test_which_addresses_streamlit_answers(path, served):
    assert is_page_address(path, PAGES) is served


def test_only_the_map_frame_may_evaluate_script():
    assert "'unsafe-eval'" not in content_security_policy()
    assert "'unsafe-eval'" in dict(headers(MAP_FRAME + "index.html"))["Content-Security-Policy"]
    assert "'unsafe-eval'" not in dict(headers("/journey"))["Content-Security-Policy"]


def _drive(scope: dict, asked: dict, inner) -> list[dict]:
    """What the Guard sends back for one request, `inner` standing in for Streamlit."""
    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    async def receive():
        return asked

    asyncio.run(Guard(inner)(scope, receive, send))
    return sent


def _get(path: str, inner_headers=()) -> tuple[int, dict[bytes, list[bytes]], bytes]:
    async def inner(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": list(inner_headers)})
        await send({"type": "http.response.body", "body": b"streamlit"})

    scope = {"type": "http", "method": "GET", "path": path}
    start, body = _drive(scope, {"type": "http.request"}, inner)
    found: dict[bytes, list[bytes]] = {}
    for name, value in start["headers"]:
        found.setdefault(name, []).append(value)
    return start["status"], found, body["body"]


def test_a_page_is_streamlit_own_answer_with_every_header_once():
    status, found, body = _get("/journey", [(b"x-content-type-options", b"nosniff")])
    assert (status, body) == (200, b"streamlit")
    for name, _ in headers("/journey"):
        assert len(found[name.lower().encode()]) == 1, name


def test_an_address_that_is_no_page_is_the_atlas_own_404_with_a_link_home():
    status, found, body = _get("/journey/x")
    assert status == 404 and found[b"content-type"] == [b"text/html; charset=utf-8"]
    assert b"<h1>No such page</h1>" in body and b'<a href="/">' in body
    assert b"content-security-policy" in found


def test_streamlit_metrics_are_private():
    status, _, body = _get("/_stcore/metrics")
    assert status == 404 and b"streamlit" not in body


def _open_websocket(headers) -> tuple[list[dict], list[dict]]:
    passed: list[dict] = []

    async def inner(scope, receive, send):
        passed.append(scope)

    scope = {"type": "websocket", "path": "/_stcore/stream", "headers": headers}
    sent = _drive(scope, {"type": "websocket.connect"}, inner)
    return passed, sent


def test_a_websocket_from_another_site_is_closed_before_streamlit_sees_it():
    passed, sent = _open_websocket([(b"host", b"atlas.example.org"), (b"origin", b"http://evil.example")])
    assert passed == [] and sent == [{"type": "websocket.close", "code": 1008}]


@pytest.mark.parametrize(
    "headers",
    [
        [(b"host", b"127.0.0.1:8501"), (b"origin", b"http://127.0.0.1:8501")],
        [(b"host", b"Atlas.Example.org"), (b"origin", b"https://atlas.example.org")],
        [(b"host", b"127.0.0.1:8501")],  # no page opened it
    ],
)
def test_the_page_own_websocket_reaches_streamlit(headers):
    passed, sent = _open_websocket(headers)
    assert len(passed) == 1 and sent == []


def test_a_different_port_is_another_origin():
    passed, _ = _open_websocket([(b"host", b"127.0.0.1:8501"), (b"origin", b"http://127.0.0.1:9999")])
    assert passed == []
