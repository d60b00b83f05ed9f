"""Portal pages under load: the seed article and the open-data indicator page vs a static file.

    IPGOV_HOME=/tmp/ipgov-bench python bench/bench_portal_pages.py [--duration 20] [--clients 50] [--workers 4]
        [--repeat 3] [--read-only] [--quick]

Uses the demo in IPGOV_HOME (loads it once, like bench_web.py; with --read-only it must be there already and
nothing is written: no user, no collectstatic — whitenoise serves the static file from the app folders).
Starts gunicorn on loopback and runs `wrk` with anonymous clients on a static file served by the same
workers (the baseline), the seed article (live figures from the cube, the comment form; its captcha is
fetched on demand, so a GET writes nothing) and the patent applications' open-data page (table, chart
data, map, downloads), --repeat times; prints the medians of p50/p99 and their ratios to the static file.
Goal: p99 <= 100 ms (both pages are kept whole per computation run for anonymous visitors — portal.kept,
served with each client's own CSRF token). --quick: 5 s, 10 clients, once. What a request costs the
application itself, without the server: bench_portal_inprocess.py.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import gunicorn, load_options, load_runs, load_setup, print_medians, wrk  # noqa: E402
from bench_web import prepare  # noqa: E402

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
    load_options(parser)
    parser.add_argument("--read-only", action="store_true", help="a built demo that must not change")
    args = parser.parse_args()
    env = load_setup(args)
    if not args.read_only:
        prepare(env)
    targets = [("static file (baseline)", STATIC), ("seed article", seed_article_path(env)),
               ("indicator page", INDICATOR)]
    with gunicorn(env, args.workers, INDICATOR) as base:
        print(f"gunicorn {args.workers} workers, {args.clients} anonymous clients, {args.duration} s per URL, wrk, "
              f"{args.repeat} run(s)")
        for _name, path in targets:  # every worker's first requests (imports, kept pages) are not measured
            wrk(base, path, "", args.clients, 3)
        runs = load_runs(base, targets, args)
    results = print_medians(targets, runs, "page (medians)")
    worst = max(r["p99"] for _name, r in results[1:])
    print(f"goal p99 <= 100 ms: {'met' if worst <= 100 else 'NOT met'} (slowest page p99 {worst:.1f} ms; "
          f"{worst / results[0][1]['p99']:.1f}× the static file's p99 in the same run)")


if __name__ == "__main__":
    main()
