"""Many sessions on one server: its memory with 1 and N open, then N clicking at once."""

from __future__ import annotations

import time

from bench.harness import Server
from bench.measure import (
    TIMEOUT_MS,
    arm_click,
    click,
    click_result,
    disarm,
    frame_eval,
    measure_click,
    open_page,
    shown_errors,
    wait_idle,
    wait_ready,
)
from bench.references import Reference
from bench.system import CpuMeter, rss

OPEN_BATCH = 5  # pages opened at once, so the browser is not asked for all N first loads together
ASK_EVERY_S = 0.25  # how often a page waiting for its panel is asked; spares the busy browser


class Session:
    """One reader: a browser context of its own, clicking a different country each time."""

    def __init__(self, browser, reference: Reference, index: int):
        self.reference, self.index = reference, index
        self.context, self.page, _ = open_page(browser, reference)
        self.clicks = 0  # clicks made
        self.pending: tuple[object, float] | None = None  # (choice, monotonic time of the click)
        self.broken = False
        self.asked = 0.0  # when the page was last asked whether its panel is complete

    def next_choice(self):
        return self.reference.choice(self.index, self.clicks)

    def close(self) -> None:
        try:
            self.context.close()
        except Exception:
            pass


def session_phase(browser, reference: Reference, server: Server, args) -> dict:
    """Server memory with 1 and N sessions, then p50/p95 click → panel with all N clicking."""
    out = {"rss_idle": rss(server)}
    sessions: list[Session] = []
    try:
        first = Session(browser, reference, 0)
        sessions.append(first)
        first.page.goto(server.url, wait_until="commit")
        wait_ready(first.page)
        out["first_session_click"] = measure_click(first.page, reference, first.next_choice())
        first.clicks = 1
        wait_idle(first.page, reference)
        first.page.wait_for_timeout(1000)
        out["rss_1"] = rss(server)

        for start in range(1, args.sessions, OPEN_BATCH):
            stop = min(start + OPEN_BATCH, args.sessions)
            opened = [Session(browser, reference, i) for i in range(start, stop)]
            sessions += opened
            for s in opened:
                s.page.goto(server.url, wait_until="commit")
            for s in opened:
                wait_ready(s.page, timeout_s=120)
        for s in sessions:
            wait_idle(s.page, reference, timeout_ms=120_000)
        time.sleep(1.0)
        out["rss_n"] = rss(server)
        out["sessions"] = len(sessions)
        idle = CpuMeter(server).start()
        time.sleep(3.0)  # the server's own background work with N sessions open, to subtract later
        out["idle_cpu"] = idle.stop()

        made_before = sum(s.clicks for s in sessions)
        meter = CpuMeter(server).start()
        latencies, errors = _all_clicking(sessions, reference, args)
        out["load_cpu"] = meter.stop()
        out["rss_after_load"] = rss(server)
        for s in sessions:
            errors += [f"session {s.index} shows {text}" for text in shown_errors(s.page)]
            errors += [f"session {s.index}: {e}" for e in s.page.errors]
        out["load_latencies"] = latencies
        out["load_clicks"] = args.load_clicks * len(sessions)
        out["load_clicks_made"] = sum(s.clicks for s in sessions) - made_before
        out["errors"] = errors
        return out
    finally:
        for s in sessions:
            s.close()


def _all_clicking(sessions: list[Session], reference: Reference, args) -> tuple[list[float], list[str]]:
    """Each session clicks args.load_clicks times, every args.period s, staggered across sessions;
    returns the click → panel times and the errors."""
    latencies: list[float] = []
    errors: list[str] = []
    points: dict = {}
    start = time.monotonic() + 0.5
    due = {s.index: start + s.index * args.period / len(sessions) for s in sessions}
    target = {s.index: s.clicks + args.load_clicks for s in sessions}
    deadline = start + args.period * (args.load_clicks + 1) + TIMEOUT_MS / 1000 + 30
    while time.monotonic() < deadline:
        active = False
        for s in sessions:
            if s.broken:
                continue
            if s.pending is not None:
                active = True
                choice, clicked_at = s.pending
                if time.monotonic() < s.asked + ASK_EVERY_S:
                    continue
                s.asked = time.monotonic()
                if frame_eval(s.page.main_frame, "() => !!(window.__bench && window.__bench.hits.panel)"):
                    s.pending = None
                    try:
                        # No grace for late feedback here: a pause would bunch the next clicks.
                        latencies.append(click_result(s.page, reference, choice, grace_ms=0)["panel"])
                    except RuntimeError as error:
                        errors.append(f"session {s.index}: {error}")
                elif time.monotonic() - clicked_at > TIMEOUT_MS / 1000:
                    errors.append(f"session {s.index}: no panel for {choice} in {TIMEOUT_MS} ms")
                    disarm(s.page)
                    s.pending, s.broken = None, True
            elif s.clicks < target[s.index]:
                active = True
                if time.monotonic() >= due[s.index]:
                    choice = s.next_choice()
                    try:
                        arm_click(s.page, reference, choice)
                        click(s.page, reference, choice, points)
                    except Exception as error:  # noqa: BLE001 - counted, and the session retired
                        errors.append(f"session {s.index}: click on {choice} failed: {error}")
                        s.broken = True
                        continue
                    s.pending = (choice, time.monotonic())
                    s.clicks += 1
                    due[s.index] += args.period
        if not active:
            break
        time.sleep(0.02)
    return latencies, errors
