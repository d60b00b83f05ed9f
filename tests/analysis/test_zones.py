"""Navigation zones' industries (audited), the zone's landscape beside the province and the nation, and the
cube's technology-field breakdowns (catalogue.d/analysis.toml over the PatentIndustryCell view)."""

import datetime

import pytest

from ipgov.analysis import concordance, national, services
from ipgov.analysis.models import PatentIndustry
from ipgov.core.models import ObjectChange
from tests.analysis.conftest import patent

D = datetime.date
A = ("郑州甲科技有限公司", "enterprise", "410102")
B = ("开封乙材料有限公司", "enterprise", "410202")


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):  # the messages as the source writes them (zh-Hans: test_translations)
        yield


@pytest.fixture
def wipo(db):
    concordance.load_shipped()


def _zone(region="410171", kind="patent_navigation_zone"):
    from ipgov.programs.models import Designation, Organization

    org, _ = Organization.objects.get_or_create(name="郑州经济技术开发区管委会", kind="park", region_id=region)
    return Designation.objects.create(organization=org, kind=kind, level="provincial", year=2017,
                                      status="designated", region_id=region, designated_on=D(2017, 5, 1))


def _patents():
    """郑州: 3 applications in field 20 (C22C, 2018 and 2019 ×2), 1 in field 06; 开封: 1 in field 20 (2019)."""
    for number, filed, ipc, who in (("201810000001.0", D(2018, 3, 1), "C22C 29/00", A),
                                    ("201910000002.0", D(2019, 2, 1), "C22C 26/00", A),
                                    ("201910000003.0", D(2019, 6, 1), "B22F 3/00", A),
                                    ("201910000004.0", D(2019, 7, 1), "G06F 16/00", A),
                                    ("201910000005.0", D(2019, 8, 1), "C22C 1/00", B)):
        p = patent(number, "invention", filed, applicants=[who])
        p.__class__.objects.filter(pk=p.pk).update(ipc_main=ipc)


def test_zone_industries_are_set_audited_and_checked(wipo, system_actor):
    zone = _zone()
    assert services.set_zone_industries(zone, ["wipo35:20", "wipo35:06", "wipo35:20"]) == ["wipo35:06", "wipo35:20"]
    assert [i["name"].split("（")[0] for i in services.zone_industries(zone)] == ["计算机技术", "材料、冶金"]
    entry = ObjectChange.objects.filter(object_id=str(zone.pk)).latest("pk")
    assert entry.action == "update" and entry.before == {"industries": []}
    assert entry.after == {"industries": ["wipo35:06", "wipo35:20"]}
    n = ObjectChange.objects.count()
    services.set_zone_industries(zone, [("wipo35", "20"), ("wipo35", "06")])  # the same set: no new entry
    assert ObjectChange.objects.count() == n
    with pytest.raises(services.EvaluationError, match="no industry 99"):
        services.set_zone_industries(zone, ["wipo35:99"])
    with pytest.raises(services.EvaluationError, match="concordance:code"):
        services.set_zone_industries(zone, ["20"])
    with pytest.raises(services.EvaluationError, match="not a patent navigation zone"):
        services.set_zone_industries(_zone(kind="strong_county"), ["wipo35:20"])
    assert services.zone_industries(zone)[1]["id"] == "wipo35:20"  # the refused sets changed nothing


def test_zone_landscape_beside_the_province_and_the_nation(wipo, system_actor):
    _patents()
    zone = _zone()
    services.set_zone_industries(zone, ["wipo35:20"])
    view = services.zone_landscape(zone, "2019")
    assert view["region"].code == "410100"  # a development zone is counted in the city it lies in
    row = view["industries"][0]
    assert row["zone"]["applications_total"] == {2015: 0, 2016: 0, 2017: 0, 2018: 1, 2019: 2}
    assert row["province"]["applications_total"][2019] == 3 and row["zone"]["share_of_province"] == pytest.approx(3 / 4)
    assert row["nation"]["industry"] is None  # no national figure by field is loaded: said, not guessed
    assert row["table"][-1] == (2019, 2, 3, 1243568 + 2259765 + 691771)  # CNIPA yearbook 2022 table 1-2, domestic
    assert row["table"][0] == (2015, 0, 0, None)  # no national figure loaded before 2017
    assert "a2.html" in row["nation"]["all_fields_source"]


def test_navigation_report_states_the_nation(wipo, system_actor):
    from ipgov.reports.navigation import build_navigation

    _patents()
    report = build_navigation("410100", "wipo35", "20", "2019")
    text = " ".join(p for s in report.sections for p in s.paragraphs)
    assert "未加载全国同产业专利数据" in text and "2019年4195104件" in text


