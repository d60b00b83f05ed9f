"""Enterprises and designations scored through the same machinery as universities: hand-built register,
rankings computed by hand."""

import datetime

import pytest

from ipgov.analysis import schemes, services
from tests.analysis.conftest import patent

D = datetime.date
A1 = ("郑州甲科技有限公司", "enterprise", "410102")
A2 = ("郑州甲科技股份有限公司", "enterprise", "410102")  # the same enterprise after converting (legal form)
B = ("洛阳乙机械有限公司", "enterprise", "410302")
C = ("新乡丙电池有限公司", "enterprise", "410702")
OLD = ("开封丁食品有限公司", "enterprise", "410202")  # records before the window only
BEIJING = ("北京戊科技有限公司", "enterprise", "110108")
PERSON = ("张三", "individual", "410102")
UNI = ("河南大学", "university", "410202")

ENTERPRISE_SCHEME = """
id = "enterprise-test"
name_zh = "企业测试排行"
population = "enterprises"
region = "410000"
ties = "break"
{eligible}
[[indicators]]
id = "valid"
name_zh = "有效发明专利拥有量"
source = "register"
key = "valid_invention_patents"
weight = 50
method = "efficacy"
[[indicators]]
id = "applications"
name_zh = "专利申请量"
source = "register"
key = "applications"
weight = 30
method = "rank"
[[indicators]]
id = "pledges"
name_zh = "专利质押次数"
source = "register"
key = "pledges"
weight = 20
method = "minmax"
"""


@pytest.fixture
def register(db):
    """2019: 郑州甲 (two spellings) valid inventions 2, applications 1 (one patent naming both spellings),
    pledges 2; 洛阳乙 valid 1 (another lapsed 2019-03-01), applications 2, pledges 0; 新乡丙 valid 0,
    applications 1 (as second applicant of 洛阳乙's), pledges 1. 开封丁 filed and was granted in 2017 only
    (outside 2018–2019); the Beijing firm, the person and the university are not enterprises of Henan."""
    from ipgov.orgs.services import harmonise_register
    from ipgov.rights.models import LegalEvent

    a1 = patent("201710000101.0", "invention", D(2017, 3, 1), granted=D(2019, 4, 2), applicants=[A1])
    a2 = patent("201810000102.0", "invention", D(2018, 5, 1), granted=D(2019, 9, 9), applicants=[A2])
    patent("201920000103.0", "utility", D(2019, 2, 1), applicants=[A1, A2])
    LegalEvent.objects.create(patent=a1, kind="pledge", date=D(2019, 6, 1))
    LegalEvent.objects.create(patent=a2, kind="pledge", date=D(2019, 7, 1))
    LegalEvent.objects.create(patent=a2, kind="pledge", date=D(2018, 7, 1))  # the year before: not counted
    patent("201610000201.0", "invention", D(2016, 1, 1), granted=D(2017, 6, 1), terminated=D(2019, 3, 1),
           applicants=[B])
    patent("201710000202.0", "invention", D(2017, 2, 1), granted=D(2018, 8, 8), applicants=[B])
    patent("201920000203.0", "utility", D(2019, 4, 1), applicants=[B, C])
    patent("201920000204.0", "utility", D(2019, 5, 1), applicants=[B])
    c1 = patent("201820000301.0", "utility", D(2018, 3, 1), granted=D(2018, 9, 1), applicants=[C])
    LegalEvent.objects.create(patent=c1, kind="pledge", date=D(2019, 5, 5))
    patent("201710000401.0", "invention", D(2017, 1, 1), granted=D(2017, 8, 1), applicants=[OLD])
    patent("201910000501.0", "invention", D(2019, 1, 1), applicants=[BEIJING])
    patent("201920000601.0", "utility", D(2019, 1, 2), applicants=[PERSON])
    patent("201910000701.0", "invention", D(2019, 1, 3), applicants=[UNI])
    harmonise_register()


