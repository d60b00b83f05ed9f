"""Shared helpers for benchmarks: Django setup, medians of repeated timings, and the load runs of the web
benches (gunicorn on loopback, `wrk` against a static file of the same server as the baseline)."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def setup_django(home: str | None = None) -> None:
    if home:
        os.environ.setdefault("IPGOV_HOME", home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipgov.settings")
    import django

    django.setup()


def median_seconds(fn: Callable[[], object], repeat: int = 5) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


# ------------------------------------------------------------------ load runs (bench_web, bench_api, portal pages)
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(env, workers: int, ready_path: str) -> Iterator[str]:
    """gunicorn serving ipgov on a free loopback port until the block ends; yields the base URL once
    `ready_path` answers."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "ipgov.wsgi:application", "--bind",
                               f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning",
                               "--timeout", "300"],  # a worker's first request imports the URLs' modules: slow when loaded
                              env=env)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}{ready_path}").read()
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a graceful stop can outlast 30 s on a loaded machine: the figures stand
            server.kill()
            server.wait()


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def wrk(base: str, path: str, cookie: str, clients: int, duration: int) -> dict:
    out = subprocess.run(["wrk", "-t", "2", "-c", str(clients), "-d", f"{duration}s", "--latency",
                          "-H", f"Cookie: {cookie}", base + path], check=True, capture_output=True, text=True).stdout
    pct = {m[0]: float(m[1]) * UNITS[m[2]] for m in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)}
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"p50": pct["50"], "p99": pct["99"], "rps": rps, "non2xx": int(errors.group(1)) if errors else 0}


def load_options(parser: argparse.ArgumentParser, *, duration: int = 20, clients: int = 50, workers: int = 4,
                 repeat: int = 3) -> None:
    """--duration --clients --workers --repeat --quick (5 s, 10 clients, one run), as every load bench takes."""
    parser.add_argument("--duration", type=int, default=duration, help="seconds of wrk per URL")
    parser.add_argument("--clients", type=int, default=clients)
    parser.add_argument("--workers", type=int, default=workers, help="gunicorn workers")
    parser.add_argument("--repeat", type=int, default=repeat, help="runs over every URL; medians are printed")
    parser.add_argument("--quick", action="store_true", help="5 s per URL, 10 clients, one run")


def load_setup(args: argparse.Namespace, **extra_env: str) -> dict:
    """Apply --quick, check that wrk is there, and give the servers' environment (IPGOV_HOME default
    /tmp/ipgov-bench, the settings module, `extra_env`)."""
    if args.quick:
        args.duration, args.clients, args.repeat = 5, 10, 1
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="ipgov.settings", **extra_env)
    env.setdefault("IPGOV_HOME", "/tmp/ipgov-bench")
    return env


def load_runs(base: str, targets: list[tuple[str, str]], args: argparse.Namespace, cookie: str = "") -> list:
    """`wrk` over every (name, path) in turn, --repeat times: one list of results per run."""
    return [[wrk(base, path, cookie, args.clients, args.duration) for _name, path in targets]
            for _ in range(args.repeat)]


def print_medians(targets: list[tuple[str, str]], runs: list, title: str) -> list[tuple[str, dict]]:
    """The medians over the runs of p50/p99/req/s per target and their ratios to the first (the static file
    baseline), each run's p50/p99 below and the machine's load average; returns (name, medians)."""
    results = [(name, {k: statistics.median(run[i][k] for run in runs) for k in ("p50", "p99", "rps", "non2xx")})
               for i, (name, _path) in enumerate(targets)]
    base_p50, base_p99 = results[0][1]["p50"], results[0][1]["p99"]
    width = max(len(title), *(len(name) for name, _r in results)) + 2
    print(f"{title:<{width}}{'p50 ms':>9}{'p99 ms':>9}{'req/s':>9}{'p50 ×':>8}{'p99 ×':>8}{'non-2xx':>9}")
    for name, r in results:
        print(f"{name:<{width}}{r['p50']:>9.1f}{r['p99']:>9.1f}{r['rps']:>9.0f}{r['p50'] / base_p50:>8.1f}"
              f"{r['p99'] / base_p99:>8.1f}{r['non2xx']:>9.0f}")
    for i, run in enumerate(runs, 1):
        print(f"  run {i}: " + ", ".join(f"{name} p50 {r['p50']:.1f} p99 {r['p99']:.1f}"
                                         for (name, _p), r in zip(targets, run, strict=True)))
    print("  load average (1, 5, 15 min) at the end: " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    return results
