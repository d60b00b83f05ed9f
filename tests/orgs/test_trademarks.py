"""Trademark owners through the same harmonisation as patent applicants: one rule set, one table of names;
an owner with no address gets the organization's region (learnt from either register) on import."""

import pytest

from ipgov.core.actor import Actor, acting_as
from ipgov.core.ingest.registry import import_path
from ipgov.orgs import services
from ipgov.orgs.models import ApplicantName, Organization
from ipgov.rights.models import Trademark
from tests.orgs.test_regions import ROWS, _file
from tests.rights.conftest import write_csv

pytestmark = pytest.mark.django_db

HEADER = ["商标注册号", "国际分类", "申请日期", "注册日期", "申请人名称", "申请人地址"]


@pytest.fixture
def system():
    with acting_as(Actor.system("test")) as a:
        yield a


def _marks(tmp_path, rows):
    return import_path(write_csv(tmp_path / "marks.csv", HEADER, [[n, "9", "20190301", "20200307", owner, address]
                                                                for n, owner, address in rows]), kind="trademarks")


def test_owner_and_applicant_are_one_organization_and_share_the_region(tmp_path, system):
    import_path(_file(tmp_path, "p.csv", ROWS[:1]), kind="patents")  # 郑州大学第一附属医院, placed by address
    report = _marks(tmp_path, [
        ("30000001", "郑州大学第一附属医院", "河南省郑州市二七区建设东路1号"),  # by address
        ("30000002", "郑州大学第一附属医院。", ""),  # trailing punctuation: same org, no address
        ("30000003", "ＡＢＣ科技股份有限公司", ""),  # nothing known: unresolved
        ("30000004", "张三", ""),  # a person: never grouped by name
    ])
    assert report.created == 4
    first = ApplicantName.objects.get(raw="郑州大学第一附属医院").organization
    assert ApplicantName.objects.get(raw="郑州大学第一附属医院。").organization == first  # one rule set
    assert ApplicantName.objects.get(raw="张三").organization is None
    placed = Trademark.objects.get(number="30000002")
    assert placed.region_id == Trademark.objects.get(number="30000001").region_id
    assert placed.resolution_note.startswith("region from earlier-records: ")
    assert Trademark.objects.get(number="30000003").region_id is None
    assert report.region_sources == {"address": 1, "earlier-records": 1, "unresolved": 2}
    names = {g["name"] for g in services.unresolved(10)}
    assert {"ABC科技股份有限公司", "张三"} <= {n.replace("ＡＢＣ", "ABC") for n in names}


def test_staff_region_reaches_trademarks_and_the_register_harmonises_owners(tmp_path, system):
    _marks(tmp_path, [("30000011", "郑州华瑞科技有限公司", "")])
    placed = services.assign_region("郑州华瑞科技有限公司", "410105")
    assert placed == 1 and Trademark.objects.get(number="30000011").region_id == "410105"
    Trademark.objects.create(number="30000012", nice_classes=[9], owner_name="郑州华瑞科技有限责任公司",
                             kind="ordinary")
    assert services.harmonise_register() == 1  # the owner name alone, linked by the legal-form rule
    link = ApplicantName.objects.get(raw="郑州华瑞科技有限责任公司")
    assert link.organization == Organization.objects.get(region_id="410105") and link.rule == "legal-form"
    assert services.fill_trademark_regions() == {"address": 1, "staff": 1}
