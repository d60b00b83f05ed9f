"""Designations in force "as of" a date: the cached-date query (what the stats service and the
indicator engine read) against the baseline that reads the event history (latest event on or before
the date, a correlated subquery), on the same data in the same process.

    python bench/bench_designation_stock.py [--designations 20000] [--repeat 7]
                                            [--pg postgresql://postgres@127.0.0.1:5432/ipgov_bench]

Both queries must give the same count for every date (checked before timing). Prints the median
seconds of each over `--repeat` runs of 12 month-end dates, and the ratio baseline / cached.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time


def setup(url: str | None) -> None:
    os.environ["IPGOV_HOME"] = tempfile.mkdtemp(prefix="ipgov-bench-")
    if url:
        os.environ["IPGOV_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipgov.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    if url:  # a reused PostgreSQL database: start from empty tables
        from ipgov.programs.models import Designation, Organization

        Designation.objects.all().delete()
        Organization.objects.all().delete()


def populate(n: int, seed: int = 7) -> None:
    """n designations with 1–3 events each, written in bulk (benchmark data, not an audited path)."""
    from ipgov.programs.choices import DesignationKind, Level
    from ipgov.programs.models import Designation, DesignationEvent, Organization
    from ipgov.regions import loader

    loader.load_divisions()
    from ipgov.regions.models import Region

    counties = list(Region.objects.within("410000").filter(level="county").values_list("code", flat=True))
    rng = random.Random(seed)
    orgs = Organization.objects.bulk_create(
        Organization(name=f"企业{i}", kind="enterprise", region_id=rng.choice(counties)) for i in range(n))
    kinds = list(DesignationKind.values)
    rows, events = [], []
    for org in orgs:
        start = datetime.date(2012, 1, 1) + datetime.timedelta(days=rng.randrange(3000))
        revoked = start + datetime.timedelta(days=rng.randrange(200, 2000)) if rng.random() < 0.2 else None
        accepted = start + datetime.timedelta(days=rng.randrange(100, 600)) if rng.random() < 0.4 else None
        if revoked and accepted and accepted >= revoked:
            accepted = None
        status = "revoked" if revoked else ("accepted" if accepted else "designated")
        rows.append(Designation(organization=org, kind=rng.choice(kinds), level=Level.NATIONAL, year=start.year,
                                status=status, region_id=org.region_id, designated_on=start,
                                accepted_on=accepted, revoked_on=revoked))
    Designation.objects.bulk_create(rows, batch_size=2000)
    for d in Designation.objects.all().iterator():
        events.append(DesignationEvent(designation=d, status="designated", date=d.designated_on))
        if d.accepted_on:
            events.append(DesignationEvent(designation=d, status="accepted", date=d.accepted_on))
        if d.revoked_on:
            events.append(DesignationEvent(designation=d, status="revoked", date=d.revoked_on))
    DesignationEvent.objects.bulk_create(events, batch_size=5000)


def timed(fn, dates) -> float:
    start = time.perf_counter()
    for d in dates:
        fn("410000", d)
    return time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--designations", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--pg", help="PostgreSQL URL (default: SQLite in a temporary IPGOV_HOME)")
    args = parser.parse_args(argv)
    setup(args.pg)
    populate(args.designations)
    from django.db import connection

    from ipgov.programs import stats

    dates = [datetime.date(y, 12, 31) for y in range(2012, 2024)]
    for d in dates:
        cached, events = stats.designations_in_force("410000", d), stats.designations_in_force_from_events("410000", d)
        if cached != events:
            print(f"MISMATCH on {d}: cached {cached}, events {events}")
            return 1
    cached = [timed(stats.designations_in_force, dates) for _ in range(args.repeat)]
    baseline = [timed(stats.designations_in_force_from_events, dates) for _ in range(args.repeat)]
    mc, mb = statistics.median(cached), statistics.median(baseline)
    print(f"{connection.vendor}, {args.designations:,} designations, 12 dates per run, {args.repeat} runs")
    print(f"  baseline (event history, correlated subquery): median {mb:.4f} s")
    print(f"  cached dates (designated_on / revoked_on):     median {mc:.4f} s")
    print(f"  ratio baseline / cached: {mb / mc:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