def _scheme(tmp_path, text, name="scheme.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _row(ev, key):
    return next(r for r in ev.rows if r["key"] == key)


def test_enterprises_by_hand(register, system_actor, tmp_path):
    """valid (efficacy, 50): 2, 1, 0 → 100, 80, 60; applications (rank, 30): 1, 2, 1 → 洛阳乙 first (100),
    the two others share rank 2 (50); pledges (min-max, 20): 2, 0, 1 → 100, 0, 50.
    郑州甲 = 50 + 15 + 20 = 85; 洛阳乙 = 40 + 30 + 0 = 70; 新乡丙 = 30 + 15 + 10 = 55."""
    ev, created = services.evaluate(_scheme(tmp_path, ENTERPRISE_SCHEME.format(eligible="")), "2019")
    assert created and ev.result["population"] == "enterprises"
    assert [(r["rank"], r["key"], r["total"]) for r in ev.rows] == [(1, "郑州甲科技", 85.0), (2, "洛阳乙机械", 70.0),
                                                                    (3, "新乡丙电池", 55.0)]
    assert _row(ev, "郑州甲科技")["name"] == "郑州甲科技有限公司" and _row(ev, "新乡丙电池")["region"] == "410702"
    raws = {r["key"]: [c["raw"] for c in r["cells"]] for r in ev.rows}
    assert raws == {"郑州甲科技": [2, 1, 2], "洛阳乙机械": [1, 2, 0], "新乡丙电池": [0, 1, 1]}
    zz = {c["indicator"]: c for c in _row(ev, "新乡丙电池")["cells"]}
    assert zz["applications"]["normalised"] == 50.0 and zz["applications"]["contribution"] == 15.0
    assert zz["pledges"]["normalised"] == 50.0 and zz["pledges"]["contribution"] == 10.0
    # the working names the records: the patent naming both spellings counts once
    working = {c["indicator"]: c["records"] for c in services.unit_working(ev, "郑州甲科技")["cells"]}
    assert working == {"valid": ["201710000101.0", "201810000102.0"], "applications": ["201920000103.0"],
                       "pledges": ["201710000101.0", "201810000102.0"]}
    assert services.unit_working(ev, "新乡丙电池")["cells"][1]["records"] == ["201920000203.0"]


def test_enterprises_eligible(register, system_actor, tmp_path):
    """eligible: at least one valid invention patent — 新乡丙 leaves the population. valid: 2, 1 → 100, 60;
    applications: 1, 2 → 0, 100; pledges: 2, 0 → 100, 0. 郑州甲 = 50 + 0 + 20 = 70; 洛阳乙 = 30 + 30 = 60."""
    text = ENTERPRISE_SCHEME.format(eligible='eligible = { measure = "valid_invention_patents", at_least = 1 }')
    ev, _ = services.evaluate(_scheme(tmp_path, text), "2019")
    assert [(r["rank"], r["key"], r["total"]) for r in ev.rows] == [(1, "郑州甲科技", 70.0), (2, "洛阳乙机械", 60.0)]


def test_shipped_enterprise_scheme(register, system_actor):
    ev, _ = services.evaluate("enterprise-strength", "2019")
    assert [r["key"] for r in ev.rows] == ["郑州甲科技", "洛阳乙机械"]  # eligible: a valid invention patent
    assert ev.result["illustrative"] and "示例" in ev.result["source"]


DESIGNATION_SCHEME = """
id = "designation-test"
name_zh = "强企测试评价"
population = "designations"
designation_kind = "strong_enterprise"
designation_level = "provincial"
region = "410000"
[[indicators]]
id = "valid"
name_zh = "有效发明专利拥有量"
source = "register"
key = "valid_invention_patents"
weight = 60
method = "efficacy"
[[indicators]]
id = "certified"
name_zh = "贯标认证"
source = "manual"
key = "certified"
weight = 40
method = "threshold"
thresholds = [[1, 100]]
"""


def _designate(name, region, kind, level, designated, revoked=None):
    from ipgov.programs.models import Designation, Organization

    org, _ = Organization.objects.get_or_create(name=name, region_id=region, defaults={"kind": "enterprise"})
    return Designation.objects.create(organization=org, kind=kind, level=level, year=designated.year,
                                      batch=str(designated), status="revoked" if revoked else "designated",
                                      region_id=region, designated_on=designated, revoked_on=revoked)


def test_designations_in_force_at_the_period_end(register, system_actor, tmp_path):
    """In force on 2019-12-31: 郑州甲 (2018, never revoked) and 新乡丙 (2017, revoked 2020-03-01). Not:
    洛阳乙 revoked 2019-11-01, 新乡丙's 2020 designation, 洛阳乙's national one (level), an advantage
    enterprise (kind). Scores: valid (efficacy 60) 2 and 0 → 100, 60; certified (threshold 40): 新乡丙 1
    (evidence attached), 郑州甲 not entered. 新乡丙 = 36 + 40 = 76; 郑州甲 = 60 + 0 = 60."""
    zz = _designate("郑州甲科技有限公司", "410102", "strong_enterprise", "provincial", D(2018, 6, 1))
    _designate("洛阳乙机械有限公司", "410302", "strong_enterprise", "provincial", D(2019, 3, 1), D(2019, 11, 1))
    _designate("新乡丙电池有限公司", "410702", "strong_enterprise", "provincial", D(2020, 2, 1))
    xx = _designate("新乡丙电池有限公司", "410702", "strong_enterprise", "provincial", D(2017, 5, 1), D(2020, 3, 1))
    _designate("洛阳乙机械有限公司", "410302", "strong_enterprise", "national", D(2018, 1, 1))
    _designate("洛阳乙机械有限公司", "410302", "advantage_enterprise", "provincial", D(2018, 1, 1))
    services.record_manual_input("certified", str(xx.pk), "2019", 1, region="410702", evidence_note="认证证书")
    ev, _ = services.evaluate(_scheme(tmp_path, DESIGNATION_SCHEME), "2019")
    assert [(r["rank"], r["key"], r["name"], r["total"]) for r in ev.rows] == [
        (1, str(xx.pk), "新乡丙电池有限公司", 76.0), (2, str(zz.pk), "郑州甲科技有限公司", 60.0)]
    assert ev.result["designation_kind"] == "strong_enterprise"
    cells = {c["indicator"]: c for c in _row(ev, str(zz.pk))["cells"]}
    assert cells["valid"]["raw"] == 2 and cells["certified"]["raw"] is None
    # the holder's records behind its count: both spellings of its organization
    working = services.unit_working(ev, str(zz.pk))
    assert working["cells"][0]["records"] == ["201710000101.0", "201810000102.0"]


def test_designations_counted_by_region(register, system_actor, tmp_path):
    """register_of = "region": the patents whose first applicant lies in the designation's region —
    洛阳 (410302) 2 applications in 2019 (洛阳乙 first), 郑州 (410102) 2 (郑州甲 and a person first)."""
    lo = _designate("洛阳市老城区人民政府", "410302", "pilot_demo_county", "national", D(2016, 1, 1))
    zz = _designate("郑州市中原区人民政府", "410102", "pilot_demo_county", "national", D(2016, 1, 1))
    text = """
id = "county-test"
name_zh = "试点示范县区测试"
population = "designations"
designation_kind = "pilot_demo_county"
register_of = "region"
region = "410000"
[[indicators]]
id = "applications"
name_zh = "专利申请量"
source = "register"
key = "applications"
weight = 1
method = "minmax"
"""
    ev, _ = services.evaluate(_scheme(tmp_path, text), "2019")
    raws = {r["key"]: r["cells"][0]["raw"] for r in ev.rows}
    assert raws == {str(lo.pk): 2, str(zz.pk): 2}


def test_unknown_designation_kind_names_file_and_field(tmp_path):
    from django.utils import translation

    text = DESIGNATION_SCHEME.replace('"strong_enterprise"', '"spaceport"')
    with translation.override("en"), pytest.raises(schemes.SchemeError) as err:
        schemes.load(_scheme(tmp_path, text, "strong.toml"))
    assert str(err.value).startswith("Scheme strong.toml: designation_kind = 'spaceport' is not a designation kind")
    with translation.override("zh-hans"), pytest.raises(schemes.SchemeError) as err:
        schemes.load(_scheme(tmp_path, text, "strong.toml"))
    assert "strong.toml" in str(err.value) and "designation_kind" in str(err.value)
    missing = DESIGNATION_SCHEME.replace('designation_kind = "strong_enterprise"\n', "")
    with pytest.raises(schemes.SchemeError, match="designation_kind"):
        schemes.load(_scheme(tmp_path, missing, "missing.toml"))
    with pytest.raises(schemes.SchemeError, match="cube"):
        schemes.load(_scheme(tmp_path, DESIGNATION_SCHEME.replace('source = "register"', 'source = "cube"'), "c.toml"))
