"""The demo step: files written, imported through the importers, idempotent; the published figures
recomputed from the imported records by the counting rules."""

import datetime as dt

import pytest

from ipgov.core.actor import Actor, acting_as
from ipgov.core.ingest.models import ImportBatch, ImportRowError
from ipgov.demo.rights import import_real_samples
from ipgov.demo.steps import STEPS, DemoContext
from ipgov.demo.synth import figures
from ipgov.demo.synth.files import MONTHLY_FILE, in_monthly_delta
from ipgov.demo.synth.register import build
from ipgov.demo.synth.step import demo_dir, reconcile_lines, synthetic_register
from ipgov.regions import resolver
from ipgov.rights.importers import import_file
from ipgov.rights.models import GIProduct, Patent, Trademark

SEED, SCALE = 7, 0.01
Y2019 = (dt.date(2019, 1, 1), dt.date(2019, 12, 31))
H2020 = (dt.date(2020, 1, 1), dt.date(2020, 6, 30))


def test_step_runs_after_the_real_samples():
    assert STEPS.index("ipgov.demo.synth.step.synthetic_register") > STEPS.index(
        "ipgov.demo.rights.import_real_samples")


@pytest.mark.django_db
def test_small_register_imports_cleanly_and_idempotently(tmp_path):
    resolver.invalidate()
    ctx = DemoContext(home=tmp_path, seed=SEED, scale=SCALE)
    generated = build(SEED, SCALE)
    with acting_as(Actor.system("demo")):
        first = synthetic_register(ctx)
        assert first.changed
        assert ImportRowError.objects.count() == 0
        batches = ImportBatch.objects.count()
        # every file but June 2020's monthly delta (its step comes later), + the GI workbook
        assert batches == len(list(demo_dir(ctx).glob("*.csv"))) - 1 + 1
        assert Patent.objects.count() == sum(not in_monthly_delta(p) for p in generated.patents)
        assert Trademark.objects.count() == len(generated.marks)
        assert GIProduct.objects.count() == len(generated.products)
        files = {p.name: p.stat().st_mtime_ns for p in demo_dir(ctx).iterdir()}

        second = synthetic_register(ctx)
        assert not second.changed
        assert ImportBatch.objects.count() == batches
        assert {p.name: p.stat().st_mtime_ns for p in demo_dir(ctx).iterdir()} == files
        # the monthly delta, through the same importer: June's filings new, corrected addresses updated
        monthly = import_file(demo_dir(ctx) / MONTHLY_FILE)
        assert monthly.created == sum(in_monthly_delta(p) for p in generated.patents) > 0
        assert monthly.updated > 0 and monthly.status != "unchanged"
        assert Patent.objects.count() == len(generated.patents)

    # the ORM counts by the first applicant's region give exactly what the generator made for Henan
    henan = [p for p in generated.patents if p.henan]
    assert figures.patent_applications("410000", *Y2019) == sum(Y2019[0] <= p.filed <= Y2019[1] for p in henan)
    assert figures.patent_grants("410000", *H2020) == sum(
        p.granted is not None and H2020[0] <= p.granted <= H2020[1] for p in henan)
    day = dt.date(2020, 6, 30)
    assert figures.valid_inventions("410000", day) == sum(p.kind == "invention" and p.valid_at(day) for p in henan)
    assert figures.pct_applications("410000", *Y2019) == sum(p.pct is not None and p.pct[1].year == 2019
                                                            for p in henan)
    assert figures.trademarks_valid("410000", day) == sum(m.owner.city != "" and m.valid_at(day)
                                                         for m in generated.marks)
    # the reconciliation counts every figure in one query a table: the same counts as one query each, and as
    # the generator's own records
    lines = {line.figure: line.computed for line in figures.reconcile()}
    assert lines["2019 专利申请量"] == str(sum(Y2019[0] <= p.filed <= Y2019[1] for p in henan))
    assert lines["2019 PCT国际专利申请量"] == str(figures.pct_applications("410000", *Y2019))
    june17, dec19 = dt.date(2017, 6, 30), dt.date(2019, 12, 31)
    assert lines["2017-06-30 有效发明专利"] == str(sum(p.kind == "invention" and p.valid_at(june17) for p in henan))
    assert lines["2017H1 专利授权量"] == str(figures.patent_grants("410000", dt.date(2017, 1, 1), june17))
    assert lines["2019 驰名商标 累计"] == str(figures.well_known_total("410000", dec19))
    assert lines["2019 核准地理标志商标和地理标志产品"] == str(figures.gi_approvals("410000", *Y2019))
    # first applicants outside Henan are in the register but not counted for it
    outsiders = [p.number.removeprefix("CN") for p in generated.patents if not p.henan]
    stored = Patent.objects.filter(application_number__in=outsiders)
    assert stored.count() == len(outsiders)
    assert not stored.filter(region__province_id="410000").exists()
    # each Henan first applicant lands in the city the generator put it in
    cities = {p.number.removeprefix("CN"): p.first.city for p in henan}
    for number, city in Patent.objects.filter(region__isnull=False).values_list(
            "application_number", "region__city_id"):
        if number in cities:
            assert city == cities[number], number


@pytest.mark.fullscale
@pytest.mark.slow
@pytest.mark.django_db
def test_full_register_reproduces_every_published_figure(tmp_path):
    """The calibrated register at scale 1, imported beside the real sample records (several minutes)."""
    resolver.invalidate()
    ctx = DemoContext(home=tmp_path)
    with acting_as(Actor.system("demo")):
        import_real_samples(ctx)
        synthetic_register(ctx)
        import_file(demo_dir(ctx) / MONTHLY_FILE)  # June 2020, as the demo's monthly step imports it
    assert ImportRowError.objects.count() == 0
    lines = {line.figure: line for line in figures.reconcile()}
    inconsistent = {"2019 核准地理标志 同比": "50", "2017-06-30 每万人有效发明专利拥有量": "2.55"}
    for name, line in lines.items():
        assert line.computed == inconsistent.get(name, line.published), (name, line)
    assert figures.patent_applications("410000", dt.date(2019, 1, 1), dt.date(2019, 6, 30)) == 66_613
    assert figures.valid_inventions("410000", dt.date(2020, 6, 30)) == 40_939
    assert figures.valid_inventions("410000", dt.date(2019, 6, 30)) == 37_002
    assert figures.trademarks_valid("410000", dt.date(2020, 6, 30)) == 988_000
    assert figures.trademark_applications("410000", *H2020) == 190_000
    assert "所有自洽的公布数均已复现；2 个自相矛盾的公布数已标出" in reconcile_lines()
