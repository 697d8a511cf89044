"""`python -m bench`: run every measurement, print the table, optionally write the JSON."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

import bench
from bench.excerpt_filter import filter_timing, timing_lines
from bench.harness import LAUNCH_ARGS, Server
from bench.measure import one_round
from bench.references import Reference, references
from bench.report import aggregate, brief, table
from bench.reruns import rerun_timing, rerun_timing_child
from bench.sessions import session_phase
from bench.system import CpuMeter, load_average, machine
from route_atlas import load_content

DEFAULTS = {"rounds": 5, "clicks": 4, "sessions": 30, "load_clicks": 4, "period": 4.0, "reruns": 30}
QUICK = {"rounds": 1, "clicks": 2, "sessions": 3, "load_clicks": 2, "period": 2.0, "reruns": 5}


def parse_args(argv=None):
    p = argparse.ArgumentParser(prog="python -m bench", description=bench.__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="1 round, fewer clicks, 3 sessions (a smoke run)")
    p.add_argument("--rounds", type=int, help="measured rounds after the warm-up (default 5; quick 1)")
    p.add_argument("--clicks", type=int, help="clicks per round (default 4; quick 2)")
    p.add_argument("--sessions", type=int, help="concurrent sessions (default 30; quick 3)")
    p.add_argument("--load-clicks", type=int, help="clicks per session under load (default 4; quick 2)")
    p.add_argument("--period", type=float, help="seconds between a session's clicks (default 4; quick 2)")
    p.add_argument("--reruns", type=int, help="AppTest reruns timed (default 30; quick 5)")
    p.add_argument("--json", type=Path, help="also write every sample and the summary to this file")
    p.add_argument(
        "--excerpt-filter",
        action="store_true",
        help="only time the Excerpts page's filtering of 5,000 synthetic excerpts (a few seconds)",
    )
    p.add_argument("--rerun-timing", choices=("atlas", "floor"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    for key, value in (QUICK if args.quick else DEFAULTS).items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    if args.sessions < 1 or args.rounds < 1 or args.clicks < 1:
        p.error("--rounds, --clicks and --sessions must be at least 1")
    return args


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def stop_all(servers) -> None:
    for server in servers:
        server.stop()


def start_all(refs: dict[str, Reference], logs: Path) -> dict[str, Server]:
    servers: dict[str, Server] = {}
    try:
        for name, ref in refs.items():
            servers[name] = ref.server(logs).start()
    except BaseException:
        stop_all(servers.values())
        raise
    return servers


def run(args) -> dict:
    """Every measurement; one that fails is recorded in "failures" and the others still run."""
    from playwright.sync_api import sync_playwright

    refs = references(load_content().countries)
    logs = Path(tempfile.mkdtemp(prefix="atlas-bench-"))
    raw: dict = {name: {"rounds": []} for name in refs}
    failures: list[str] = []
    header = {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        "load_before": load_average(),
        "rounds": args.rounds,
        "warmup": 1,
        "clicks_per_round": args.clicks,
        "sessions": args.sessions,
        "load_clicks": args.load_clicks,
        "period": args.period,
    }
    started = time.monotonic()
    servers: dict[str, Server] = {}

    def failed(what: str, error: Exception) -> None:
        failures.append(f"{what}: {type(error).__name__}: {error}"[:2000])
        progress(f"FAILED {failures[-1]}")

    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(**LAUNCH_ARGS)
            header["browser"] = f"Chromium {browser.version}"
            # Timing rounds: the three references interleaved, so noise touches them alike.
            servers = start_all(refs, logs)
            rounds_cpu = CpuMeter().start()
            for index in range(1 + args.rounds):
                for name, ref in refs.items():
                    choices = [ref.choice(index * args.clicks, k) for k in range(args.clicks)]
                    try:
                        result = one_round(browser, ref, servers[name].url, choices)
                    except Exception as error:  # noqa: BLE001 - recorded; the other measures go on
                        failed(f"round {index} {name}", error)
                        continue
                    progress(f"round {index}{' (warm-up)' if index == 0 else ''} {name}: {brief(result)}")
                    if index > 0:
                        raw[name]["rounds"].append(result)
            header["others_cpu_rounds"] = rounds_cpu.stop()["others_pct"]
            stop_all(servers.values())

            # Sessions: one reference at a time, each on a fresh server.
            for name, ref in refs.items():
                try:
                    servers = {name: ref.server(logs).start()}
                    s = raw[name]["sessions"] = session_phase(browser, ref, servers[name], args)
                    progress(
                        f"sessions {name}: {s['sessions']} open, {len(s['load_latencies'])} clicks "
                        f"answered, {len(s['errors'])} error(s) {s['errors'][:3]}"
                    )
                except Exception as error:  # noqa: BLE001 - recorded; the other measures go on
                    failed(f"sessions {name}", error)
                finally:
                    stop_all(servers.values())
            browser.close()
    except BaseException:
        progress(f"stopped; the servers' logs are kept in {logs}")
        raise
    finally:
        stop_all(servers.values())

    # Python time per rerun, with no server or browser running.
    for name, ref in refs.items():
        if ref.rerun_script is None:
            continue
        try:
            raw[name]["rerun_ms"] = rerun_timing(ref, args.reruns)
            progress(f"reruns {name}: median {statistics.median(raw[name]['rerun_ms']):.1f} ms")
        except Exception as error:  # noqa: BLE001 - recorded
            failed(f"reruns {name}", error)

    # The Excerpts page's filtering, on content far larger than today's: in this process.
    try:
        raw["atlas"]["excerpt_filter"] = filter_timing(load_content())
        progress("\n".join(timing_lines(raw["atlas"]["excerpt_filter"])))
    except Exception as error:  # noqa: BLE001 - recorded
        failed("excerpt filter", error)

    header["load_after"] = load_average()
    header["seconds"] = round(time.monotonic() - started, 1)
    if failures:
        progress(f"the servers' logs are kept in {logs}")
        header["logs"] = str(logs)
    else:
        shutil.rmtree(logs, ignore_errors=True)
    return {"header": header, "raw": raw, "failures": failures, "summary": aggregate(raw)}


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.rerun_timing:
        rerun_timing_child(references(load_content().countries)[args.rerun_timing], args.reruns)
        return 0
    if args.excerpt_filter:
        print("\n".join(timing_lines(filter_timing(load_content()))))
        return 0

    def stop(signum, _frame):
        raise SystemExit(128 + signum)  # unwinds through the finally blocks that stop the servers

    signal.signal(signal.SIGTERM, stop)
    results = run(args)
    print(table(results))
    for failure in results["failures"]:
        print(f"FAILED {failure}")
    print(f"\n(run took {results['header']['seconds']:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return 1 if results["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
