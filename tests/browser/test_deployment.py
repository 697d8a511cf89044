"""The deployment for a school or festival server (deploy/), on loopback ports: Debian's nginx
with deploy/nginx/escape-route-atlas.conf in front of two app processes, each started with the
ExecStart and ExecStartPost of deploy/systemd/escape-route-atlas@.service, and the offline atlas
kit as static files. Only ports, paths and the host name are replaced: the tested thing is the
shipped thing.

Chromium reads every page through nginx, clicks a country on the map and moves a Journey step:
each response carries the headers, no page or frame reports a Content-Security-Policy violation
(the console, page errors, the `securitypolicyviolation` event and a ReportingObserver, which alone
sees those in the map's frame), and no request goes to another host. Then another site's Origin on
the websocket, the log, and a visitor moved to the other process when theirs is killed, timed from
the kill to the page's heading after a reload.
"""

from __future__ import annotations

import base64
import http.client
import os
import pwd
import re
import shlex
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from bench.harness import Server, ServerError, free_port
from route_atlas import web, words
from tests.browser.conftest import (
    APP_IDLE,
    MAP_IFRAME,
    ROUTE_COUNTRIES,
    STARTUP_TIMEOUT_S,
    TIMEOUT_MS,
    Traffic,
    click_country,
    export_kit,
    panel_heading,
    wait_for_app,
)
from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"
SITE = DEPLOY / "nginx" / "escape-route-atlas.conf"
UNIT = DEPLOY / "systemd" / "escape-route-atlas@.service"
NGINX = "/usr/sbin/nginx"
# What the shipped files name, and the test replaces.
SERVER_NAME = "atlas.example.org"
SERVER_PORTS = (8501, 8502)
SERVER_CHECKOUT = "/opt/escape-route-atlas"
SERVER_KIT = "/srv/atlas-kit/"
SERVER_LOG = "/var/log/nginx/escape-route-atlas.log"

SECURITY_HEADERS = (
    "content-security-policy",
    "x-frame-options",
    "referrer-policy",
    "x-content-type-options",
    "permissions-policy",
)
NO_HOST_SCHEMES = ("data", "blob", "about")
# deploy/'s log_format: time, request without its query, status, bytes, seconds, process(es) tried.
LOG_LINE = re.compile(
    r'^\S+ "(?P<request>[A-Z]+ /[^ ?"]*)" (?P<status>\d{3}) \d+ [\d.]+ '
    r"(?P<upstream>-|127\.0\.0\.1:\d+(?:, 127\.0\.0\.1:\d+)*)$"
)

# In every frame: what the policy refused, as the DOM event and as a report. The event does not
# reach the document for some refusals (a removed script element, an eval in the map's frame);
# the ReportingObserver sees those.
VIOLATIONS_JS = """
(() => {
  const seen = (window.__atlasViolations = []);
  const note = (how, directive, blocked) =>
    seen.push(`${how} ${directive} ${blocked} in ${location.pathname}`);
  document.addEventListener(
    "securitypolicyviolation", (e) => note("event", e.violatedDirective, e.blockedURI), true,
  );
  const observer = new ReportingObserver(
    (reports) => reports.forEach((r) => note("report", r.body.effectiveDirective, r.body.blockedURL)),
    { types: ["csp-violation"], buffered: true },
  );
  observer.observe();
  window.__atlasFlushViolations = () => {
    observer.takeRecords().forEach((r) => note("report", r.body.effectiveDirective, r.body.blockedURL));
    return seen;
  };
})();
"""


# --- the shipped files, read ------------------------------------------------------------------


def unit_service() -> dict[str, list[str]]:
    """The [Service] settings of the unit, each key with its values in order."""
    settings: dict[str, list[str]] = {}
    section = ""
    for line in UNIT.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("["):
            section = line
        elif section == "[Service]" and line and not line.startswith("#"):
            key, _, value = line.partition("=")
            settings.setdefault(key, []).append(value)
    return settings


