import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from ipgov.core.models import ObjectChange
from ipgov.indicators import checks, reported
from ipgov.indicators.models import Observation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("text,value,tolerance,unit", [
    ("144,010 件", 144010, 0, "件"),
    ("19 万件", 190000, 5000, "万件"),
    ("98.8 万件", 988000, 500, "万件"),
    ("4.12 件/万人", 4.12, 0.005, "件/万人"),
    ("3.5 亿元", 350_000_000, 5_000_000, "亿元"),
])
def test_parse_quoted_values(text, value, tolerance, unit):
    q = reported.parse_value(text)
    assert q.value == pytest.approx(value) and q.tolerance == pytest.approx(tolerance)


def test_parse_yoy():
    assert reported.parse_yoy("+21.4%") == pytest.approx((0.214, 0.0005))
    assert reported.parse_yoy("+54%") == pytest.approx((0.54, 0.005))


def test_load_seed_figures_idempotent_and_audited(system_actor):
    assert reported.load_file() == (11, 0)
    assert reported.load_file() == (0, 11)
    obs = Observation.objects.get(status="reported", indicator="trademark_applications", period="2020H1")
    assert (obs.value, obs.tolerance, obs.quoted) == (190000, 5000, "19 万件")
    assert ObjectChange.objects.filter(object_id=str(obs.pk), actor="system:test").count() == 1


def test_bad_file_loads_nothing_and_names_each_bad_figure(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('[[figures]]\nindicator="patent_applications"\nregion="410000"\nperiod="2019"\nvalue="12 件"\n'
                    '[[figures]]\nindicator="nope"\nregion="410000"\nperiod="2019"\nvalue="1 件"\n'
                    '[[figures]]\nindicator="patent_grants"\nregion="410000"\nperiod="2019Q9"\nvalue="1 件"\n'
                    '[[figures]]\nindicator="patent_grants"\nregion="410000"\nperiod="2019"\nvalue="1 亿元"\n',
                    encoding="utf-8")
    with pytest.raises(CommandError) as err:
        call_command("reported", str(path))
    text = str(err.value)
    assert "figure 2 (nope 2019): unknown indicator" in text and "figure 3" in text and "figure 4" in text
    assert "figure 1" not in text
    assert not Observation.objects.exists()


def test_check_flags_the_seeds_fractional_prior(system_actor):
    reported.load_file()
    findings = {(f.indicator, f.period): f for f in checks.check()}
    gi = [f for f in checks.check() if f.kind == "inconsistent"]
    assert [(f.indicator, f.period) for f in gi] == [("gi_approvals", "2019")]
    assert "2018 的数量在 13.59 至 13.68 之间，其间没有整数" in gi[0].message  # English: "… between 13.59 and 13.68"
    # 80,868 +21.4% allows a whole 2019H1 count (66,586..66,640): not flagged
    assert findings[("patent_applications", "2020H1")].kind == "missing"


def test_check_compares_with_the_computed_cube(system_actor):
    reported.load_file()
    Observation.objects.create(indicator="patent_applications", region_id="410000", period="2020H1",
                               period_kind="half", value=80868, unit="件", status="computed")
    Observation.objects.create(indicator="patent_applications", region_id="410000", period="2019H1",
                               period_kind="half", value=66600, unit="件", status="computed")
    Observation.objects.create(indicator="trademark_applications", region_id="410000", period="2020H1",
                               period_kind="half", value=194000, unit="件", status="computed")
    Observation.objects.create(indicator="patent_grants", region_id="410000", period="2019",
                               period_kind="year", value=86248, unit="件", status="computed")
    found = {(f.indicator, f.period): f for f in checks.check()}
    assert found[("patent_applications", "2020H1")].kind == "agrees"
    assert found[("trademark_applications", "2020H1")].kind == "agrees"  # "19 万" is 185,000..195,000
    assert found[("patent_grants", "2019")].kind == "difference"
    assert found[("patent_grants", "2019")].message == "数值相差 +1"
    with translation.override("en"):
        assert {f.message for f in checks.check() if f.kind == "difference"} == {"value differs by +1"}


def test_the_published_cells_are_read_through_their_partial_index(system_actor):
    # every report reads the published cells (checks.check); among a cube's millions of computed cells they
    # must come from the partial index observation_reported, not a scan of the cube
    from django.db import connection

    from ipgov.indicators.models import reported_cells

    reported.load_file()
    Observation.objects.create(indicator="patent_applications", region_id="410000", period="2019", breakdown="",
                               value=1.0, unit="件", status="computed", period_kind="year")
    assert {(o.indicator, o.period) for o in reported_cells()} == set(
        Observation.objects.filter(status="reported").values_list("indicator", "period"))
    assert reported_cells().count() == 11
    if connection.vendor == "sqlite":
        sql, params = reported_cells().query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            assert "observation_reported" in " ".join(str(row) for row in cursor.fetchall())
