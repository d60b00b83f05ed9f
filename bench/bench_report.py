"""Benchmark: the province's full work report in every format vs rendering the same templates with no
data access (every figure already in memory), in the same process.

    ipgov demo --no-serve && python bench/bench_report.py            # on the demo's cube (IPGOV_HOME)
    python bench/bench_report.py --synthetic                          # on a throw-away synthetic cube

Target: DOCX+XLSX+HTML (build from the cube + write) ≤ 5 s; PDF is timed separately.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def _synthetic_cube() -> None:
    """A cube shaped like the demo's: every month of 2019–2020, 18 cities, type/applicant breakdowns."""
    import random

    from django.core.management import call_command
    from django.utils import timezone

    from ipgov.indicators.models import ComputationRun, Observation
    from ipgov.regions import loader
    from ipgov.reports import charts

    call_command("migrate", verbosity=0)
    loader.load_divisions()
    loader.load_census_2020()
    rng = random.Random(20200814)
    run = ComputationRun.objects.create(executor="database", actor="bench", status="finished",
                                        started=timezone.now(), finished=timezone.now())
    rows = []

    def add(ind, period, kind, value, region="410000", breakdown="", unit="件"):
        rows.append(Observation(indicator=ind, region_id=region, period=period, period_kind=kind,
                                breakdown=breakdown, value=value, unit=unit, status="computed", run=run))

    for region in ["410000", *charts.city_codes()]:
        scale = 1 if region == "410000" else 1 / 18
        for year in (2018, 2019, 2020):
            for ind in ("patent_applications", "patent_grants", "pct_applications", "trademark_applications",
                        "trademarks_valid", "gi_approvals", "well_known_marks_new", "well_known_marks_total"):
                for period, kind, months in ([str(year), "year", 12], [f"{year}H1", "half", 6]):
                    add(ind, period, kind, round(rng.uniform(8000, 12000) * months * scale), region)
                for m in range(1, 13):
                    add(ind, f"{year}-{m:02d}", "month", round(rng.uniform(8000, 12000) * scale), region)
            for period, kind in ([str(year), "year"], [f"{year}H1", "half"]):
                add("valid_invention_patents_per_10k", period, kind, rng.uniform(2, 10), region, unit="件/万人")
                for t in ("invention", "utility", "design"):
                    add("patent_applications", period, kind, rng.randint(5000, 40000), region, f"type={t}")
                for a in ("enterprise", "university", "institute", "individual"):
                    add("patent_applications", period, kind, rng.randint(1000, 30000), region, f"applicant={a}")
    Observation.objects.bulk_create(rows)  # the cube is not an audited register table
    print(f"synthetic cube: {len(rows)} observations")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--synthetic", action="store_true", help="build a synthetic cube in a temporary home")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--region", default="410000")
    parser.add_argument("--period", default="2020H1")
    parser.add_argument("--quick", action="store_true", help="--synthetic --repeat 3")
    args = parser.parse_args()
    if args.quick:
        args.synthetic, args.repeat = True, 3
    if args.synthetic:
        os.environ["IPGOV_HOME"] = tempfile.mkdtemp(prefix="ipgov-bench-report-")
        os.environ.pop("IPGOV_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipgov.settings")
    import django

    django.setup()
    if args.synthetic:
        _synthetic_cube()
    from ipgov.core.actor import Actor, acting_as
    from ipgov.reports import services, templating
    from ipgov.reports.writers import write

    # the whole benchmark reads as the system; the context is kept in a name: an unreferenced one is collected
    # at once and its `finally` resets the actor
    system = acting_as(Actor.system("bench"))
    system.__enter__()

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ipgov.indicators import catalogue
    from ipgov.indicators import services as cube

    out = Path(tempfile.mkdtemp(prefix="ipgov-bench-out-"))
    full, pdf, baseline, built, docx_e2e, pdf_e2e, cells = [], [], [], [], [], [], []
    report = None
    for i in range(args.repeat):
        t0 = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            report = services.build_report(args.region, args.period, compare=None)
        built.append(time.perf_counter() - t0)
        write(report, "docx", out / f"r{i}.docx")
        docx_e2e.append(time.perf_counter() - t0)
        for fmt in ("xlsx", "html"):
            write(report, fmt, out / f"r{i}.{fmt}")
        full.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        write(report, "pdf", out / f"r{i}.pdf")
        pdf.append(time.perf_counter() - t0)
        pdf_e2e.append(built[-1] + pdf[-1])
        # baseline of the end-to-end goal: one batch read of the very cells the report cited
        known = set(catalogue.default().indicators)
        cited = {(f.indicator, f.region, f.period) for f in report.fetcher.cache.values() if f.indicator in known}
        t0 = time.perf_counter()
        cube.read_cells([([i], [r], [p]) for i, r, p in cited], breakdowns=True)
        cells.append(time.perf_counter() - t0)
        # baseline: the same templates rendered from figures already in memory (no data access)
        definition = templating.load("work")
        region = type("R", (), {"code": report.region_code, "name": report.region_name})
        base = services.base_context(region, report.period)
        t0 = time.perf_counter()
        services.render_sections(definition, base, report.fetcher)
        baseline.append(time.perf_counter() - t0)
    missing = sum(f.missing for f in report.figures)
    if missing == len(report.figures):
        print("warning: the cube has no figures for this report — run `ipgov demo --no-serve` or use --synthetic",
              file=sys.stderr)
    m_full, m_pdf, m_base = (statistics.median(x) for x in (full, pdf, baseline))
    print(f"report {report.title}{report.subtitle}: {len(report.figures)} figures cited ({missing} missing), "
          f"{sum(len(s.charts) for s in report.sections)} charts, {len(report.fetcher.cache)} cells read; "
          f"repeat={args.repeat}")
    print(f"baseline (templates only, figures in memory): median {m_base * 1000:.1f} ms")
    print(f"DOCX+XLSX+HTML from the cube (build + charts + write): median {m_full:.2f} s "
          f"= {m_full / m_base:.0f}× baseline  [target ≤ 5 s: {'met' if m_full <= 5 else 'NOT met'}]")
    print(f"PDF (WeasyPrint, {report.font_name}) from the built report: median {m_pdf:.2f} s "
          f"= {m_pdf / m_base:.0f}× baseline")
    m_cells, m_built, m_docx, m_pdf_e2e = (statistics.median(x) for x in (cells, built, docx_e2e, pdf_e2e))
    print(f"reading the same cells (one batch read of the {len(report.fetcher.cache)} cells cited): "
          f"median {m_cells * 1000:.1f} ms; the build issued {len(queries)} SQL queries")
    print(f"build (cube read + charts): median {m_built:.2f} s = {m_built / m_cells:.0f}× the cells' read")
    for name, value in (("DOCX", m_docx), ("PDF", m_pdf_e2e)):
        print(f"{name} end to end (build + write): median {value:.2f} s = {value / m_cells:.0f}× the cells' read "
              f"[goal ≤ 2 s: {'met' if value <= 2 else 'NOT met'}]")


if __name__ == "__main__":
    main()
