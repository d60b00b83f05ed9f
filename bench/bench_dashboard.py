"""The staff dashboard in process: what one warm request costs the application itself (no server, no
network, one client), as the province administrator and as a city officer, against a static file served
by the same application in the same run.

    IPGOV_HOME=/tmp/ipgov-bench python bench/bench_dashboard.py [--requests 50] [--repeat 3] [--quick]
                                                                [--profile admin|city]

Reads a demo home (`ipgov demo --no-serve`); adds two accounts (bench_admin, province administrator, and
bench_city, 洛阳 city officer) and logs them in (one session each). Targets: a static file (whitenoise, the
baseline), the dashboard 410000 2020H1 as the administrator, 洛阳's dashboard 2020H1 as its officer, the
same in English, and the HTMX swap of the administrator's. Each target is warmed up (its first request
builds and keeps the board and its HTML), then timed --requests times per round, the targets interleaved;
prints the median over --repeat rounds of each round's median CPU time of the thread (what the load does not
change much), wall-clock p50 and p99 (ms), their ratios to the static file's and the SQL statements one warm
request runs. The 20-client load bench (bench_web.py) adds the server and
the queueing; issue 17's p99 ≤ 150 ms at 20 clients on two cores leaves ~10 ms of CPU a request.
`--profile` prints the cProfile of one target's requests instead (the 30 costliest functions).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import setup_django  # noqa: E402
from bench_portal_inprocess import environ, percentile  # noqa: E402

STATIC = "/static/web/ipgov.css"
ACCOUNTS = {"admin": ("bench_admin", "province_admin", "410000"), "city": ("bench_city", "city_officer", "410300")}


def sessions() -> dict[str, str]:
    """A logged-in session cookie per account (the accounts made or updated first)."""
    from django.conf import settings
    from django.test import Client

    from ipgov.core.actor import Actor, acting_as
    from ipgov.core.services import save_staff_user

    out = {}
    for who, (username, role, region) in ACCOUNTS.items():
        with acting_as(Actor.system("bench")):
            user = save_staff_user(username, role, region, password="Bench-dashboard-2020").user
        client = Client()
        client.force_login(user, backend=settings.AUTHENTICATION_BACKENDS[-1])
        out[who] = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    return out


def get(application, path: str, cookie: str = "", **headers) -> tuple[str, bytes]:
    env = environ(path)
    if cookie:
        env["HTTP_COOKIE"] = cookie
    env.update(headers)
    status = []
    body = application(env, lambda s, h, exc_info=None: status.append(s))
    try:
        content = b"".join(body)
    finally:
        if hasattr(body, "close"):
            body.close()
    return status[0], content


def statements(application, path: str, cookie: str, **headers) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        get(application, path, cookie, **headers)
    return len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50, help="requests per target and round")
    parser.add_argument("--repeat", type=int, default=3, help="rounds (medians over them)")
    parser.add_argument("--quick", action="store_true", help="20 requests, 3 rounds")
    parser.add_argument("--profile", choices=sorted(ACCOUNTS), help="profile this account's dashboard instead")
    args = parser.parse_args()
    if args.quick:
        args.requests = 20
    setup_django(os.environ.get("IPGOV_HOME"))
    from ipgov.wsgi import application

    cookie = sessions()
    english = "; django_language=en"
    htmx = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "dash"}
    targets = [("static file (baseline)", STATIC, "", {}),
               ("dashboard 410000, administrator", "/?region=410000&period=2020H1", cookie["admin"], {}),
               ("dashboard 410300, city officer", "/?period=2020H1", cookie["city"], {}),
               ("same, English", "/?period=2020H1", cookie["city"] + english, {}),
               ("administrator's, HTMX swap", "/?region=410000&period=2020H1", cookie["admin"], htmx)]
    for name, path, c, headers in targets:
        status, content = get(application, path, c, **headers)
        if not status.startswith("200"):
            raise SystemExit(f"{name}: {path} answered {status}")
        get(application, path, c, **headers)
    if args.profile:
        import cProfile
        import pstats

        _name, path, c, headers = targets[1 if args.profile == "admin" else 2]
        profiler = cProfile.Profile(time.thread_time)  # CPU time: what the load does not inflate
        profiler.enable()
        for _ in range(args.requests):
            get(application, path, c, **headers)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(150)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
        return
    counts = {name: statements(application, path, c, **headers) for name, path, c, headers in targets}
    rounds: dict[str, list[tuple[float, float, float]]] = {name: [] for name, *_rest in targets}
    for _ in range(args.repeat):
        for name, path, c, headers in targets:  # interleaved: each round measures every target under the same load
            timings, cpu = [], []
            for _ in range(args.requests):
                start, start_cpu = time.perf_counter(), time.thread_time()
                get(application, path, c, **headers)
                cpu.append((time.thread_time() - start_cpu) * 1000)
                timings.append((time.perf_counter() - start) * 1000)
            rounds[name].append((statistics.median(timings), percentile(timings, 0.99), statistics.median(cpu)))
    print(f"in process, {args.requests} warm requests per target × {args.repeat} rounds, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'target':<34}{'CPU ms':>8}{'p50 ms':>9}{'p99 ms':>9}{'p50/static':>12}{'p99/static':>12}{'SQL':>5}")
    base50 = statistics.median(r[0] for r in rounds[targets[0][0]])
    base99 = statistics.median(r[1] for r in rounds[targets[0][0]])
    for name, *_rest in targets:
        p50 = statistics.median(r[0] for r in rounds[name])
        p99 = statistics.median(r[1] for r in rounds[name])
        cpu = statistics.median(r[2] for r in rounds[name])
        print(f"{name:<34}{cpu:>8.2f}{p50:>9.2f}{p99:>9.2f}{p50 / base50:>12.1f}{p99 / base99:>12.1f}{counts[name]:>5}")


if __name__ == "__main__":
    main()
