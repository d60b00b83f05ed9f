import pytest

from ipgov.demo.reports import write_reports
from ipgov.demo.steps import DemoContext

pytestmark = pytest.mark.django_db

CITIES = ["410100", "410200", "410300", "410400", "410500", "410600", "410700", "410800", "410900", "411000",
          "411100", "411200", "411300", "411400", "411500", "411600", "411700", "419001"]


def test_demo_step_writes_both_reports_in_all_formats_and_is_idempotent(seed_cube, tmp_path):
    seed_cube.period_to = "2020-06"  # the cube's end: the bulletin's month is within the data cut-off
    seed_cube.save()
    ctx = DemoContext(home=tmp_path)
    first = write_reports(ctx)
    assert first.changed
    reports = tmp_path / "reports"
    names = sorted(p.name for p in reports.glob("work_*"))
    assert names == sorted(f"work_410000_{p}.{f}" for p in ("2019", "2020H1") for f in ("docx", "pdf", "html", "xlsx"))
    bulletin = [reports / f"bulletin_410000_2020-06.{f}" for f in ("docx", "xlsx", "pdf")]
    pack = [reports / "cities_2020H1" / f"work_{c}_2020H1.docx" for c in CITIES]
    pack += [reports / "cities_2020H1" / f"comparison_cities_2020H1.{f}" for f in ("xlsx", "docx")]
    assert first.lines == [str(reports / f"work_410000_{p}.{f}") for p in ("2019", "2020H1")
                           for f in ("docx", "pdf", "html", "xlsx")] + [str(p) for p in bulletin + pack]
    assert all(p.stat().st_size > 1000 for p in bulletin + pack)
    assert str(reports / "cities_2020H1") in first.title
    mtime = (tmp_path / "reports" / "work_410000_2019.pdf").stat().st_mtime_ns
    bulletin_mtime = bulletin[0].stat().st_mtime_ns
    second = write_reports(ctx)
    assert not second.changed
    assert (tmp_path / "reports" / "work_410000_2019.pdf").stat().st_mtime_ns == mtime
    assert bulletin[0].stat().st_mtime_ns == bulletin_mtime
    from tests.reports import cube

    cube.obs("patent_applications", "2020-06", 120, run_=seed_cube)  # the cube changed: reports are rewritten
    assert write_reports(ctx).changed
    assert bulletin[0].stat().st_mtime_ns != bulletin_mtime


def test_a_run_that_changed_no_cell_does_not_rebuild_the_pack(seed_cube):
    """A second `ipgov demo` computes again and finds nothing to do: that run leaves the pack's state as it was."""
    from ipgov.demo.reports import _state
    from ipgov.indicators.models import ComputationRun

    before = _state()
    idle = ComputationRun.objects.get(pk=seed_cube.pk)
    idle.pk, idle.observations_written, idle.observations_deleted = None, 0, 0
    idle.save()
    assert _state() == before
    busy = ComputationRun.objects.get(pk=seed_cube.pk)
    busy.pk, busy.observations_written = None, 5
    busy.save()
    assert _state() != before


def test_the_reports_start_beside_the_analyses_and_are_collected_in_their_place(tmp_path, monkeypatch):
    """Started after the cube is final and before the analyses; inside a transaction (this test's) the fork
    cannot pay, the step says why, and `write_reports` writes them in its place."""
    from ipgov.demo import beside
    from ipgov.demo.reports import REPORTS, start_reports
    from ipgov.demo.steps import STEPS

    order = [STEPS.index(f"ipgov.demo.{name}") for name in (
        "monthly.import_monthly_delta", "reports.start_reports", "analysis.run_evaluations", "reports.write_reports")]
    assert order == sorted(order)
    monkeypatch.setattr(beside.os, "cpu_count", lambda: 2)
    from django.db import connection

    connection.ensure_connection()
    ctx = DemoContext(home=tmp_path)
    started = start_reports(ctx)
    assert not started.changed and REPORTS not in ctx.running
    assert "transaction" in started.lines[0] or "事务" in started.lines[0]
