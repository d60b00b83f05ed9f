import pytest

from ipgov.demo.reports import write_reports
from ipgov.demo.steps import DemoContext

pytestmark = pytest.mark.django_db


def test_demo_step_writes_both_reports_in_all_formats_and_is_idempotent(seed_cube, tmp_path):
    ctx = DemoContext(home=tmp_path)
    first = write_reports(ctx)
    assert first.changed
    names = sorted(p.name for p in (tmp_path / "reports").glob("work_*"))
    assert names == sorted(f"work_410000_{p}.{f}" for p in ("2019", "2020H1") for f in ("docx", "pdf", "html", "xlsx"))
    assert first.lines == [str(tmp_path / "reports" / f"work_410000_{p}.{f}") for p in ("2019", "2020H1")
                           for f in ("docx", "pdf", "html", "xlsx")]
    mtime = (tmp_path / "reports" / "work_410000_2019.pdf").stat().st_mtime_ns
    second = write_reports(ctx)
    assert not second.changed
    assert (tmp_path / "reports" / "work_410000_2019.pdf").stat().st_mtime_ns == mtime
    from tests.reports import cube

    cube.obs("pct_applications", "2020H1", 120, run_=seed_cube)  # the cube changed: reports are rewritten
    assert write_reports(ctx).changed
