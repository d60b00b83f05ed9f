"""API latency: open cube cells under 50 clients vs a static file, and a keyed walk through the patents.

    IPGOV_HOME=/tmp/ipgov-bench python bench/bench_api.py [--duration 20] [--clients 50] [--workers 4]

Uses the demo in IPGOV_HOME (loads it once, like bench_web.py), starts gunicorn on loopback with the rate
limits lifted, and runs `wrk` on the open cells URL and on a static file served by the same workers in the
same run (the baseline): p50/p99 and their ratios; goal p99 <= 50 ms. Then, with a province
administrator's token, it times pages of 500 patents at the start of the keyed walk and at its end (the
cursor of the last pages is the one the walk would reach): goal last/first <= 1.5.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_web import USER, gunicorn, ipgov, prepare, wrk  # noqa: E402

CELLS = "/api/v1/open/cells?indicator=patent_applications&region=410000&period=2020H1"
TARGETS = [("static file (baseline)", "/static/web/ipgov.css"), ("open cells 410000 2020H1", CELLS)]


def timed(base: str, path: str, token: str, times: int = 5) -> tuple[float, dict]:
    samples, body = [], {}
    for _ in range(times):
        request = urllib.request.Request(base + path, headers={"Authorization": f"Bearer {token}"})
        start = time.perf_counter()
        with urllib.request.urlopen(request) as response:
            body = json.loads(response.read())
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="ipgov.settings", IPGOV_API_RATE_ANONYMOUS="1000000000",
               IPGOV_API_RATE_TOKEN="1000000000")
    env.setdefault("IPGOV_HOME", "/tmp/ipgov-bench")
    prepare(env)
    token = ipgov("token", "add", USER, "--expires", "1d", env=env).split()[-1]
    with gunicorn(env, args.workers, CELLS) as base:
        print(f"gunicorn {args.workers} workers, {args.clients} clients, {args.duration} s per URL, wrk")
        results = [(name, wrk(base, path, "", args.clients, args.duration)) for name, path in TARGETS]
        first_ms, first = timed(base, "/api/v1/patents/?limit=500&fields=application_number", token)
        ids = [r["id"] for r in first["results"]]
        # the cursor the walk reaches near its end: 1000 rows above the smallest id
        cursor = ipgov("shell", "-c", "from ipgov.rights.models import Patent; from ipgov.api.staff import "
                       "encode_cursor; print(encode_cursor(Patent.objects.order_by('pk').values_list('pk', "
                       "flat=True)[1000], '-id'))", env=env).split()[-1]
        last_ms, last = timed(base, f"/api/v1/patents/?limit=500&fields=application_number&cursor={cursor}",
                              token)
    base_p50, base_p99 = results[0][1]["p50"], results[0][1]["p99"]
    print(f"{'URL':<30}{'p50 ms':>9}{'p99 ms':>9}{'req/s':>9}{'p50 ×':>8}{'p99 ×':>8}{'non-2xx':>9}")
    for name, r in results:
        print(f"{name:<30}{r['p50']:>9.1f}{r['p99']:>9.1f}{r['rps']:>9.0f}{r['p50'] / base_p50:>8.1f}"
              f"{r['p99'] / base_p99:>8.1f}{r['non2xx']:>9}")
    cells = results[1][1]["p99"]
    print(f"goal cells p99 <= 50 ms: {'met' if cells <= 50 else 'NOT met'} ({cells:.1f} ms)")
    print(f"patents, 500 a page: first page {first_ms:.1f} ms (ids {ids[0]}…), near the end {last_ms:.1f} ms "
          f"({len(last['results'])} rows): ratio {last_ms / first_ms:.2f} (goal <= 1.5)")


if __name__ == "__main__":
    main()
