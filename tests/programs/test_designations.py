import datetime

import pytest
from django.core.exceptions import ValidationError

from ipgov.core.actor import NoActorError
from ipgov.core.models import ObjectChange
from ipgov.programs import stats
from ipgov.programs.choices import DesignationKind as K
from ipgov.programs.choices import DesignationStatus as S
from ipgov.programs.choices import Level, OrganizationKind
from ipgov.programs.models import Designation, Organization
from ipgov.programs.services.designations import change_status, designate, record_evaluation
from ipgov.programs.services.organizations import create_organization

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def firms(actor):
    return [create_organization(f"企业{i}", OrganizationKind.ENTERPRISE, code)
            for i, code in enumerate(["410102", "410302", "410702", "410100"])]


def test_write_without_actor_fails_loudly():
    with pytest.raises(NoActorError):
        create_organization("无主体", OrganizationKind.ENTERPRISE, "410102")
    assert not Organization.objects.exists()


def test_invalid_credit_code_is_refused_and_nothing_written(actor):
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(ValidationError, match="校验码为4，应为3"):
        create_organization("某公司", OrganizationKind.ENTERPRISE, "410102", "91350100M000100Y44")
    with pytest.raises(ValidationError, match="expected 3"):
        create_organization("某公司", OrganizationKind.ENTERPRISE, "410102", "91350100M000100Y44")
    assert not Organization.objects.exists()


def test_stock_as_of_follows_history(firms):
    zz, ly, xx, city = firms
    a = designate(zz, K.ADVANTAGE_ENTERPRISE, Level.NATIONAL, 2017, batch="2017", date=D(2017, 11, 1))
    designate(ly, K.ADVANTAGE_ENTERPRISE, Level.NATIONAL, 2018, batch="2018", status=S.APPLIED, date=D(2018, 3, 1))
    b = designate(xx, K.ADVANTAGE_ENTERPRISE, Level.NATIONAL, 2018, batch="2018", date=D(2018, 10, 1))
    change_status(b, S.REVOKED, D(2019, 12, 31))
    change_status(a, S.ACCEPTED, D(2019, 6, 1))
    count = stats.designations_in_force
    assert count("410000", D(2017, 10, 31), K.ADVANTAGE_ENTERPRISE) == 0
    assert count("410000", D(2018, 12, 31), K.ADVANTAGE_ENTERPRISE) == 2   # zz + xx; ly only applied
    assert count("410000", D(2019, 12, 30), K.ADVANTAGE_ENTERPRISE) == 2   # revocation not yet
    assert count("410000", D(2019, 12, 31), K.ADVANTAGE_ENTERPRISE) == 1   # revoked that day
    assert count("410100", D(2019, 12, 31), K.ADVANTAGE_ENTERPRISE, Level.NATIONAL) == 1
    assert count("410300", D(2019, 12, 31), K.ADVANTAGE_ENTERPRISE) == 0
    assert count("410000", D(2019, 12, 31), K.ADVANTAGE_ENTERPRISE, Level.PROVINCIAL) == 0
    assert stats.designations_in_status("410000", D(2019, 7, 1), S.ACCEPTED) == 1
    assert count("410000", D(2019, 7, 1), accepted=True) == 1
    for day in (D(2017, 10, 31), D(2018, 3, 1), D(2018, 12, 31), D(2019, 12, 30), D(2019, 12, 31)):
        assert count("410000", day) == stats.designations_in_force_from_events("410000", day)
    assert ObjectChange.objects.filter(action=ObjectChange.Action.TRANSITION).count() == 2


def test_duplicate_designation_is_refused(firms):
    designate(firms[0], K.STRONG_ENTERPRISE, Level.PROVINCIAL, 2019, batch="2019",
              authority_region_code="410000", date=D(2019, 5, 1))
    with pytest.raises(ValidationError, match="duplicate designation"):
        designate(firms[0], K.STRONG_ENTERPRISE, Level.PROVINCIAL, 2020, batch="2020",
                  authority_region_code="410000", date=D(2020, 5, 1))
    assert Designation.objects.count() == 1


def test_designation_outside_jurisdiction_is_refused(firms):
    with pytest.raises(ValidationError, match="outside the jurisdiction"):
        designate(firms[1], K.STRONG_ENTERPRISE, Level.CITY, 2019, authority_region_code="410100",
                  date=D(2019, 5, 1))
    with pytest.raises(ValidationError, match="not a province"):
        designate(firms[0], K.STRONG_ENTERPRISE, Level.PROVINCIAL, 2019, authority_region_code="410100",
                  date=D(2019, 5, 1))
    with pytest.raises(ValidationError, match="needs the designating"):
        designate(firms[0], K.STRONG_COUNTY, Level.PROVINCIAL, 2019, date=D(2019, 5, 1))
    assert not Designation.objects.exists()


def test_transitions_are_checked(firms):
    d = designate(firms[3], K.PROTECTION_CENTER, Level.NATIONAL, 2018, date=D(2018, 1, 1))
    with pytest.raises(ValidationError, match="cannot become"):
        change_status(d, S.APPLIED, D(2018, 2, 1))
    with pytest.raises(ValidationError, match="before the last event"):
        change_status(d, S.ACCEPTED, D(2017, 2, 1))
    change_status(d, S.ACCEPTED, D(2019, 11, 1))
    change_status(d, S.REVOKED, D(2021, 1, 1))
    with pytest.raises(ValidationError, match="cannot become"):
        change_status(d, S.ACCEPTED, D(2021, 2, 1))
    assert [e.status for e in d.events.all()] == [S.DESIGNATED, S.ACCEPTED, S.REVOKED]


def test_evaluation_scores(firms):
    d = designate(firms[0], K.HIGH_VALUE_PATENT_CENTER, Level.PROVINCIAL, 2019, authority_region_code="410000",
                  date=D(2019, 9, 1))
    ev = record_evaluation(d, 2020, D(2020, 12, 1), "91.5", "优秀")
    assert str(ev.score) == "91.50"
    with pytest.raises(ValidationError, match="above 100"):
        record_evaluation(d, 2021, D(2021, 12, 1), "101")
    with pytest.raises(ValidationError, match="already has an evaluation"):
        record_evaluation(d, 2020, D(2020, 12, 2), "80")