def test_national_figure_years():
    assert national.figure("wipo35", "20", [2016, 2017])["all_fields"] == {2017: 1245709 + 1679807 + 610817}


@pytest.mark.parametrize("executor", ["database", "duckdb"])
def test_cube_holds_applications_by_field(wipo, system_actor, executor, tmp_path):
    from tests.indicators.helpers import cell, cube_on

    _patents()
    assert services.refresh_patent_industries() == 5
    assert sorted(PatentIndustry.objects.values_list("target", flat=True)) == ["06", "20", "20", "20", "20"]
    cells = cube_on(executor, tmp_path)
    assert cell(cells, "invention_applications_by_field", "410100", "2019", "field=20") == 2
    assert cell(cells, "invention_applications_by_field", "410100", "2019", "field=06") == 1
    assert cell(cells, "invention_applications_by_field", "410000", "2019", "field=20") == 3
    assert cell(cells, "invention_applications_by_field", "410100", "2019") == 3
    assert cell(cells, "patent_applications_by_industry", "410100", "2019") in (None, 0)  # gbt4754 not loaded


def test_refresh_follows_a_changed_patent_and_a_batch(wipo, system_actor):
    _patents()
    services.refresh_patent_industries()
    from ipgov.rights.models import Patent

    Patent.objects.filter(application_number="201910000004.0").update(ipc_main="C22C 5/00")
    assert services.refresh_patent_industries(batch_id=12345) == 0  # other batches untouched
    services.refresh_patent_industries()
    assert PatentIndustry.objects.filter(target="20").count() == 5 and not PatentIndustry.objects.filter(target="06")


def test_official_cnipa_layout_loads_and_feeds_the_cube(wipo, system_actor, tmp_path):
    """A small file in CNIPA's own layout (code, name, IPC; the IPC symbols of a 小类 on the rows below it):
    converted and loaded on the one ingest path; the patents' industries follow."""
    from django.core.management import call_command

    _patents()
    path = tmp_path / "ipc_gbt4754_2018.csv"
    path.write_text("国际专利分类与国民经济行业分类参照关系表（示例）,,\n行业代码,行业名称,IPC\nC,制造业,\n32,有色金属冶炼和压延加工业,\n"
                    "3240,有色金属合金制造,\n,,C22C*\n,,C22C 1/00；B22F 3/00\n33,金属制品业,\n3311,金属结构制造,\n,,E04B 1\n",
                    encoding="utf-8")
    call_command("concordance", "load", str(path), "--layout", "cnipa", "--scheme", "gbt4754", "--quiet")
    keys, names = concordance.table("gbt4754")
    assert names == {"C3240": "有色金属合金制造", "C3311": "金属结构制造"}
    assert sorted(keys) == ["B22F3/", "C22C", "C22C1/", "E04B1/"]
    assert concordance.targets("gbt4754", "C22C 29/00") == ["C3240"]
    assert sorted(PatentIndustry.objects.filter(scheme="gbt4754").values_list("target", flat=True)) == ["C3240"] * 4
    with pytest.raises(Exception, match="no header"):
        concordance.read_cnipa(tmp_path / "x.csv", "gbt4754") if (tmp_path / "x.csv").write_text("a,b\n1,2\n") else None


def test_zone_compared_with_another_zone(wipo, system_actor):
    """郑州经开区 (counted in 郑州) beside a zone in 开封's 龙亭区 (410202), for the first zone's industries:
    field 20 — 郑州 1 (2018) and 2 (2019), 410202 1 (2019), the province 1 and 3."""
    _patents()
    zone, other = _zone(), _zone(region="410202")
    services.set_zone_industries(zone, ["wipo35:20"])
    services.set_zone_industries(other, ["wipo35:06"])  # the comparison follows the first zone's industries
    view = services.zone_landscape(zone, "2019", other)
    assert view["other"] == other and view["other_region"].code == "410202"
    row = view["industries"][0]
    assert row["other"]["applications_total"] == {2015: 0, 2016: 0, 2017: 0, 2018: 0, 2019: 1}
    nation_2019 = 1243568 + 2259765 + 691771
    assert row["compare"][-2:] == [(2018, 1, 0, 1, 4146772), (2019, 2, 1, 3, nation_2019)]  # CNIPA yearbook 2022
    assert row["other"]["share_of_province"] == pytest.approx(1 / 4)
    assert "compare" not in services.zone_landscape(zone, "2019")["industries"][0]
