import pytest
from django.utils import translation

from ipgov.demo.indicators import compute_cube
from ipgov.demo.steps import STEPS, DemoContext
from ipgov.indicators.models import ComputationRun

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The step's lines quote the compute run's message, asserted here in English."""
    with translation.override("en"):
        yield


def test_demo_step_runs_after_the_register_steps():
    mine = STEPS.index("ipgov.demo.indicators.compute_cube")
    assert all(STEPS.index(s) < mine for s in STEPS if ".rights." in s or ".synth." in s)


def test_demo_step_is_idempotent(register, system_actor, tmp_path, settings):
    settings.IPGOV_HOME = tmp_path
    ctx = DemoContext(home=tmp_path)
    first = compute_cube(ctx)
    assert first.changed
    assert any(line.startswith("专利申请量 410000 2019: 4 件") for line in first.lines), first.lines
    assert any("gi_approvals 2019" in line and "no whole number" in line for line in first.lines)
    assert first.lines[-1] == "数据截至2020年6月30日"
    second = compute_cube(ctx)
    assert not second.changed and "unchanged since run" in second.lines[0]
    assert ComputationRun.objects.count() == 2
    # the demo's data cut-off is set once: compute without --to (as `ipgov compute --force`) stops there
    from ipgov.indicators import compute, cutoff
    from ipgov.indicators.models import DataCutoff

    assert DataCutoff.objects.count() == 1 and cutoff.current().code == "2020-06"
    assert compute.compute("database", "2019-01", force=True).period_to == "2020-06"
