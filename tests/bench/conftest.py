"""What the benchmark's functional runs share: a bench command run as its own process, as an
operator runs it (Playwright's sync API cannot start inside the browser tests' own loop)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def run_bench(module: str, *args: str) -> str:
    """`python -m MODULE ARGS…` from the repository root; its output, once it has exited 0."""
    run = subprocess.run(
        [sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout
