"""Latency of the staff web app under load: dashboard and a filtered list vs a static file.

    IPGOV_HOME=/tmp/ipgov-bench python bench/bench_web.py [--duration 30] [--clients 20] [--workers 4]

Loads the demo into IPGOV_HOME when it is not there yet (`ipgov demo --no-serve`), starts gunicorn on
loopback, logs in as a province administrator and runs `wrk` (Debian package `wrk`) for each URL in
turn with the same connection count and duration. The baseline is a static file served by the same
gunicorn workers (whitenoise) in the same run; the report gives p50/p99 and their ratio to it.
The dashboard keeps its assembled figures for 60 s per worker (web/dashboard.py), so its first
request per worker is slower than the rest: that cold time is measured apart, before the load.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import gunicorn, wrk  # noqa: E402

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
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="ipgov.settings")
    env.setdefault("IPGOV_HOME", "/tmp/ipgov-bench")
    prepare(env)
    with gunicorn(env, args.workers, "/login/") as base:
        cookie = login(base)
        database = env.get("IPGOV_DATABASE_URL", "sqlite").split(":")[0]
        print(f"gunicorn {args.workers} workers on {base}, database {database}, {args.clients} clients, "
              f"{args.duration} s per URL, wrk")
        cold = [timed_get(base, TARGETS[1][1], cookie) * 1000 for _ in range(args.workers * 2)]
        print(f"dashboard first requests (cold per worker, then cached): {', '.join(f'{c:.0f}' for c in cold)} ms")
        results = [(name, wrk(base, path, cookie, args.clients, args.duration)) for name, path in TARGETS]
    base_p50, base_p99 = results[0][1]["p50"], results[0][1]["p99"]
    print(f"{'URL':<36}{'p50 ms':>9}{'p99 ms':>9}{'req/s':>9}{'p50 ×':>8}{'p99 ×':>8}{'non-2xx':>9}")
    for name, r in results:
        print(f"{name:<36}{r['p50']:>9.1f}{r['p99']:>9.1f}{r['rps']:>9.0f}{r['p50'] / base_p50:>8.1f}"
              f"{r['p99'] / base_p99:>8.1f}{r['non2xx']:>9}")
    dash = results[1][1]["p99"]
    print(f"goal dashboard p99 <= 150 ms: {'met' if dash <= 150 else 'NOT met'} ({dash:.1f} ms)")


if __name__ == "__main__":
    main()
