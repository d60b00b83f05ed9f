"""API latency: open cube cells under 50 clients vs a static file, and a keyed walk through the patents.

    IPGOV_HOME=/tmp/ipgov-bench python bench/bench_api.py [--duration 20] [--clients 50] [--workers 4]
        [--repeat 3] [--read-only USER] [--quick]

Uses the demo in IPGOV_HOME (loads it once, like bench_web.py), starts gunicorn on loopback with the rate
limits lifted, and runs `wrk` on the open cells URL and on a static file served by the same workers in the
same run (the baseline): p50/p99 and their ratios; goal p99 <= 50 ms. Then, with a province
administrator's token, it times pages of 500 patents at the start of the keyed walk and at its end (the
cursor of the last pages is the one the walk would reach): goal last/first <= 1.5.

--read-only USER: a demo that must not change (no demo load, no user, no token, no collectstatic): the
walk's pages are timed in this process, through the same list view, as USER (a province administrator of
the demo, e.g. henan_admin). --repeat runs the load that many times and prints the medians. --quick: 5 s
per URL, 10 clients, one run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import gunicorn, load_options, load_runs, load_setup, print_medians  # noqa: E402
from bench_web import USER, ipgov, prepare  # noqa: E402

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


def walk_in_process(user: str, times: int = 5) -> tuple[float, float, int] | None:
    """Median ms of the first page and of a page near the end, called in this process as `user` (None when
    the home has no such user)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipgov.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    from ipgov.api import staff
    from ipgov.core import keyset
    from ipgov.core.actor import Actor, acting_as
    from ipgov.rights.models import Patent

    res = next(r for r in staff.resources() if r.slug == "patents")
    view = staff.list_view(res)
    found = get_user_model().objects.filter(username=user).first()
    if found is None:  # `ipgov demo --no-serve` makes no accounts
        return None
    actor = Actor.for_user(found)
    near_end = keyset.encode_cursor(Patent.objects.order_by("pk").values_list("pk", flat=True)[1000], "-id")

    def page(cursor):
        query = {"limit": "500", "fields": "application_number", **({"cursor": cursor} if cursor else {})}
        request = RequestFactory().get("/api/v1/patents/", query)
        samples = []
        for _ in range(times):
            start = time.perf_counter()
            with acting_as(actor):
                response = view(request, limit=500, fields="application_number", cursor=cursor)
            samples.append((time.perf_counter() - start) * 1000)
        return statistics.median(samples), len(json.loads(response.content)["results"])

    first_ms, _rows = page(None)
    last_ms, rows = page(near_end)
    return first_ms, last_ms, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    load_options(parser)
    parser.add_argument("--read-only", metavar="USER", help="time a demo that must not change (see above)")
    args = parser.parse_args()
    env = load_setup(args, IPGOV_API_RATE_ANONYMOUS="1000000000", IPGOV_API_RATE_TOKEN="1000000000")
    if not args.read_only:
        prepare(env)
        token = ipgov("token", "add", USER, "--expires", "1d", env=env).split()[-1]
    with gunicorn(env, args.workers, CELLS) as base:
        print(f"gunicorn {args.workers} workers, {args.clients} clients, {args.duration} s per URL, wrk, "
              f"{args.repeat} run(s)")
        runs = load_runs(base, TARGETS, args)
        if not args.read_only:
            first_ms, first = timed(base, "/api/v1/patents/?limit=500&fields=application_number", token)
            # the cursor the walk reaches near its end: 1000 rows above the smallest id
            cursor = ipgov("shell", "-c", "from ipgov.rights.models import Patent; from ipgov.core.keyset import "
                           "encode_cursor; print(encode_cursor(Patent.objects.order_by('pk').values_list('pk', "
                           "flat=True)[1000], '-id'))", env=env).split()[-1]
            last_ms, last = timed(base, f"/api/v1/patents/?limit=500&fields=application_number&cursor={cursor}",
                                  token)
            last_rows = len(last["results"])
    results = print_medians(TARGETS, runs, "URL (medians)")
    cells = results[1][1]["p99"]
    print(f"goal cells p99 <= 50 ms: {'met' if cells <= 50 else 'NOT met'} ({cells:.1f} ms; "
          f"{cells / results[0][1]['p99']:.1f}× the static file's p99 in the same run)", flush=True)
    if args.read_only:
        walked = walk_in_process(args.read_only)
        if walked is None:
            print(f"patents walk skipped: no user {args.read_only!r} in this home")
            return
        first_ms, last_ms, last_rows = walked
    print(f"patents, 500 a page: first page {first_ms:.1f} ms, near the end {last_ms:.1f} ms "
          f"({last_rows} rows): ratio {last_ms / first_ms:.2f} (goal <= 1.5)")


if __name__ == "__main__":
    main()
