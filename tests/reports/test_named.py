"""Named achievements: the records a report names (cities of the grants, first-of-its-kind auction and
trust, each fund by itself, the accepted protection center, the GI promotion project, the training theme)."""

import datetime
from decimal import Decimal

import pytest

from ipgov.finance.models import Auction, Fund, OperationCityGrant, TrustProduct
from ipgov.programs.models import Designation, Organization, TrainingEvent
from ipgov.reports import services
from tests.reports import cube
from tests.reports.test_build import section

pytestmark = pytest.mark.django_db
D = datetime.date
YI = Decimal(10) ** 8


@pytest.fixture
def named_report(seed_cube):
    run = seed_cube
    OperationCityGrant.objects.create(city_id="410100", year=2017, granted_on=D(2017, 9, 28), source="central",
                                      amount=2 * YI)
    OperationCityGrant.objects.create(city_id="410300", year=2018, granted_on=D(2018, 10, 12), source="central",
                                      amount=Decimal("1.5") * YI)
    OperationCityGrant.objects.create(city_id="410300", year=2018, granted_on=D(2018, 11, 1), source="provincial",
                                      amount=YI)  # not central: does not name the city twice
    small = Fund.objects.create(name="郑州高新产业知识产权运营基金", sponsor="管委会", size=2 * YI, region_id="410172",
                                inception=D(2019, 9, 6))
    key = Fund.objects.create(name="河南省重点产业知识产权运营基金", sponsor="省局", size=3 * YI, region_id="410000",
                              inception=D(2018, 12, 18), distinction="首支")
    Auction.objects.create(name="河南省首届知识产权拍卖会", organizer="中心", region_id="410100", date=D(2019, 11, 8),
                           distinction="河南首届")
    Auction.objects.create(name="2017年拍卖会", organizer="中心", region_id="410100", date=D(2017, 5, 8),
                           distinction="全国首场")  # before the review window (2019 onwards): not named
    TrustProduct.objects.create(name="信托计划(一期)", issuer="中原信托", region_id="410100", issue_date=D(2019, 12, 10),
                                size=YI / 2, distinction="全国首个")
    center = Organization.objects.create(name="中国(新乡)知识产权保护中心", kind="service_center", region_id="410700")
    Designation.objects.create(organization=center, kind="protection_center", level="national", year=2018,
                               status="accepted", region_id="410700", designated_on=D(2018, 3, 20),
                               accepted_on=D(2019, 11, 20))
    tea = Organization.objects.create(name="信阳市茶叶协会", kind="association", region_id="411500")
    Designation.objects.create(organization=tea, kind="gi_promotion_project", level="national", year=2020,
                               status="designated", region_id="411500", designated_on=D(2020, 5, 12), subject="信阳毛尖")
    TrainingEvent.objects.create(title="巡讲(郑州)", region_id="410100", start_date=D(2019, 6, 1),
                                 end_date=D(2019, 6, 1), participants=5000, theme="知识产权助力精准扶贫")
    TrainingEvent.objects.create(title="培训班", region_id="410100", start_date=D(2019, 8, 1),
                                 end_date=D(2019, 8, 2), participants=1000, theme="专利代理")
    for indicator, breakdown, value, unit in (
            ("operation_city_central_funds", "", 350_000_000, "元"), ("fund_size", "", 500_000_000, "元"),
            ("fund_size", f"fund={small.name}", 200_000_000, "元"), ("fund_size", f"fund={key.name}", 300_000_000, "元"),
            ("fund_pipeline_projects", f"fund={key.pk}", 24, "项"), ("fund_investments", f"fund={key.pk}", 4, "项"),
            ("fund_investment_amount", f"fund={key.pk}", 30_006_000, "元")):
        cube.obs(indicator, "2020H1", value, breakdown=breakdown, unit=unit, run_=run)
    cube.obs("training_participants", "2019", 6000, unit="人次", run_=run)
    cube.obs("training_participants", "2018", 4000, unit="人次", run_=run)
    return services.build_report("410000", "2020H1")


def test_utilization_names_the_cities_each_fund_and_the_firsts(named_report):
    assert section(named_report, "utilization").paragraphs == [
        "郑州市、洛阳市2个国家知识产权运营服务体系建设重点城市共获得中央财政3.5亿元资金支持；"
        "首支规模为3亿元的重点产业知识产权运营基金累计储备项目达到24项，完成股权投资项目4项，涉及资金3000.6万元；"
        "郑州设立规模2亿元的郑州高新产业知识产权运营基金；"
        "积极探索知识产权与金融结合新模式，举办了河南首届知识产权拍卖会，发行了全国首个知识产权信托产品；"
        "“信阳毛尖”成功入选2020年地理标志运用促进工程项目。"]


def test_protection_names_the_accepted_center(named_report):
    assert section(named_report, "protection").paragraphs == ["中国(新乡)知识产权保护中心顺利通过考核验收并正式挂牌运营。"]


def test_training_theme_and_evaluative_heading(named_report):
    services_section = section(named_report, "services")
    assert services_section.paragraphs == ["2019年开展以“知识产权助力精准扶贫”为主题的巡讲活动，总受训规模达6000人次。"]
    assert services_section.title == "知识产权各项公共服务事业发展取得新提升"  # 6000 against 4000 in 2018


def test_a_city_report_names_only_its_own_records(named_report):
    report = services.build_report("410300", "2020H1")
    assert report.sections == []  # 洛阳's grant is named in the province's sentence; the city has no cube cell


def test_next_steps_from_the_work_plan_imported_on_the_one_ingest_path(seed_cube, tmp_path):
    from ipgov.core.ingest.registry import import_path
    from ipgov.demo.programs import WORKPLAN_HEADER, workplan_tasks
    from ipgov.portal.seed import SEED

    tasks = workplan_tasks(SEED.read_text(encoding="utf-8"))
    assert tasks[0] == "突出工作重点，加强督导落实，确保国家和省领导关心关注的工作取得明显成效" and len(tasks) == 5
    path = tmp_path / "plan.csv"
    rows = [",".join(WORKPLAN_HEADER), "410000,2020,1,完善顶层设计，夯实管理基础,知识产权保护处,2020-12-31,推进中",
            "410000,2020,2,强化激励引导，提升创新能力,知识产权促进处,2020-12-31,未开始",
            "410000,2020,3,已经办完的事,知识产权促进处,2020-06-30,已完成",
            "410000,2019,1,上一年的任务,知识产权促进处,2019-12-31,推进中"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = import_path(path, kind="workplan", strict=True)
    assert report.created == 4
    assert import_path(path, kind="workplan", strict=True).status == "unchanged"  # idempotent
    built = services.build_report("410000", "2020H1")
    nextsteps = section(built, "nextsteps")
    assert (nextsteps.heading, nextsteps.paragraphs) == ("二、下一步工作", [
        "全省知识产权系统下一步要重点抓好两个方面工作：一是完善顶层设计，夯实管理基础；二是强化激励引导，提升创新能力。"])
