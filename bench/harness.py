"""What the benchmark and the browser tests share: a free port, a server started and stopped with
everything it started, Debian's Chromium and its flags, and the in-page JavaScript files."""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent

# Debian's Chromium (Playwright's own browser download is not used), with its own calls to outside
# hosts switched off: the machine may be offline, and the app promises no host but its own.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LAUNCH_ARGS = {"executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def read_js(name: str) -> str:
    """The text of one of bench/'s JavaScript files, such as "page.js"."""
    return (BENCH / name).read_text(encoding="utf-8")


class ServerError(RuntimeError):
    """A server exited, or did not answer its health check in time, while starting."""


def _own_session_dying_with_us() -> None:
    """In the child: a process group of its own, and SIGTERM if its parent dies (Linux)."""
    os.setsid()
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


class Server:
    """A server process in its own process group, stopped with everything it started.

    `start()` returns once `health` answers 200 (with body `health_body`, when given) and raises
    `ServerError` if the process exits or `timeout_s` passes first (stopping it in that case).
    """

    def __init__(
        self,
        name: str,
        argv: list[str],
        cwd: Path,
        url: str,
        health: str,
        log: Path,
        health_body: bytes | None = None,
        env: dict[str, str] | None = None,
    ):
        self.name, self.argv, self.cwd, self.log = name, argv, cwd, log
        self.url, self.health, self.health_body = url, health, health_body
        self.env = {**os.environ, **(env or {})}
        self.process: subprocess.Popen | None = None

    def start(self, timeout_s: float = 90) -> Server:
        return self.launch().wait(timeout_s)

    def launch(self) -> Server:
        """Start the process and return at once. Call it from the thread that will outlive the
        server: the process dies with the thread that started it (PR_SET_PDEATHSIG)."""
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen(
                self.argv,
                cwd=self.cwd,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                preexec_fn=_own_session_dying_with_us,
            )
        return self

    def wait(self, timeout_s: float = 90) -> Server:
        """Return once the health check answers; any thread may wait."""
        deadline = time.monotonic() + timeout_s
        while not self._healthy():
            if self.process.poll() is not None:
                raise ServerError(
                    f"{self.name} exited with code {self.process.returncode} on start; see {self.log}"
                )
            if time.monotonic() > deadline:
                self.stop()
                raise ServerError(f"{self.name} did not answer {self.health} within {timeout_s:.0f} s")
            time.sleep(0.1)  # the polling interval, not a wait for the server to settle
        return self

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(self.health, timeout=2) as response:
                body_ok = self.health_body is None or response.read().strip() == self.health_body
                return response.status == 200 and body_ok
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            return False

    def stop(self) -> None:
        """SIGTERM to the whole process group, then SIGKILL if it has not gone in 10 s."""
        if self.process is None or self.process.poll() is not None:
            return
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.process.wait(timeout=10)
                return
            except subprocess.TimeoutExpired:
                continue


def streamlit_server(name: str, script: Path, cwd: Path, log: Path, flags: list[str] = ()) -> Server:
    """`python -m streamlit run SCRIPT` from `cwd` on a free port (not started yet)."""
    port = free_port()
    argv = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port), *flags]
    url = f"http://127.0.0.1:{port}"
    return Server(name, argv, cwd, url, f"{url}/_stcore/health", log, health_body=b"ok")


def atlas_server(log: Path, name: str = "the app") -> Server:
    """The app as `make run` starts it: `streamlit run serve.py` from the repository root, so its
    .streamlit/config.toml applies (not started yet)."""
    return streamlit_server(name, Path("serve.py"), ROOT, log)
