"""The calibrated demo runs cases through the engine and reproduces the seed's protection figures."""

import pytest

from ipgov.cases import demo, stats
from ipgov.cases.choices import DeadlineStatus, EventAction, Kind
from ipgov.cases.models import Case, CaseEvent, Deadline, DeadlineExtension
from ipgov.core.actor import Actor, acting_as
from ipgov.demo.steps import DemoContext

from .helpers import D

Y17_19 = (D(2017, 1, 1), D(2019, 12, 31))
H1 = (D(2020, 1, 1), D(2020, 6, 30))
Y19 = (D(2019, 1, 1), D(2019, 12, 31))


@pytest.mark.slow
def test_demo_reproduces_the_seed_figures(db, tmp_path):
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
