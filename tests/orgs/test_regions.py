"""Region when the export has no address, through the real register import (ipgov.orgs.services)."""

import pytest

from ipgov.core.actor import Actor, acting_as
from ipgov.core.ingest.registry import import_path
from ipgov.orgs import services
from ipgov.orgs.models import ApplicantName, CodeConflict, Organization
from ipgov.rights.models import Applicant, Patent
from tests.rights.conftest import sample_rows, with_values, write_csv

pytestmark = pytest.mark.django_db

ROWS = [  # (application number, applicant, address, 国省代码)
    ("CN202120000001.1", "郑州大学第一附属医院", "450052河南省郑州市二七区建设东路1号", ""),
    ("CN202120000002.6", "郑州大学", "", ""),  # earlier records: the hospital's row places 郑州大学
    ("CN202120000003.0", "河南科技大学", "", ""),  # the Ministry of Education list: 洛阳
    ("CN202120000004.5", "开封华瑞电气有限公司", "", "河南(41)"),  # only the province, from the column
    ("CN202120000005.X", "郑州华瑞科技有限公司", "", ""),  # nothing: unresolved until staff assign it
]


def _file(tmp_path, name, rows):
    header, sample = sample_rows()
    body = [with_values(header, sample[0], **{"申请号": number, "申请人": applicant, "申请人地址": address,
                                              "国省代码": code, "第一权利人": applicant, "当前权利人": applicant,
                                              "申请人类型": ""})
            for number, applicant, address, code in rows]
    return write_csv(tmp_path / name, header, body)


def _region(number):
    return Patent.objects.get(application_number=number.removeprefix("CN")).region_id


@pytest.fixture
def system():
    with acting_as(Actor.system("test")) as a:
        yield a


def test_regions_from_the_applicant_and_a_staff_assignment_reapplied(tmp_path, system):
    report = import_path(_file(tmp_path, "a.csv", ROWS), kind="patents")
    assert report.created == 5
    numbers = [Patent.objects.filter(application_number__endswith=r[0][-10:]).get().application_number
               for r in ROWS]
    regions = [Patent.objects.get(application_number=n).region_id for n in numbers]
    assert regions[0].startswith("4101")  # 郑州, by address
    assert regions[1] == regions[0]  # from the earlier record of the same organization
    assert regions[2] == "410300"  # known university
    assert regions[3] == "410000"  # the column gives the province only
    assert regions[4] is None
    assert report.region_sources == {"address": 1, "earlier-records": 1, "known-university": 1,
                                     "region-code column": 1, "unresolved": 1}
    assert "地区来源：1 条来自地址、1 条来自同一申请人的既往记录" in report.summary()  # zh-Hans, the default
    first = Applicant.objects.get(patent__application_number=numbers[1], position=1)
    assert first.resolution_note == "region from earlier-records: 郑州大学"
    assert ApplicantName.objects.get(raw="郑州大学第一附属医院").rule == "affiliated-hospital"

    listing = services.unresolved(10)
    assert [(r["name"], r["records"]) for r in listing] == [("郑州华瑞科技有限公司", 1)]
    assert services.assign_region("郑州华瑞科技股份有限公司", "410100") == 1  # another spelling, one org
    assert Patent.objects.get(application_number=numbers[4]).region_id == "410100"
    assert services.unresolved(10) == []

    later = import_path(_file(tmp_path, "b.csv", [("CN202120000006.4", "郑州华瑞科技有限公司。", "", "")]),
                        kind="patents")
    assert later.region_sources.get("staff") == 1
    assert Patent.objects.filter(region_id="410100").count() == 2


def test_credit_codes_win_and_conflicts_are_decided_once(system):
    services.harmonise_names(["郑州华瑞科技有限公司", "华瑞公司"])
    a, b = "91410100MA0000001" , "91410100MA0000002"
    from ipgov.core.credit_code import check_character
    a, b = a + check_character(a), b + check_character(b)
    assert services.link_credit_codes([("郑州华瑞科技有限公司", a)], "organizations") == {"code added": 1}
    assert services.link_credit_codes([("华瑞公司", a)], "case parties") == {"linked by code": 1}
    assert ApplicantName.objects.get(raw="华瑞公司").organization.key == "郑州华瑞科技"
    assert services.link_credit_codes([("郑州华瑞科技股份有限公司", b)], "pre-exam") == {"conflict": 1}
    (conflict,) = services.conflicts()
    assert conflict.codes == sorted([a, b])
    services.decide_conflict(conflict.pk, b)
    assert Organization.objects.get(key="郑州华瑞科技").credit_code == b
    # the next import of the same claims re-applies the decision: the other code is an organization of its own
    assert services.link_credit_codes([("郑州华瑞科技有限公司", a)], "organizations") == {"decided": 1}
    assert Organization.objects.get(key="郑州华瑞科技").credit_code == b
    assert ApplicantName.objects.get(raw="郑州华瑞科技有限公司").organization.credit_code == a
    assert services.conflicts() == []
    assert CodeConflict.objects.get().decided_by == "system:test"
    assert services.link_credit_codes([("郑州华瑞科技有限公司", "91410100MA00000010")], "x") == {"invalid code": 1}

