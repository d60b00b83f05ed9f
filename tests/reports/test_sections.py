"""Protection, utilization and public-service paragraphs on a hand-built cube with the seed's figures."""

import pytest

from ipgov.reports import services
from tests.reports import cube
from tests.reports.test_build import section

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_sections(seed_cube):
    run = seed_cube
    rows = [
        ("enforcement_cases_closed", "2017..2019", "", 7636, "件"),
        ("enforcement_cases_closed", "2017..2019", "right=patent", 4747, "件"),
        ("enforcement_cases_closed", "2017..2019", "right=trademark", 2889, "件"),
        ("enforcement_cases_closed", "2020H1", "right=patent", 114, "件"),
        ("enforcement_cases_closed", "2020H1", "right=trademark", 208, "件"),
        ("ecommerce_patent_cases_assisted", "2019", "", 812, "件"),
        ("design_preexams_completed", "2019", "", 1419, "件"),
        ("design_preexam_grants", "2019", "", 525, "件"),
        ("rights_assistance_centers", "2020H1", "", 6, "家"),
        ("rights_assistance_workstations", "2020H1", "", 127, "家"),
        ("protection_centers", "2020H1", "", 1, "家"),
        ("patent_pledge_financing_amount", "2017..2019", "", 6_890_000_000, "元"),
        ("patent_pledge_projects", "2017..2019", "", 416, "个"),
        ("pledge_financing_amount", "2020H1", "", 1_189_000_000, "元"),
        ("pledge_projects", "2020H1", "", 122, "个"),
        ("operation_city_central_funds", "2020H1", "", 350_000_000, "元"),
        ("fund_size", "2020H1", "", 500_000_000, "元"),
        ("fund_pipeline_projects", "2020H1", "", 24, "项"),
        ("fund_investments", "2020H1", "", 4, "项"),
        ("fund_investment_amount", "2020H1", "", 30_006_000, "元"),
        ("patent_navigation_zones", "2020H1", "", 18, "个"),
        ("pilot_demo_cities", "2020H1", "", 9, "家"), ("pilot_demo_counties", "2020H1", "", 13, "家"),
        ("pilot_demo_parks", "2020H1", "", 3, "家"), ("strong_counties", "2020H1", "", 26, "家"),
        ("advantage_enterprises", "2020H1", "", 102, "家"), ("strong_enterprises", "2020H1", "", 223, "家"),
        ("patent_info_centers", "2020H1", "", 1, "家"), ("patent_info_branches", "2020H1", "", 8, "家"),
        ("tisc_units", "2020H1", "", 2, "家"), ("patent_literature_outlets", "2020H1", "", 5, "家"),
        ("university_info_centers", "2020H1", "", 2, "家"),
        ("training_participants", "2019", "", 6000, "人次"),
        ("high_value_patent_centers", "2020H1", "", 6, "家"),
        ("china_patent_awards", "2020H1", "", 23, "项"),
    ]
    for indicator, period, breakdown, value, unit in rows:
        cube.obs(indicator, period, value, breakdown=breakdown, unit=unit, run_=run)
    return services.build_report("410000", "2020H1")


def test_protection_paragraph(seed_sections):
    paragraphs = section(seed_sections, "protection").paragraphs
    assert paragraphs[0] == ("2017—2019年，全省累计办理知识产权侵权假冒案件7636件，其中专利侵权假冒案件4747件，"
                             "商标侵权假冒案件2889件。2020年上半年，全省共办理专利执法案件114件，商标执法案件208件。")
    assert paragraphs[1] == ("2019年，知识产权快速维权中心协助办理电商领域专利案件812起，完成外观设计专利预审1419件，"
                             "授权525件；建成6家国家级知识产权维权援助中心；累计在127个产业集聚区设立了知识产权维权援助工作站。")


def test_utilization_paragraph(seed_sections):
    paragraphs = section(seed_sections, "utilization").paragraphs
    # no fund, auction or grant records in this cube: the named sentences (test_named.py) are left out
    assert paragraphs == ["国家知识产权运营服务体系建设重点城市共获得中央财政3.5亿元资金支持。",
                          "2017—2019年，全省共实现专利质押融资总额68.9亿元，涉及项目416个；2020年上半年，"
                          "完成专利商标质押融资金额11.89亿元，涉及项目数122个。全省已布局18个专利导航产业发展实验区。"]


