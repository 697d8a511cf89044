"""The machine the benchmark runs on: what it is, a server's memory, and who used the CPU."""

from __future__ import annotations

import os
import platform
import time
from importlib import metadata
from pathlib import Path

import psutil

from bench.harness import Server


def machine() -> dict:
    """{"cpus", "cpu_model", "python", "versions": {package: version or None}}."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for package in ("streamlit", "streamlit-folium", "folium", "playwright"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model or platform.processor(),
        "python": platform.python_version(),
        "versions": versions,
    }


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _server_processes(server: Server | None) -> list[psutil.Process]:
    if server is None or server.process is None or server.process.poll() is not None:
        return []
    try:
        top = psutil.Process(server.process.pid)
        return [top, *top.children(recursive=True)]
    except psutil.Error:
        return []


def rss(server: Server) -> int:
    """Resident memory of the server and its children, in bytes (0 once it has stopped)."""
    total = 0
    for proc in _server_processes(server):
        try:
            total += proc.memory_info().rss
        except psutil.Error:
            pass
    return total


class CpuMeter:
    """CPU used between start() and stop(), in % of one core.

    Split into the server, the browser with the rest of this run, and every other process on the
    machine (someone else's tests, say), which tells whether the times are disturbed.
    """

    def __init__(self, server: Server | None = None):
        self.server = server

    def _sample(self) -> tuple[float, float, float, float]:
        server_pids = {p.pid for p in _server_processes(self.server)}
        me = psutil.Process()
        server = ours = 0.0
        for proc in [me, *me.children(recursive=True)]:
            try:
                times = proc.cpu_times()
            except psutil.Error:
                continue
            if proc.pid in server_pids:
                server += times.user + times.system
            else:
                ours += times.user + times.system
        t = psutil.cpu_times()
        busy = t.user + t.nice + t.system + t.irq + t.softirq + getattr(t, "steal", 0.0)
        return time.monotonic(), server, ours, busy

    def start(self) -> CpuMeter:
        self.begun = self._sample()
        return self

    def stop(self) -> dict[str, float]:
        """{"wall_s", "server_pct", "browser_pct", "others_pct"}."""
        end = self._sample()
        wall = max(end[0] - self.begun[0], 1e-9)
        server, ours, busy = (100 * (b - a) / wall for a, b in zip(self.begun[1:], end[1:], strict=True))
        return {
            "wall_s": round(wall, 1),
            "server_pct": round(server, 1),
            "browser_pct": round(ours, 1),
            "others_pct": round(max(busy - server - ours, 0.0), 1),
        }
