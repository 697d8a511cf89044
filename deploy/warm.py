"""Run the atlas once in a process that has just started, before any visitor needs it.

A fresh process spends its first run importing folium and pandas and building the map. On a busy
2-core machine, a reload that nginx moved to a process no visitor had used took 12.9 s to show
the page, and 2.9 s once that process had run the app once. The unit's ExecStartPost runs this
with the process's port as soon as the process starts, so the visitors nginx moves to it later do
not pay for that first run:

    python deploy/warm.py 8501

It asks the process's own script-health check (on 127.0.0.1 only; nginx refuses that address to
visitors), which runs the app in a session of its own, and waits until the answer is 200.
"""

from __future__ import annotations

import sys
import time
import urllib.error
import urllib.request

WAIT_S = 60  # well inside systemd's start timeout (90 s), which ExecStartPost counts against


def warm(port: int) -> None:
    url = f"http://127.0.0.1:{port}/_stcore/script-health-check"
    deadline = time.monotonic() + WAIT_S
    while True:
        try:
            with urllib.request.urlopen(url, timeout=WAIT_S):  # 200: the app ran; else HTTPError
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as error:
            if time.monotonic() > deadline:
                message = f"the atlas on port {port} did not run within {WAIT_S} s: {error}"
                raise SystemExit(message) from None
        time.sleep(0.5)  # the process is still starting


if __name__ == "__main__":
    warm(int(sys.argv[1]))
