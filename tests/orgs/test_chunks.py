"""A batch's names and records go `services.CHUNK` at a time (memory bounded whatever the file's size):
the organizations, their display names, the placements and the counts are those of one pass."""

import pytest

from ipgov.core.actor import Actor, acting_as
from ipgov.core.ingest.registry import import_path
from ipgov.orgs import services
from ipgov.orgs.models import ApplicantName, Organization
from ipgov.rights.models import Applicant, Patent, Trademark
from tests.orgs.test_regions import ROWS, _file
from tests.orgs.test_trademarks import _marks

pytestmark = pytest.mark.django_db

SPELLINGS = [  # one enterprise, two legal forms: its display name is the first spelling in code-point order
    ("CN202120000011.5", "郑州华瑞科技股份有限公司", "河南省郑州市金水区花园路1号", ""),
    ("CN202120000013.4", "张伟", "", ""),  # a person: never an organization
    ("CN202120000012.X", "郑州华瑞科技有限公司", "", ""),
]


@pytest.fixture(params=[1, 2, services.CHUNK], ids=["chunk-1", "chunk-2", "chunk-default"])
def chunk(request, monkeypatch):
    monkeypatch.setattr(services, "CHUNK", request.param)
    with acting_as(Actor.system("test")):
        yield request.param


def test_a_batch_harmonised_and_placed_chunk_by_chunk_is_one_pass(tmp_path, chunk):
    report = import_path(_file(tmp_path, "a.csv", ROWS + SPELLINGS), kind="patents")
    assert report.created == 8
    assert report.region_sources == {"address": 2, "earlier-records": 3, "known-university": 1,
                                     "region-code column": 1, "unresolved": 1}  # 张伟
    huarui = Organization.objects.get(key=ApplicantName.objects.get(raw="郑州华瑞科技有限公司").organization.key)
    assert huarui.name == "郑州华瑞科技有限公司"  # '有' (U+6709) sorts before '股' (U+80A1)
    assert ApplicantName.objects.get(raw="郑州华瑞科技股份有限公司").organization == huarui
    assert ApplicantName.objects.get(raw="张伟").organization is None
    assert ApplicantName.objects.count() == 7 and Organization.objects.count() == 4  # the hospital is 郑州大学
    zhengzhou = Patent.objects.get(application_number="202120000011.5").region_id
    assert zhengzhou.startswith("4101")
    assert Patent.objects.get(application_number="202120000012.X").region_id == zhengzhou  # earlier records
    assert Patent.objects.get(application_number="202120000005.X").region_id == zhengzhou  # the same enterprise
    assert (Applicant.objects.get(patent__application_number="202120000012.X", position=1).resolution_note
            == "region from earlier-records: 郑州华瑞科技有限公司")


def test_the_register_and_its_owners_harmonised_chunk_by_chunk(tmp_path, chunk):
    import_path(_file(tmp_path, "p.csv", ROWS[:1]), kind="patents")
    report = _marks(tmp_path, [
        ("30000001", "郑州大学第一附属医院。", ""),
        ("30000002", "郑州大学第一附属医院", ""),
        ("30000003", "洛阳华瑞有限公司", ""),
    ])
    assert report.region_sources == {"earlier-records": 2, "unresolved": 1}
    assert set(Trademark.objects.values_list("region_id", flat=True)) == {
        Patent.objects.get().region_id, None}
    Trademark.objects.create(number="30000004", nice_classes=[9], owner_name="洛阳华瑞有限责任公司", kind="ordinary")
    Trademark.objects.create(number="30000005", nice_classes=[9], owner_name="河南大学", kind="ordinary")
    assert services.harmonise_register() == 2
    assert (ApplicantName.objects.get(raw="洛阳华瑞有限责任公司").organization
            == ApplicantName.objects.get(raw="洛阳华瑞有限公司").organization)
