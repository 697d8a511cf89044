"""What the atlas's server adds around Streamlit's: the security headers on every response, the
atlas's own "no such page", Streamlit's metrics kept private, and no websocket for another site.
A plain ASGI middleware (`serve.py` wraps Streamlit's server in it); the nginx recipe in deploy/
sends the same headers.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from . import words


def content_security_policy(*, evaluates: bool = False) -> str:
    """The page may load nothing from another host. `evaluates`: the map's frame, whose
    streamlit-folium script runs the map's layers with eval (see MAP_FRAME)."""
    # The map's own page (folium's) and Streamlit's are built from inline scripts and styles,
    # hence 'unsafe-inline'. The websocket is the page's own ('self' covers ws: to the same host).
    # Streamlit decodes its messages with a WebAssembly build of protobuf ('wasm-unsafe-eval' lets
    # it compile that and allows no eval of script), draws images and icons from data: and blob:
    # addresses, and its stylesheet holds one font (KaTeX's) as a data: address.
    script = "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'" + (" 'unsafe-eval'" if evaluates else "")
    return "; ".join(
        [
            "default-src 'self'",
            script,
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "frame-src 'self'",
            "worker-src 'self' blob:",
            "frame-ancestors 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


# streamlit-folium's frame adds the layers a rerun sends (the picked country's outline) with
# eval(), measured as an EvalError under the policy without 'unsafe-eval'. That frame alone gets
# it: what it evaluates is the map script folium built on the server, never a reader's text.
MAP_FRAME = "/component/streamlit_folium.st_folium/"
OTHER_HEADERS = (
    ("Referrer-Policy", "no-referrer"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "SAMEORIGIN"),  # frame-ancestors for browsers that predate it
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
)


def headers(path: str) -> tuple[tuple[str, str], ...]:
    """The security headers of the response to `path`."""
    policy = content_security_policy(evaluates=path.startswith(MAP_FRAME))
    return (("Content-Security-Policy", policy), *OTHER_HEADERS)


def _encoded(path: str) -> list[tuple[bytes, bytes]]:
    return [(name.lower().encode(), value.encode()) for name, value in headers(path)]


# The two sets of headers, as ASGI sends them: built once, not on every request.
_PAGE_HEADERS, _MAP_FRAME_HEADERS = _encoded("/"), _encoded(MAP_FRAME)


PAGES = (  # (file, title, address): each file is named after its address, see ui.require_frame
    ("pages/explore.py", "Explore", ""),
    ("pages/journey.py", "Journey", "journey"),
    ("pages/excerpts.py", "Excerpts", "excerpts"),
    ("pages/sources.py", "Sources", "sources"),
    ("pages/why-country-level.py", "Why country level", "why-country-level"),
)

# First parts of the addresses Streamlit serves itself: its API, scripts, components, media and
# the app's static/ folder; with the pages, everything else is no page of the atlas.
STREAMLIT_OWN = frozenset({"_stcore", "static", "component", "media", "app"})
STREAMLIT_FILES = frozenset({"favicon.png", "manifest.json", "index.html"})
PRIVATE = frozenset({"/_stcore/metrics"})


def _no_such_page_html() -> bytes:
    return (
        "<!doctype html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{escape(words.NO_SUCH_PAGE_TITLE)}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<style>body{font:1.25rem/1.5 system-ui,sans-serif;color:#1a1a1a;max-width:36rem;"
        "margin:4rem auto;padding:0 1rem}a{color:#1a4f8b}</style></head><body>"
        f"<h1>{escape(words.NO_SUCH_PAGE_TITLE)}</h1><p>{escape(words.NO_SUCH_PAGE_TEXT)}</p>"
        f'<p><a href="/">{escape(words.NO_SUCH_PAGE_HOME)}</a></p></body></html>\n'
    ).encode()


NO_SUCH_PAGE = _no_such_page_html()


def is_page_address(path: str, pages: frozenset[str]) -> bool:
    """Whether Streamlit should answer `path`: one of the atlas's pages or Streamlit's own."""
    parts = path.strip("/").split("/")
    if parts[0] in STREAMLIT_OWN or "_stcore" in parts:  # "_stcore": Streamlit probes /journey/_stcore/…
        return True
    if len(parts) == 1:
        return parts[0] in pages or parts[0] in STREAMLIT_FILES
    return False


def is_foreign(scope) -> bool:
    """Whether a websocket was opened by a page of another site (cross-site websocket hijacking).

    A browser always sends Origin on a websocket; its host and port must be the Host asked for.
    A request without Origin comes from no web page (a health probe, a test client) and is let by.
    """
    found = dict(scope.get("headers", []))
    origin, host = found.get(b"origin"), found.get(b"host")
    if origin is None:
        return False
    return urlsplit(origin.decode("latin-1")).netloc.lower() != (host or b"").decode("latin-1").lower()


class Guard:
    """The headers on every response; a 404 page for an address that is no page."""

    def __init__(self, app) -> None:
        self.app = app
        self.pages = frozenset(address for _, _, address in PAGES)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "websocket" and is_foreign(scope):
            # Refused here, before Streamlit's own check: for an origin that is not the page's, that
            # asks checkip.amazonaws.com for the server's public address (net_util), a call out to
            # the internet that a visitor's page could set off. Closing before accepting is a 403.
            await send({"type": "websocket.close", "code": 1008})
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        extra = _MAP_FRAME_HEADERS if path.startswith(MAP_FRAME) else _PAGE_HEADERS
        if path in PRIVATE:
            await _answer(send, 404, b"Not found\n", b"text/plain; charset=utf-8", extra)
        elif scope["method"] in ("GET", "HEAD") and not is_page_address(path, self.pages):
            await _answer(send, 404, NO_SUCH_PAGE, b"text/html; charset=utf-8", extra)
        else:
            await self.app(scope, receive, _with_headers(send, extra))


def _with_headers(send, extra):
    async def sending(message) -> None:
        if message["type"] == "http.response.start":
            taken = {name.lower() for name, _ in message.get("headers", [])}
            added = [(name, value) for name, value in extra if name not in taken]
            message = {**message, "headers": [*message.get("headers", []), *added]}
        await send(message)

    return sending


async def _answer(send, status: int, body: bytes, kind: bytes, extra) -> None:
    headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode()), *extra]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
