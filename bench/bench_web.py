"""Latency of the staff web app under load: dashboard and a filtered list vs a static file.

    IPGOV_HOME=/tmp/ipgov-bench python bench/bench_web.py [--duration 20] [--clients 20] [--more-clients 50]
                                                          [--workers 4] [--repeat 3] [--quick]

Loads the demo into IPGOV_HOME when it is not there yet (`ipgov demo --no-serve`), starts gunicorn on
loopback, logs in as a province administrator and runs `wrk` (Debian package `wrk`) for each URL in
turn with the same connection count and duration, --repeat times per client count (20, then 50). The
baseline is a static file served by the same gunicorn workers (whitenoise) in the same run; the report
gives the medians of p50/p99 and their ratio to it. Goal (issue 17): dashboard p99 <= 150 ms at 20 clients.
The dashboard keeps its figures and their HTML per computation run in each worker (web/dashboard.py), so its first
request per worker is slower than the rest: that cold time is measured apart, before the load.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import gunicorn, load_options, load_runs, load_setup, print_medians, wrk  # noqa: E402

USER, PASSWORD = "bench_admin", "Bench-web-2020"
TARGETS = [
    ("static file (baseline)", "/static/web/ipgov.css"),
    ("dashboard 410000 2020H1", "/?region=410000&period=2020H1"),
    ("patents: invention, 郑州, sorted", "/records/patents/?patent_type=invention&region=410100&sort=-filing_date"),
]


def ipgov(*args: str, env) -> str:
    out = subprocess.run([sys.executable, "-m", "ipgov", *args], env=env, check=True, capture_output=True,
                         text=True)
    return out.stdout


def prepare(env) -> None:
    home = Path(env["IPGOV_HOME"])
    marker = home / "bench-demo-loaded"
    if not marker.exists():
        print(f"loading the demo into {home} (once) …", flush=True)
        ipgov("demo", "--no-serve", env=env)
        marker.write_text("ok")
    ipgov("user", "add", USER, "--role", "province_admin", "--region", "410000", "--password", PASSWORD, env=env)
    ipgov("axes_reset", env=env)
    ipgov("collectstatic", "--noinput", "-v0", env=env)


def login(base: str) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"username": USER, "password": PASSWORD, "csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(f"{base}/login/", data=data, headers={"Referer": f"{base}/login/"})
    opener.open(request).read()
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        raise SystemExit("login failed: no session cookie")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def timed_get(base: str, path: str, cookie: str) -> float:
    start = time.perf_counter()
    request = urllib.request.Request(base + path, headers={"Cookie": cookie})
    with urllib.request.urlopen(request) as response:
        response.read()
        assert response.status == 200, (path, response.status)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    load_options(parser, duration=20, clients=20)
    parser.add_argument("--more-clients", type=int, nargs="*", default=[50],
                        help="further client counts, each run like --clients (issue 17: 20 and 50)")
    args = parser.parse_args()
    env = load_setup(args)
    if args.quick:
        args.more_clients = []
    prepare(env)
    with gunicorn(env, args.workers, "/login/") as base:
        cookie = login(base)
        database = env.get("IPGOV_DATABASE_URL", "sqlite").split(":")[0]
        # the dashboard keeps its figures per worker: its first requests per worker are the cold ones
        cold = [timed_get(base, TARGETS[1][1], cookie) * 1000 for _ in range(args.workers * 2)]
        print(f"gunicorn {args.workers} workers on {base}, database {database}, wrk {args.duration} s per URL, "
              f"{args.repeat} run(s)")
        print(f"dashboard first requests (cold per worker, then kept): {', '.join(f'{c:.0f}' for c in cold)} ms "
              f"(not in the figures below)")
        for _name, path in TARGETS:  # every worker's first requests (imports) are not measured
            wrk(base, path, cookie, args.clients, 3)
        verdicts = []
        for clients in [args.clients, *args.more_clients]:
            args.clients = clients
            results = print_medians(TARGETS, load_runs(base, TARGETS, args, cookie), f"{clients} clients (medians)")
            dash = results[1][1]["p99"]
            verdicts.append(f"{clients} clients: {'met' if dash <= 150 else 'NOT met'} ({dash:.1f} ms; static "
                            f"{results[0][1]['p99']:.1f} ms)")
    print("goal dashboard p99 <= 150 ms — " + "; ".join(verdicts))


if __name__ == "__main__":
    main()
