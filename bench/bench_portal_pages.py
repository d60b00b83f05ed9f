"""Portal pages under load: the seed article and the open-data indicator page vs a static file.

    IPGOV_HOME=/tmp/ipgov-bench python bench/bench_portal_pages.py [--duration 20] [--clients 50] [--workers 4]
        [--repeat 3] [--read-only] [--quick]

Uses the demo in IPGOV_HOME (loads it once, like bench_web.py; with --read-only it must be there already and
nothing is written: no user, no collectstatic — whitenoise serves the static file from the app folders).
Starts gunicorn on loopback and runs `wrk` with anonymous clients on a static file served by the same
workers (the baseline), the seed article (live figures from the cube, comment form with a fresh captcha)
and the patent applications' open-data page (table, chart data, map, downloads), --repeat times; prints
the medians of p50/p99 and their ratios to the static file. Goal: p99 <= 100 ms (pages are cached per
computation run: the article's rendered figures and the indicator table). --quick: 5 s, 10 clients, once.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_web import gunicorn, prepare, wrk  # noqa: E402

STATIC = "/static/portal/portal.css"
INDICATOR = "/portal/data/patent_applications/"


def seed_article_path(env) -> str:
    os.environ.update({k: env[k] for k in ("IPGOV_HOME", "DJANGO_SETTINGS_MODULE")})
    import django

    django.setup()
    from ipgov.portal.models import Article

    article = Article.objects.filter(seed_key__gt="").order_by("pk").first()
    if article is None:
        raise SystemExit("no seed article in this home: run `ipgov demo` first")
    return f"/portal/article/{article.pk}/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--read-only", action="store_true", help="a built demo that must not change")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if args.quick:
        args.duration, args.clients, args.repeat = 5, 10, 1
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="ipgov.settings")
    env.setdefault("IPGOV_HOME", "/tmp/ipgov-bench")
    if not args.read_only:
        prepare(env)
    targets = [("static file (baseline)", STATIC), ("seed article", seed_article_path(env)),
               ("indicator page", INDICATOR)]
    runs = []
    with gunicorn(env, args.workers, INDICATOR) as base:
        print(f"gunicorn {args.workers} workers, {args.clients} anonymous clients, {args.duration} s per URL, wrk, "
              f"{args.repeat} run(s)")
        for _ in range(args.repeat):
            runs.append([wrk(base, path, "", args.clients, args.duration) for _name, path in targets])
    results = [(name, {k: statistics.median(run[i][k] for run in runs) for k in ("p50", "p99", "rps", "non2xx")})
               for i, (name, _path) in enumerate(targets)]
    base_p50, base_p99 = results[0][1]["p50"], results[0][1]["p99"]
    print(f"{'page (medians)':<26}{'p50 ms':>9}{'p99 ms':>9}{'req/s':>9}{'p50 ×':>8}{'p99 ×':>8}{'non-2xx':>9}")
    for name, r in results:
        print(f"{name:<26}{r['p50']:>9.1f}{r['p99']:>9.1f}{r['rps']:>9.0f}{r['p50'] / base_p50:>8.1f}"
              f"{r['p99'] / base_p99:>8.1f}{r['non2xx']:>9.0f}")
    for i, run in enumerate(runs, 1):
        print(f"  run {i}: " + ", ".join(f"{name} p99 {r['p99']:.1f}" for (name, _p), r in zip(targets, run,
                                                                                              strict=True)))
    worst = max(r["p99"] for _name, r in results[1:])
    print(f"goal p99 <= 100 ms: {'met' if worst <= 100 else 'NOT met'} (slowest page p99 {worst:.1f} ms)")


if __name__ == "__main__":
    main()
