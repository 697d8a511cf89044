"""Python time per rerun: a reference's script under streamlit.testing.v1.AppTest, no browser."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import time

from bench.harness import ROOT
from bench.references import Reference


def rerun_timing(reference: Reference, reruns: int) -> list[float]:
    """ms per rerun, timed in a child process (`python -m bench --rerun-timing NAME`)."""
    argv = [sys.executable, "-m", "bench", "--rerun-timing", reference.name, "--reruns", str(reruns)]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"rerun timing of {reference.name} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def rerun_timing_child(reference: Reference, reruns: int) -> None:
    """In the child: print the ms of each of `reruns` reruns, after a warm-up, as a JSON list."""
    logging.disable(logging.WARNING)
    from streamlit.testing.v1 import AppTest

    sys.path.insert(0, str(ROOT))  # the app imports ui and route_atlas from the repository root
    at = AppTest.from_file(str(reference.rerun_script), default_timeout=120)
    at.run()
    reference.rerun(at, 0)  # warm-up: the first selection
    times = []
    for k in range(1, reruns + 1):
        start = time.perf_counter()
        reference.rerun(at, k)
        times.append((time.perf_counter() - start) * 1000)
    if at.exception:
        raise SystemExit(f"the app raised: {at.exception}")
    print(json.dumps([round(t, 2) for t in times]))
