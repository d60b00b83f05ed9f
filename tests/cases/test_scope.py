"""Scope is enforced in the services: a city officer sees and acts on their city's cases only."""

import pytest

from ipgov.cases import services
from ipgov.cases.choices import DocumentType, Kind
from ipgov.cases.models import Case
from ipgov.core.actor import Actor, NoActorError, acting_as
from ipgov.core.scope import OutOfScope

from .helpers import D, doc


@pytest.fixture
def two_cases(system):
    ly = services.open_case(Kind.TRADEMARK_INFRINGEMENT, region="410305", authority="洛阳市涧西区市场监督管理局",
                            received_on=D(2019, 5, 6))  # a county of Luoyang
    zz = services.open_case(Kind.TRADEMARK_INFRINGEMENT, region="410100", authority="郑州市市场监督管理局",
                            received_on=D(2019, 5, 6))
    for case in (ly, zz):
        doc(case, DocumentType.FILING_APPROVAL, D(2019, 5, 6))
    return ly, zz


def test_city_officers_see_only_their_city(two_cases, luoyang, zhengzhou, province, as_user):
    ly, zz = two_cases
    with as_user(luoyang):
        assert list(services.visible_cases()) == [ly]
        with pytest.raises(OutOfScope):
            services.get_case(zz.pk)
    with as_user(zhengzhou):
        assert list(services.visible_cases()) == [zz]
    with as_user(province):
        assert set(services.visible_cases()) == {ly, zz}


def test_out_of_scope_moves_are_refused_and_change_nothing(two_cases, luoyang, zhengzhou, as_user):
    ly, zz = two_cases
    with as_user(luoyang):
        with pytest.raises(OutOfScope):
            services.move_case(zz.pk, "file", on=D(2019, 5, 8))
        with pytest.raises(OutOfScope):
            services.attach_document(zz.pk, DocumentType.EVIDENCE, "证据.txt", b"x", on=D(2019, 5, 8))
        with pytest.raises(OutOfScope):
            services.open_case(Kind.PATENT_DISPUTE, region="410100", authority="郑州市市场监督管理局")
        services.move_case(ly.pk, "file", on=D(2019, 5, 8))  # their own county's case
    zz.refresh_from_db()
    assert zz.state == "received" and zz.events.count() == 2 and zz.documents.count() == 1
    with as_user(zhengzhou):
        services.move_case(zz.pk, "file", on=D(2019, 5, 8))
    assert Case.objects.filter(state="filed").count() == 2


def test_overdue_lists_are_scoped(two_cases, luoyang, zhengzhou, as_user):
    with as_user(luoyang):
        assert [d.case.region_id for d in services.overdue(D(2019, 6, 30))] == ["410305"]
        assert services.overdue(D(2019, 6, 30), region="410100").count() == 0
    with as_user(zhengzhou):
        assert [d.key for d in services.overdue(D(2019, 6, 30))] == ["filing"]
        # 15 working days from 6 May 2019 end on 27 May; due soon on 23 May (within 3 working days)
        assert [d.due_on for d in services.due_soon(D(2019, 5, 23))] == [D(2019, 5, 27)]
        assert services.due_soon(D(2019, 5, 20)).count() == 0


def test_roles_leaders_and_anonymous(two_cases, center_staff, leader, as_user):
    ly, zz = two_cases
    with as_user(center_staff):  # a center is in Zhengzhou's scope but does not handle penalty cases
        with pytest.raises(Exception, match="role center_staff may not"):
            services.move_case(zz.pk, "file", on=D(2019, 5, 8))
        with pytest.raises(OutOfScope, match="does not handle"):
            services.extend_deadline(zz.pk, "filing", amount=15, unit="working_days", approved_by="主任",
                                     reason="需要", on=D(2019, 5, 8))
    with as_user(leader):  # leaders read everything, change nothing
        assert services.visible_cases().count() == 2
        with pytest.raises(OutOfScope):
            services.move_case(zz.pk, "file", on=D(2019, 5, 8))
    with acting_as(Actor.anonymous()):  # anonymous sees no case and may act on none
        assert services.visible_cases().count() == 0
        with pytest.raises(OutOfScope, match="not logged in"):
            services.get_case(zz.pk)
        with pytest.raises(OutOfScope, match="not logged in"):
            services.move_case(zz.pk, "file", on=D(2019, 5, 8))
    zz.refresh_from_db()
    assert zz.state == "received"


def test_no_actor_fails_loudly(db):
    with pytest.raises(NoActorError):
        services.open_case(Kind.PATENT_DISPUTE, region="410300", authority="洛阳市市场监督管理局")
    assert Case.objects.count() == 0