def unit_command(key: str, port: int) -> list[str]:
    """ExecStart or ExecStartPost for one instance, run from the checkout with .venv's Python."""
    (command,) = unit_service()[key]
    argv = shlex.split(command.removeprefix("-"))
    assert argv[0] == f"{SERVER_CHECKOUT}/.venv/bin/python", argv
    assert "%i" in argv, f"{key} does not take the port from the instance name"
    replaced = {"%i": str(port), SERVER_NAME: "127.0.0.1"}
    return [sys.executable, *(replaced.get(arg, arg) for arg in argv[1:])]


def atlas_block_headers(text: str) -> list[str]:
    """The add_header lines of a `location /atlas/ { … }` block."""
    block = re.search(r"location /atlas/ \{(.*?)\n\s*\}", text, re.S)
    assert block, "no location /atlas/ block"
    return re.findall(r"^\s*(add_header .*;)$", block.group(1), re.M)


def readme_atlas_headers() -> dict[str, str]:
    """The headers README.md tells a static host to send with the offline atlas."""
    lines = atlas_block_headers((ROOT / "README.md").read_text(encoding="utf-8"))
    pairs = (re.fullmatch(r'add_header (\S+) "?([^"]*?)"? always;', line).groups() for line in lines)
    return {name.lower(): value for name, value in pairs}


def site_config(nginx_port: int, app_ports: tuple[int, int], kit: Path, log: Path) -> str:
    """deploy/nginx/escape-route-atlas.conf with this machine's ports and paths."""
    text = SITE.read_text(encoding="utf-8")
    replacements = {
        "listen 80;": f"listen 127.0.0.1:{nginx_port};",
        **{
            f"server 127.0.0.1:{old};": f"server 127.0.0.1:{new};"
            for old, new in zip(SERVER_PORTS, app_ports, strict=True)
        },
        f"alias {SERVER_KIT};": f"alias {kit}/;",
        f"access_log {SERVER_LOG} ": f"access_log {log} ",
    }
    for old, new in replacements.items():
        assert text.count(old) == 1, (
            f"{SITE.name} no longer holds {old!r} once: update this test's replacements"
        )
        text = text.replace(old, new)
    return text


def nginx_config(prefix: Path, site: Path) -> str:
    """The parts of Debian's /etc/nginx/nginx.conf that shape an answer, with the site included,
    and every file nginx writes inside `prefix`."""
    # As root, nginx hands its workers to `nobody`, who may not read pytest's private folders.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {kind}_temp_path {prefix}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{user}
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
events {{
    worker_connections 256;
}}
http {{
    sendfile on;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    gzip on;
{temp}
    include {site};
}}
"""


# --- the deployment ---------------------------------------------------------------------------


@dataclass
class Deployment:
    url: str
    apps: dict[int, Server]  # by port
    access_log: Path
    app_logs: list[Path]

    def log_lines(self) -> list[str]:
        return self.access_log.read_text(encoding="utf-8").splitlines()

    def upstreams(self, status: str) -> list[str]:
        """Who answered each request logged with `status`: a process, or "-" for nginx itself."""
        return [m["upstream"] for m in map(LOG_LINE.match, self.log_lines()) if m and m["status"] == status]

    def last_tried(self, request: str) -> list[int]:
        """The ports nginx tried, in order, for the last `request` logged ("GET /journey")."""
        logged = [m for m in map(LOG_LINE.match, self.log_lines()) if m and m["request"] == request]
        assert logged, f"nginx logged no {request}"
        return [int(address.rsplit(":", 1)[1]) for address in logged[-1]["upstream"].split(", ")]


def app_server(port: int, log: Path) -> Server:
    """One process as its systemd unit starts it (not started yet)."""
    url = f"http://127.0.0.1:{port}"
    argv = unit_command("ExecStart", port)
    return Server(f"the app on {port}", argv, ROOT, url, f"{url}/_stcore/health", log, health_body=b"ok")


def warm(server: Server) -> None:
    """The unit's ExecStartPost (the warm-up), run once the process answers, as systemd does."""
    command = unit_command("ExecStartPost", urlparse(server.url).port)
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise ServerError(f"{server.name}: the warm-up failed: {done.stderr}")


