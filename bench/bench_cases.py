"""Benchmark: opening and moving cases through the workflow engine vs a plain bulk insert.

Each engine case is an e-commerce complaint opened and moved accept → forward → platform_response →
close (four transitions, two deadlines computed in Chinese working days, five timeline events, one
audit row), written by the bulk runner in chunks. The baseline, in the same process and database,
bulk-inserts the same number of finished case rows (the final state only: no deadlines, events or
audit). A third, smaller run moves cases one by one through the services (what an officer does).

    python bench/bench_cases.py [--n 100000] [--repeat 3] [--chunk 10000] [--single 300]

Uses IPGOV_DATABASE_URL when set (e.g. PostgreSQL), else a fresh SQLite database in a temp folder.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time


def setup() -> None:
    os.environ.setdefault("IPGOV_HOME", tempfile.mkdtemp(prefix="ipgov-bench-cases-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipgov.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from ipgov.regions import loader

    loader.load_divisions()


def clear() -> None:
    from django.db import connection

    from ipgov.cases import models as m
    from ipgov.core.models import ObjectChange

    with connection.cursor() as cur:
        for model in (m.CaseEvent, m.CaseDocument, m.CaseRight, m.Party, m.DeadlineExtension, m.Deadline,
                      m.Case):
            cur.execute(f"DELETE FROM {model._meta.db_table}")
        cur.execute(f"DELETE FROM {ObjectChange._meta.db_table}")


def clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def since(start: tuple[float, float]) -> tuple[float, float]:
    """(wall, CPU of this process) seconds; on a shared machine the CPU time is the steadier figure,
    but on PostgreSQL it leaves out the server's work."""
    return time.perf_counter() - start[0], time.process_time() - start[1]


def dates(i: int) -> tuple[datetime.date, ...]:
    received = datetime.date(2019, 1, 2) + datetime.timedelta(days=i % 360)
    return tuple(received + datetime.timedelta(days=d) for d in (0, 1, 1, 5, 6))


def engine_run(n: int, chunk: int) -> float:
    from ipgov.cases.bulk import BulkRunner

    start = clock()
    run = BulkRunner()
    for i in range(n):
        received, accepted, forwarded, responded, closed = dates(i)
        h = run.open("ecommerce", region="410100", authority="中国郑州（创意产业）知识产权快速维权中心",
                     received_on=received, platform="京东")
        run.move(h, "accept", accepted)
        run.move(h, "forward", forwarded)
        run.move(h, "platform_response", responded, platform_result="已删除侵权链接")
        run.move(h, "close", closed)
        if (i + 1) % chunk == 0:
            run.flush()
    run.flush()
    return since(start)


def baseline_run(n: int, chunk: int) -> float:
    from ipgov.cases.models import Case

    start = clock()
    rows = []
    for i in range(n):
        received, accepted, forwarded, responded, closed = dates(i)
        rows.append(Case(number=f"B-{i:07d}", kind="ecommerce", state="closed", region_id="410100",
                         authority="中国郑州（创意产业）知识产权快速维权中心", right_type="patent",
                         received_on=received, last_on=closed, closed_on=closed, outcome="responded",
                         platform="京东", platform_result="已删除侵权链接", forwarded_on=forwarded,
                         platform_responded_on=responded, closing_days=(closed - received).days,
                         closed_in_time=True))
        if len(rows) == chunk:
            Case.objects.bulk_create(rows, batch_size=2000)
            rows = []
    Case.objects.bulk_create(rows, batch_size=2000)
    return since(start)


def single_run(n: int) -> float:
    from ipgov.cases import services

    start = clock()
    for i in range(n):
        received, accepted, forwarded, responded, closed = dates(i)
        case = services.open_case("ecommerce", region="410100", authority="中心", received_on=received,
                                  platform="京东")
        services.move_case(case, "accept", on=accepted)
        services.move_case(case, "forward", on=forwarded)
        services.move_case(case, "platform_response", on=responded, platform_result="已删除侵权链接")
        services.move_case(case, "close", on=closed)
    return since(start)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--chunk", type=int, default=10_000)
    parser.add_argument("--single", type=int, default=300, help="cases moved one by one through the services")
    args = parser.parse_args(argv)
    setup()
    from django.db import connection

    from ipgov.cases.models import Case, CaseEvent, Deadline
    from ipgov.core.actor import Actor, acting_as

    print(f"database: {connection.vendor}; {args.n:,} cases × {args.repeat} runs, chunks of {args.chunk:,}")
    engine_times, base_times = [], []
    with acting_as(Actor.system("bench")):
        for r in range(args.repeat):
            clear()
            t = engine_run(args.n, args.chunk)
            engine_times.append(t)
            counts = (Case.objects.count(), Deadline.objects.count(), CaseEvent.objects.count())
            assert counts[0] == args.n and Case.objects.filter(state="closed").count() == args.n
            clear()
            b = baseline_run(args.n, args.chunk)
            base_times.append(b)
            assert Case.objects.count() == args.n
            print(f"  run {r + 1}: engine {t[0]:6.1f} s wall / {t[1]:6.1f} s CPU ({counts[1]:,} deadlines, "
                  f"{counts[2]:,} events)   baseline {b[0]:6.1f} s wall / {b[1]:6.1f} s CPU")
        clear()
        s = single_run(args.single) if args.single else None
        clear()
    for i, what in ((0, "wall"), (1, "CPU")):
        e = statistics.median(t[i] for t in engine_times)
        b = statistics.median(t[i] for t in base_times)
        print(f"[{what}] median engine (open + 4 transitions, bulk runner): {args.n / e:,.0f} cases/s ({e:.1f} s); "
              f"baseline (plain bulk insert of finished rows): {args.n / b:,.0f} cases/s ({b:.1f} s); "
              f"ratio engine/baseline throughput {b / e:.3f} ({e / b:.1f}× the time)")
    if s:
        b = statistics.median(t[0] for t in base_times)
        print(f"[wall] one by one through the services: {args.single / s[0]:,.1f} cases/s ({args.single} cases, "
              f"{s[0]:.1f} s; {(args.n / b) / (args.single / s[0]):,.0f}× slower than the baseline)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
