"""Portal pages in process: one WSGI call per request (no server, no network, one client), against a static
file served by the same application in the same run.

    IPGOV_HOME=/tmp/ipgov-bench python bench/bench_portal_inprocess.py [--requests 300] [--repeat 3]

Uses the home as it is (nothing is written by the pages measured: anonymous plain GETs). Targets: a static
file (whitenoise, the baseline), the seed article, the open-data catalogue, the patent applications'
open-data page (also with `?region=410100`, the link of the city pages and live figures) and the
Zhengzhou city page. Each target is warmed up (the first request renders and keeps the page), then timed
--requests times per round; prints the median over --repeat rounds of each round's p50 and p99 (ms) and
their ratios to the static file's. What the 50-client load bench (`bench_portal_pages.py`) adds on top is
the server and the queueing; this one says what a request costs the application itself.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import setup_django  # noqa: E402

STATIC = "/static/portal/portal.css"


def environ(path: str) -> dict:
    path, _, query = path.partition("?")
    return {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "REMOTE_ADDR": "127.0.0.1", "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr,
            "wsgi.version": (1, 0), "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False}


def get(application, path: str) -> tuple[str, int]:
    status = []
    body = application(environ(path), lambda s, headers, exc_info=None: status.append(s))
    try:
        size = sum(len(chunk) for chunk in body)
    finally:
        if hasattr(body, "close"):
            body.close()
    return status[0], size


def percentile(timings: list[float], q: float) -> float:
    ordered = sorted(timings)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="requests per target and round")
    parser.add_argument("--repeat", type=int, default=3, help="rounds (medians over them)")
    args = parser.parse_args()
    setup_django(os.environ.get("IPGOV_HOME"))
    from ipgov.portal.models import Article
    from ipgov.wsgi import application

    article = Article.objects.filter(seed_key__gt="").order_by("pk").first()
    if article is None:
        raise SystemExit("no seed article in this home: run `ipgov demo` (or the portal seed) first")
    targets = [("static file (baseline)", STATIC), ("seed article", f"/portal/article/{article.pk}/"),
               ("open-data catalogue", "/portal/data/"), ("indicator page", "/portal/data/patent_applications/"),
               ("indicator page ?region", "/portal/data/patent_applications/?region=410100"),
               ("city page", "/portal/region/410100/")]
    for name, path in targets:
        status, size = get(application, path)
        if not status.startswith("200"):
            raise SystemExit(f"{name}: {path} answered {status}")
        get(application, path)
    rounds: dict[str, list[tuple[float, float]]] = {name: [] for name, _p in targets}
    for _ in range(args.repeat):
        for name, path in targets:  # interleaved: each round measures every target under the same load
            timings = []
            for _ in range(args.requests):
                start = time.perf_counter()
                get(application, path)
                timings.append((time.perf_counter() - start) * 1000)
            rounds[name].append((statistics.median(timings), percentile(timings, 0.99)))
    print(f"in process, {args.requests} requests per target × {args.repeat} rounds, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'target':<26}{'p50 ms':>9}{'p99 ms':>9}{'p50/static':>12}{'p99/static':>12}")
    base50 = statistics.median(r[0] for r in rounds[targets[0][0]])
    base99 = statistics.median(r[1] for r in rounds[targets[0][0]])
    for name, _path in targets:
        p50 = statistics.median(r[0] for r in rounds[name])
        p99 = statistics.median(r[1] for r in rounds[name])
        print(f"{name:<26}{p50:>9.2f}{p99:>9.2f}{p50 / base50:>12.1f}{p99 / base99:>12.1f}")


if __name__ == "__main__":
    main()
