"""The calibrated demo runs cases through the engine and reproduces the seed's protection figures."""

import pytest

from ipgov.cases import stats
from ipgov.cases.choices import DeadlineStatus, EventAction, Kind
from ipgov.cases.models import Case, CaseEvent, Deadline, DeadlineExtension
from ipgov.core.actor import Actor, acting_as
from ipgov.demo import cases as demo
from ipgov.demo.steps import DemoContext

from .helpers import D

Y17_19 = (D(2017, 1, 1), D(2019, 12, 31))
H1 = (D(2020, 1, 1), D(2020, 6, 30))
Y19 = (D(2019, 1, 1), D(2019, 12, 31))


@pytest.mark.fullscale
@pytest.mark.slow
def test_demo_reproduces_the_seed_figures(db, tmp_path, capsys):
    with acting_as(Actor.system("demo")):
        first = demo.load_cases(DemoContext(home=tmp_path))
        assert first.changed
        assert stats.enforcement_cases_closed("410000", *Y17_19) == 7636
        assert stats.enforcement_cases_closed("410000", *Y17_19, right="patent") == 4747
        assert stats.enforcement_cases_closed("410000", *Y17_19, right="trademark") == 2889
        assert stats.enforcement_cases_closed("410000", *H1, right="patent") == 114
        assert stats.enforcement_cases_closed("410000", *H1, right="trademark") == 208
        assert stats.ecommerce_cases_assisted("410000", *Y19, authority=demo.ZZ_CENTER) == 836
        assert stats.preexams_completed("410000", *Y19, authority=demo.ZZ_CENTER) == 1419
        assert stats.preexam_grants("410000", *Y19, authority=demo.ZZ_CENTER) == 525
        # spread over Henan's 18 city-level units, through the engine, with overdue and withdrawn cases
        cities = set(Case.objects.filter(kind=Kind.TRADEMARK_INFRINGEMENT).exclude(region="410000")
                     .values_list("region__city", flat=True))
        assert len(cities) == 18
        assert not Case.objects.filter(kind=Kind.PATENT_DISPUTE, state="closed").exclude(filed_on__isnull=False).exists()
        assert Case.objects.filter(outcome="withdrawn").count() > 100
        assert Deadline.objects.filter(status=DeadlineStatus.LATE).count() > 100
        assert DeadlineExtension.objects.count() > 100
        assert stats.overdue_at("410000", D(2020, 6, 30)) > 0
        closed = Case.objects.filter(state="closed").first()
        assert list(closed.events.filter(action=EventAction.TRANSITION).values_list("on", flat=True)) == \
            sorted(closed.events.filter(action=EventAction.TRANSITION).values_list("on", flat=True))
        events = CaseEvent.objects.count()
        second = demo.load_cases(DemoContext(home=tmp_path))
        assert not second.changed and CaseEvent.objects.count() == events
    check_indicator_engine(capsys)


def check_indicator_engine(capsys):
    """`ipgov indicator enforcement_cases_closed --region 410000 --period 2017..2019` prints 7636."""
    import json

    pytest.importorskip("ibis", reason="the indicator engine's executors come with the indicators app")
    from django.core.management import call_command

    from ipgov.indicators import catalogue
    from ipgov.indicators.compute import compute

    # the case indicators only, to keep the test short; duckdb: the database executor cannot sum an
    # integer column on PostgreSQL yet (numeric → Decimal → Arrow double fails; reported to indicators)
    with acting_as(Actor.system("demo")):
        compute("duckdb", "2017-01", "2020-06", cat=catalogue.load([catalogue.EXTRA_DIR / "cases.toml"]))

    def value(indicator, period, by=None):
        args = ["indicator", indicator, "--region", "410000", "--period", period, "--json"]
        capsys.readouterr()
        call_command(*args, *(["--by", by] if by else []))
        rows = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
        return {r["breakdown"]: r["value"] for r in rows}

    assert value("enforcement_cases_closed", "2017..2019") == {"": 7636}
    assert value("enforcement_cases_closed", "2017..2019", by="right") == {"right=patent": 4747,
                                                                         "right=trademark": 2889}
    assert value("enforcement_cases_closed", "2020H1", by="right") == {"right=patent": 114, "right=trademark": 208}
    assert value("ecommerce_patent_cases_assisted", "2019", by="center") == {f"center={demo.ZZ_CENTER}": 836}
    assert value("design_preexams_completed", "2019") == {"": 1419}
    assert value("design_preexam_grants", "2019") == {"": 525}
    assert value("overdue_deadlines", "2020H1") == {"": stats.overdue_deadlines_at("410000", D(2020, 6, 30))}
    assert stats.overdue_deadlines_at("410000", D(2020, 6, 30)) >= stats.overdue_at("410000", D(2020, 6, 30)) > 0
    closing = stats.closing_time("410000", *Y19)
    share = value("enforcement_cases_closed_in_time_share", "2019")[""]
    assert share == pytest.approx(closing["share_within"], abs=0.001)