@pytest.fixture(scope="module")
def deployment(tmp_path_factory) -> Iterator[Deployment]:
    if not os.access(NGINX, os.X_OK):
        pytest.fail(f"{NGINX} is missing: `make install-dev` installs Debian's nginx")
    prefix = tmp_path_factory.mktemp("nginx")
    kit = export_kit(tmp_path_factory.mktemp("atlas-kit"))
    app_ports = (free_port(), free_port())
    nginx_port = free_port()
    access_log = prefix / "access.log"
    site = prefix / "escape-route-atlas.conf"
    site.write_text(site_config(nginx_port, app_ports, kit, access_log), encoding="utf-8")
    (prefix / "nginx.conf").write_text(nginx_config(prefix, site), encoding="utf-8")
    argv = [NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf")]
    checked = subprocess.run([*argv, "-t"], capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stderr
    url = f"http://127.0.0.1:{nginx_port}"
    front = Server(
        "nginx", [*argv, "-g", "daemon off;"], ROOT, url, f"{url}/_stcore/health", prefix / "nginx.out", b"ok"
    )
    app_logs = [prefix / f"app-{port}.log" for port in app_ports]
    apps = {port: app_server(port, log) for port, log in zip(app_ports, app_logs, strict=True)}
    try:
        try:
            # Started from this thread: each dies with the thread that started it (PR_SET_PDEATHSIG).
            for server in apps.values():
                server.start(timeout_s=STARTUP_TIMEOUT_S)
            with ThreadPoolExecutor(max_workers=2) as pool:
                list(pool.map(warm, apps.values()))
            front.start(timeout_s=30)
        except ServerError as error:
            pytest.fail(str(error))
        yield Deployment(url, apps, access_log, app_logs)
    finally:
        front.stop()
        for server in apps.values():
            server.stop()


# --- what the files say -----------------------------------------------------------------------


def test_each_process_runs_as_make_run_does_on_loopback_and_comes_back_when_it_stops():
    service = unit_service()
    assert service["Restart"] == ["always"]
    assert service["User"] and service["User"] != ["root"]
    (start,) = service["ExecStart"]
    argv = shlex.split(start)
    make_run = re.search(r"^run:.*\n\t\$\(PY\) -m streamlit run (\S+)", (ROOT / "Makefile").read_text(), re.M)
    assert make_run, "the Makefile's run target no longer starts streamlit"
    assert argv[1:5] == ["-m", "streamlit", "run", make_run.group(1)], argv
    assert argv[argv.index("--server.address") + 1] == "127.0.0.1"
    assert argv[argv.index("--server.allowedHosts") + 1] == SERVER_NAME
    assert f"server_name {SERVER_NAME};" in SITE.read_text(encoding="utf-8")


def test_the_atlas_kit_is_served_with_the_headers_the_readme_gives():
    shipped = atlas_block_headers(SITE.read_text(encoding="utf-8"))
    readme = atlas_block_headers((ROOT / "README.md").read_text(encoding="utf-8"))
    assert shipped == readme


# --- Chromium, through nginx ------------------------------------------------------------------


def step_heading(page: Page):
    return page.locator('[data-testid="stMain"] h2')


def explore(page: Page) -> None:
    wait_for_app(page)
    click_country(page, "LAO")  # the map's own scripts run, in its frame, under the policy
    expect(panel_heading(page, "Laos")).to_be_visible(timeout=TIMEOUT_MS)
    picked = page.frame_locator(MAP_IFRAME).locator("path.atlas-country-LAO.atlas-picked")
    expect(picked).to_have_count(1, timeout=TIMEOUT_MS)


def journey(page: Page) -> None:
    wait_for_app(page)
    expect(step_heading(page)).to_have_text(re.compile("^Step 3 of"), timeout=TIMEOUT_MS)
    page.keyboard.press("ArrowRight")
    expect(step_heading(page)).to_have_text(re.compile("^Step 4 of"), timeout=TIMEOUT_MS)
    wait_for_app(page)
    with page.expect_download(timeout=TIMEOUT_MS) as download:  # from /media/, in the session's process
        page.get_by_role("button", name="Download handout (PDF)").click()
    assert download.value.path().read_bytes().startswith(b"%PDF")


def heading(title: str):
    def seen(page: Page) -> None:
        expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible(timeout=TIMEOUT_MS)
        expect(page.locator(APP_IDLE)).to_be_attached(timeout=TIMEOUT_MS)

    return seen


def offline_atlas(page: Page) -> None:
    expect(page.locator("html[data-atlas-ready]")).to_be_attached(timeout=TIMEOUT_MS)
    expect(page.locator("path.atlas-country")).to_have_count(len(ROUTE_COUNTRIES), timeout=TIMEOUT_MS)
    page.get_by_label("Laos", exact=True).check()
    expect(page.locator("#explore-panel > .atlas-variant:not([hidden]) h2")).to_have_text("Laos")


TOUR = {
    "/": explore,
    "/journey?step=china": journey,
    "/excerpts": heading(words.EXCERPTS_TITLE),
    "/sources": heading(words.SOURCES_TITLE),
    "/why-country-level": heading(words.WHY_TITLE),
    "/atlas/": offline_atlas,
}


@dataclass
class Tour:
    traffic: Traffic
    violations: dict[str, list[str]] = field(default_factory=dict)  # by address in TOUR
    # Headers as the browser received them; a header sent twice would read "a, b".
    responses: list[tuple[str, int, dict[str, str]]] = field(default_factory=list)


@pytest.fixture(scope="module")
def tour(browser: Browser, browser_context_args, deployment: Deployment) -> Tour:
    """Every address of TOUR through nginx, with what each asked for and what the policy refused."""
    context = browser.new_context(**browser_context_args, accept_downloads=True)
    context.add_init_script(VIOLATIONS_JS)
    page = context.new_page()
    seen = Tour(Traffic().record(page))
    refused: list[str] = []
    page.on(
        "console",
        lambda m: refused.append(f"console: {m.text}") if "Content Security Policy" in m.text else None,
    )
    page.on(
        "pageerror",
        lambda e: (
            refused.append(f"page error: {e.message}") if "Content Security Policy" in e.message else None
        ),
    )
    page.on(
        "response",
        lambda r: seen.responses.append((r.url, r.status, r.headers)) if r.url.startswith("http") else None,
    )
    try:
        for address, visit in TOUR.items():
            page.goto(deployment.url + address)
            visit(page)
            page.wait_for_timeout(300)  # a refusal reported a moment after the last thing drawn
            reports = [f.evaluate("() => window.__atlasFlushViolations?.() ?? []") for f in page.frames]
            seen.violations[address] = [*refused, *(v for frame in reports for v in frame)]
            refused.clear()
    finally:
        context.close()
    return seen


def test_no_page_or_frame_breaks_the_policy(tour: Tour):
    counts = {address: len(found) for address, found in tour.violations.items()}
    print(f"\nContent-Security-Policy violations per page, through nginx: {counts}")
    assert all(found == [] for found in tour.violations.values()), tour.violations


def test_every_answer_carries_the_headers_once(tour: Tour, deployment: Deployment):
    kit_headers = readme_atlas_headers()
    documents = {}
    for url, status, headers in tour.responses:
        path = urlparse(url).path
        if path.startswith("/atlas/"):
            expected = kit_headers
        else:  # the same as the app sends itself
            expected = {name.lower(): value for name, value in web.headers(path)}
        assert set(expected) <= set(SECURITY_HEADERS), expected
        got = {name: headers.get(name) for name in SECURITY_HEADERS}
        assert got == {name: expected.get(name) for name in SECURITY_HEADERS}, (url, status, got)
        if status == 200 and headers.get("content-type", "").startswith("text/html"):
            documents[path] = {name: value for name, value in got.items() if value}
    assert "/component/streamlit_folium.st_folium/index.html" in documents, list(documents)
    for path, headers in documents.items():
        print(f"\nheaders of {path} through nginx: {headers}")
    print(f"\n{len(tour.responses)} answers checked, every one with its headers once")


def test_no_request_leaves_the_server(tour: Tour, deployment: Deployment):
    own = urlparse(deployment.url).netloc
    hosts = {urlparse(url).netloc for url in tour.traffic.urls if urlparse(url).scheme not in NO_HOST_SCHEMES}
    elsewhere = [
        url
        for url in tour.traffic.urls
        if urlparse(url).scheme not in NO_HOST_SCHEMES and urlparse(url).netloc != own
    ]
    print(
        f"\n{len(tour.traffic.urls)} requests, {len(elsewhere)} to another host than nginx ({sorted(hosts)})"
    )
    assert tour.traffic.websockets, "no websocket went through nginx"
    assert elsewhere == []


FRAMED = {"app": "/", "kit": "/atlas/"}


def framed(page: Page, framer: str, deployment: Deployment) -> dict[str, str]:
    """Where each frame of FRAMED ends up in a page at `framer` (answered by the browser itself)."""
    body = "".join(f'<iframe id="{name}" src="{deployment.url}{at}"></iframe>' for name, at in FRAMED.items())
    page.route(framer, lambda route: route.fulfill(content_type="text/html", body=body))
    page.goto(framer)  # waits for the load event, which waits for both frames, refused or not
    return {name: page.locator(f"#{name}").element_handle().content_frame().url for name in FRAMED}


def test_no_other_site_may_frame_the_app_or_the_atlas(browser: Browser, browser_context_args, deployment):
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    refused = "chrome-error://chromewebdata/"
    try:
        # Another origin on this same machine: Chromium's local-network checks keep a site on the
        # internet from loading a loopback address at all, so only this one tests the header.
        other = framed(page, f"http://localhost:{urlparse(deployment.url).port}/framer", deployment)
        assert other == {"app": refused, "kit": refused}, other
        # The app's own origin may frame the app (as it frames its map), and nobody the atlas file.
        own = framed(page, f"{deployment.url}/framer", deployment)
        assert own["kit"] == refused, own
        expect(page.frame_locator("#app").locator(APP_IDLE)).to_be_attached(timeout=TIMEOUT_MS)
    finally:
        context.close()
    print(f"\nframed by http://localhost: {other}; by the app's own origin: {own}")


# --- the websocket, the refused addresses and the log -------------------------------------------


def websocket_handshake(url: str, host: str, origin: str) -> int:
    """The status of a websocket opening handshake on /_stcore/stream (101: opened)."""
    parts = urlparse(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    headers = {
        "Host": host,
        "Origin": origin,
        "Upgrade": "websocket",
        "Connection": "Upgrade",
        "Sec-WebSocket-Key": base64.b64encode(os.urandom(16)).decode(),
        "Sec-WebSocket-Version": "13",
    }
    try:
        connection.request("GET", "/_stcore/stream", headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def test_the_websocket_opens_for_the_atlas_own_pages_only(deployment: Deployment):
    own = urlparse(deployment.url).netloc
    seen = {
        "own origin": websocket_handshake(deployment.url, own, deployment.url),
        "another site's origin": websocket_handshake(deployment.url, own, "http://evil.example"),
        # DNS rebinding: another name that resolves to this server; the origin matches its Host.
        "another host name": websocket_handshake(deployment.url, "evil.example", "http://evil.example"),
    }
    print(f"\nwebsocket handshakes through nginx: {seen}")
    assert seen == {"own origin": 101, "another site's origin": 403, "another host name": 403}

    # The foreign origin by nginx itself (no process asked); the unknown host name by Streamlit's
    # --server.allowedHosts, behind it.
    def both_refusals_logged() -> bool:
        refused = deployment.upstreams("403")
        return "-" in refused and any(upstream != "-" for upstream in refused)

    deadline = time.monotonic() + 5
    while not both_refusals_logged() and time.monotonic() < deadline:
        time.sleep(0.1)  # nginx writes its line a moment after the answer has left
    assert both_refusals_logged(), deployment.upstreams("403")
    for log in deployment.app_logs:  # Streamlit's own check would have asked AWS for the public address
        assert "external IP" not in log.read_text(errors="replace"), log


@pytest.mark.parametrize("address", ["/_stcore/metrics", "/_stcore/script-health-check"])
def test_streamlits_server_addresses_are_not_served_to_visitors(deployment: Deployment, address):
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(deployment.url + address, timeout=10)
    assert refused.value.code == 404
    assert refused.value.headers["Content-Security-Policy"], "nginx's own 404 without the headers"


def test_the_log_keeps_no_visitor_address_browser_or_query(tour: Tour, deployment: Deployment):
    lines = deployment.log_lines()
    odd = [line for line in lines if not LOG_LINE.match(line)]
    assert lines and odd == [], odd[:5]
    text = "\n".join(lines)
    assert "step=china" not in text and "HeadlessChrome" not in text


# --- a process killed ------------------------------------------------------------------------


def test_killing_a_visitors_process_moves_them_to_the_other_on_reload(
    browser: Browser, browser_context_args, deployment: Deployment
):
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    title = re.compile("^Step 3 of")
    killed: Server | None = None
    try:
        page.goto(f"{deployment.url}/journey?step=china")
        wait_for_app(page)
        expect(step_heading(page)).to_have_text(title, timeout=TIMEOUT_MS)
        (served,) = deployment.last_tried("GET /journey")
        (other,) = set(deployment.apps) - {served}
        killed = deployment.apps[served]
        killed_at = time.monotonic()
        os.killpg(killed.process.pid, signal.SIGKILL)
        killed.process.wait(timeout=10)
        page.reload()
        expect(step_heading(page)).to_have_text(title, timeout=TIMEOUT_MS)
        failover_s = time.monotonic() - killed_at
        wait_for_app(page)
        drawn_s = time.monotonic() - killed_at
        # [served, other], or [other] once the page's own reconnection found `served` down.
        tried = deployment.last_tried("GET /journey")
        assert tried[-1] == other, f"nginx tried {tried} after {served} was killed"
        page.keyboard.press("ArrowRight")  # the new session, in the other process, answers
        expect(step_heading(page)).to_have_text(re.compile("^Step 4 of"), timeout=TIMEOUT_MS)
        again_at = time.monotonic()
        page.reload()
        expect(step_heading(page)).to_have_text(re.compile("^Step 4 of"), timeout=TIMEOUT_MS)
        again_s = time.monotonic() - again_at
        assert deployment.last_tried("GET /journey") == [other]
    finally:
        context.close()
        if killed is not None:  # back, as Restart=always brings it, for the tests that follow
            back_at = time.monotonic()
            killed.start(timeout_s=STARTUP_TIMEOUT_S)
            warm(killed)
            back_s = time.monotonic() - back_at
    print(
        f"\nfailover: process {served} killed; the reload (nginx tried {tried}) showed the step's heading "
        f"after {failover_s:.2f} s and its map after {drawn_s:.2f} s; the next reload {again_s:.2f} s; "
        f"the process restarted and warmed in {back_s:.2f} s"
    )