def test_public_services_paragraph(seed_sections):
    assert section(seed_sections, "services").paragraphs == [
        "全省共拥有国家知识产权试点示范城市9家、国家试点示范县区13家、试点示范园区3家、"
        "省强县工程试点示范县区26家、国家知识产权优势示范企业102家、省级知识产权强企223家；"
        "拥有国家地方专利信息服务中心1家、分中心8家、世界知识产权组织技术与创新支持中心（TISC）建设单位2家、"
        "全国专利文献服务网点5家、高校国家知识产权信息服务中心2家。2019年，全省知识产权培训受训规模达6000人次。"]


def test_awards_and_centers_with_one_missing(seed_sections):
    # the provincial award is not in the cube: left out, the others stated
    assert section(seed_sections, "creation").paragraphs[2] == "我省23项专利获得中国专利奖。确定了6家高价值专利培育中心。"


def test_zero_figures_write_no_sentence(seed_cube):
    # a city with no centers, no fund and no training: "0家", "0元", "0人次" are never written
    for indicator, period, unit in (("high_value_patent_centers", "2020H1", "家"), ("fund_size", "2020H1", "元"),
                                    ("training_participants", "2019", "人次"), ("pilot_demo_cities", "2020H1", "家"),
                                    ("strong_enterprises", "2020H1", "家")):
        cube.obs(indicator, period, 0, region="410300", unit=unit, run_=seed_cube)
    cube.obs("pilot_demo_parks", "2020H1", 1, region="410300", unit="家", run_=seed_cube)
    report = services.build_report("410300", "2020H1")
    assert [(s.heading, s.paragraphs) for s in report.sections] == [("一、知识产权公共服务", ["全市共拥有试点示范园区1家。"])]


def test_a_zero_the_catalogue_marks_meaningful_reads_shang_wu(seed_cube):
    # 洛阳 closed no enforcement case in 2017—2019 and had no pledge financing: the catalogue marks these
    # zeros as news (zero_meaningful), so they read "尚无…"; the zero training figure stays left out.
    # The office keeps these registers: the province's figures are not zero (register_kept).
    for indicator, period, unit in (("enforcement_cases_closed", "2017..2019", "件"),
                                    ("patent_pledge_financing_amount", "2017..2019", "元"),
                                    ("pledge_financing_amount", "2020H1", "元"),
                                    ("training_participants", "2019", "人次")):
        cube.obs(indicator, period, 0, region="410300", unit=unit, run_=seed_cube)
        cube.obs(indicator, period, 100, region="410000", unit=unit, run_=seed_cube)
    report = services.build_report("410300", "2020H1")
    assert section(report, "protection").paragraphs == ["2017—2019年，全市尚无办结的知识产权侵权假冒案件。"]
    assert section(report, "utilization").paragraphs == [
        "2017—2019年，全市尚无专利质押融资；2020年上半年，尚无专利商标质押融资。"]
    assert not any("0人次" in p or "培训" in p for s in report.sections for p in s.paragraphs)
    assert services.zero_news() is False


def test_no_shang_wu_when_the_office_keeps_no_such_records(seed_cube):
    # an office that imported patents but never entered a case or a pledge: its zeros are absent records,
    # not news — the sentences are left out instead of "尚无…"
    from ipgov.indicators.models import Observation

    assert not Observation.objects.filter(indicator__in=["enforcement_cases_closed", "pledge_financing_amount",
                                                         "patent_pledge_financing_amount"]).exists()
    for indicator, period, unit in (("enforcement_cases_closed", "2017..2019", "件"),
                                    ("patent_pledge_financing_amount", "2017..2019", "元"),
                                    ("pledge_financing_amount", "2020H1", "元")):
        cube.obs(indicator, period, 0, region="410300", unit=unit, run_=seed_cube)
    report = services.build_report("410300", "2020H1")
    assert not any("尚无" in p for s in report.sections for p in s.paragraphs)
