"""The calibrated demo reproduces every utilization and public-service figure of FIGURES.md.

The register's own demo data is not in this branch yet, so the test first writes a register of
real-format Henan patents and trademarks (fixture data, through the ORM); the demo steps then
choose among them through the same link check as production.
"""

import datetime
from decimal import Decimal

import pytest

from ipgov.demo.finance import load_finance
from ipgov.demo.programs import load_programs
from ipgov.demo.steps import DemoContext
from ipgov.finance import stats as fin
from ipgov.finance.models import Fund, Pledge, PledgedRight
from ipgov.programs import stats as prog
from ipgov.programs.choices import AwardKind, Level
from ipgov.programs.choices import DesignationKind as K
from ipgov.programs.models import Award, Designation
from ipgov.regions.models import Region
from ipgov.rights.choices import PatentType
from ipgov.rights.models import Patent, Trademark
from tests.programs.rights import cn_number

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
D = datetime.date
YI, WAN = Decimal(100_000_000), Decimal(10_000)


@pytest.fixture
def register():
    counties = list(Region.objects.within("410000").filter(level="county", is_active=True).values_list("code", flat=True))
    patents = []
    for i in range(1500):
        granted = D(2015, 1, 1) + datetime.timedelta(days=i % 700)
        ended = D(2018, 6, 1) if i % 10 == 0 else None  # some lapse mid-way: never pledged after that
        patents.append(Patent(application_number=cn_number(2013, 1, i + 1), patent_type=PatentType.INVENTION,
                              title=f"示例发明{i}", filing_date=D(2013, 3, 1), grant_date=granted,
                              region_id=counties[i % len(counties)], terminated_on=ended))
    Patent.objects.bulk_create(patents)
    Trademark.objects.bulk_create(Trademark(number=str(20000000 + i), owner_name=f"商标权人{i}",
                                            registration_date=D(2016, 5, 7), region_id=counties[i % 50])
                                  for i in range(80))


@pytest.fixture
def demo(actor, register):
    ctx = DemoContext(home=None, seed=20200814)
    first = load_programs(ctx), load_finance(ctx)
    return ctx, first


def test_demo_figures(demo):
    ctx, (programs, finance) = demo
    assert programs.changed and finance.changed
    assert not any("NOT created" in line or "未创建" in line for line in programs.lines + finance.lines)

    # Utilization
    p1719 = fin.pledges("410000", D(2017, 1, 1), D(2019, 12, 31))
    assert (p1719.amount, p1719.projects) == (Decimal("68.9") * YI, 416)
    p19 = fin.pledges("410000", D(2019, 1, 1), D(2019, 12, 31))
    assert (p19.amount, p19.projects) == (Decimal("38.7") * YI, 207)  # the published 2019 headline
    h1 = fin.pledges("410000", D(2020, 1, 1), D(2020, 6, 30))
    assert (h1.amount, h1.projects) == (Decimal("11.89") * YI, 122)
    assert fin.pledges("410000", D(2020, 1, 1), D(2020, 6, 30), patents_only=True).projects == 122 - 28
    assert Pledge.objects.filter(status="revoked").count() == 6  # void registrations exist but never count
    assert fin.operation_city_funds("410000", D(2020, 6, 30)) == Decimal("3.5") * YI
    assert fin.operation_city_funds("410100", D(2020, 6, 30)) == 2 * YI
    sizes = sorted(f.size for f in fin.funds_in_region("410000", D(2020, 6, 30)))
    assert sizes == [2 * YI, 3 * YI]
    key = fin.fund_figures(Fund.objects.get(name="河南省重点产业知识产权运营基金"), D(2020, 6, 30))
    assert key == fin.FundFigures(3 * YI, 24, 4, Decimal("3000.6") * WAN)
    assert fin.auctions("410000", D(2019, 1, 1), D(2020, 12, 31)) == 1
    assert fin.trust_products("410000", D(2019, 1, 1), D(2020, 12, 31)) == 1
    assert prog.designations_in_force("410000", D(2020, 12, 31), K.GI_PROMOTION_PROJECT) == 1
    assert prog.designations_in_force("410000", D(2020, 6, 30), K.PATENT_NAVIGATION_ZONE) == 18

    # Public services (stocks on 2020-06-30; the enterprise counts also on 2019-12-31, as published)
    expected = [(K.PILOT_DEMO_CITY, Level.NATIONAL, 9), (K.PILOT_DEMO_COUNTY, Level.NATIONAL, 13),
                (K.PILOT_DEMO_PARK, Level.NATIONAL, 3), (K.STRONG_COUNTY, Level.PROVINCIAL, 26),
                (K.ADVANTAGE_ENTERPRISE, Level.NATIONAL, 102), (K.STRONG_ENTERPRISE, Level.PROVINCIAL, 223),
                (K.PATENT_INFO_CENTER, None, 1), (K.PATENT_INFO_BRANCH, None, 8), (K.TISC, None, 2),
                (K.PATENT_LITERATURE_OUTLET, None, 5), (K.UNIVERSITY_INFO_CENTER, None, 2),
                (K.HIGH_VALUE_PATENT_CENTER, None, 6), (K.RIGHTS_ASSISTANCE_CENTER, Level.NATIONAL, 6),
                (K.RIGHTS_ASSISTANCE_WORKSTATION, None, 127), (K.PROTECTION_CENTER, None, 1)]
    for kind, level, count in expected:
        assert prog.designations_in_force("410000", D(2020, 6, 30), kind, level) == count, kind
        assert prog.designations_in_force_from_events("410000", D(2020, 6, 30), kind) == \
            prog.designations_in_force("410000", D(2020, 6, 30), kind)
    assert prog.designations_in_force("410000", D(2019, 12, 31), K.ADVANTAGE_ENTERPRISE) == 102
    assert prog.designations_in_force("410000", D(2019, 12, 31), K.STRONG_ENTERPRISE) == 223
    assert prog.designations_in_force("410000", D(2020, 6, 30), K.PROTECTION_CENTER, accepted=True) == 1
    assert Designation.objects.get(kind=K.PROTECTION_CENTER).organization.name == "中国(新乡)知识产权保护中心"
    # the history matters: later batches, pending applications and revocations exist
    assert prog.designations_in_force("410000", D(2020, 12, 31), K.ADVANTAGE_ENTERPRISE) == 117
    assert Designation.objects.filter(kind=K.ADVANTAGE_ENTERPRISE, status="applied").count() == 3
    assert prog.awards("410000", AwardKind.CHINA_PATENT_AWARD, edition=21) == 23
    assert prog.awards("410000", AwardKind.CHINA_PATENT_AWARD, year=2020) == 23
    assert prog.awards("410000", AwardKind.PROVINCIAL_PATENT_AWARD, edition=2) == 49
    trainees = prog.trainees("410000", D(2019, 1, 1), D(2019, 12, 31))
    assert 6000 < trainees < 6100  # "6000余人次"

    # every pledged and awarded right is a register right valid on the date that mattered
    for right in PledgedRight.objects.filter(kind="patent").select_related("pledge")[:600]:
        p = Patent.objects.get(application_number=right.number)
        assert p.grant_date <= right.pledge.registration_date
        assert p.terminated_on is None or p.terminated_on > right.pledge.registration_date
    assert Award.objects.count() == 72

    # a second run changes nothing
    again = load_programs(ctx), load_finance(ctx)
    assert [r.changed for r in again] == [False, False]
    assert Pledge.objects.count() == 96 + 114 + 210 + 124 + 12


FIGURES = [  # (indicator, period, value) for 410000 — FIGURES.md, utilization and public services
    ("pledge_financing_amount", "2017..2019", 6_890_000_000),
    ("pledge_projects", "2017..2019", 416),
    ("patent_pledge_financing_amount", "2017..2019", 6_890_000_000),
    ("patent_pledge_projects", "2017..2019", 416),
    ("pledge_financing_amount", "2019", 3_870_000_000),
    ("pledge_projects", "2019", 207),
    ("pledge_financing_amount", "2020H1", 1_189_000_000),
    ("pledge_projects", "2020H1", 122),
    ("operation_city_central_funds", "2020H1", 350_000_000),
    ("fund_size", "2020H1", 500_000_000),
    ("fund_pipeline_projects", "2020H1", 24),
    ("fund_investments", "2020H1", 4),
    ("fund_investment_amount", "2020H1", 30_006_000),
    ("patent_navigation_zones", "2020H1", 18),
    ("auctions", "2019..2020", 1),
    ("auctions", "2019", 1),
    ("trust_products", "2019..2020", 1),
    ("trust_products", "2019", 1),
    ("gi_promotion_projects", "2020", 1),
    ("gi_promotion_projects", "2020H1", 1),
    ("pilot_demo_cities", "2020H1", 9),
    ("pilot_demo_counties", "2020H1", 13),
    ("pilot_demo_parks", "2020H1", 3),
    ("strong_counties", "2020H1", 26),
    ("advantage_enterprises", "2020H1", 102),
    ("advantage_enterprises", "2019", 102),
    ("strong_enterprises", "2020H1", 223),
    ("strong_enterprises", "2019", 223),
    ("patent_info_centers", "2020H1", 1),
    ("patent_info_branches", "2020H1", 8),
    ("tisc_units", "2020H1", 2),
    ("patent_literature_outlets", "2020H1", 5),
    ("university_info_centers", "2020H1", 2),
    ("high_value_patent_centers", "2020H1", 6),
    ("rights_assistance_centers", "2020H1", 6),
    ("rights_assistance_workstations", "2020H1", 127),
    ("protection_centers", "2020H1", 1),
    ("protection_centers_accepted", "2019", 1),
    ("china_patent_awards", "2020", 23),
    ("china_patent_awards", "2020H1", 23),  # the demo cube ends at the register's snapshot, 2020-06
    ("provincial_patent_awards", "2020", 49),
    ("provincial_patent_awards", "2020H1", 49),
]


def test_figures_come_out_of_the_indicator_engine(demo, capsys, tmp_path):
    from django.core.management import call_command

    from ipgov.indicators import catalogue, compute, services

    ours = catalogue.load([catalogue.EXTRA_DIR / "utilization.toml"])  # this entries only: faster
    # the default executor, DuckDB over the Parquet snapshot (on PostgreSQL the snapshot reads the money
    # columns as decimals: tests/indicators/test_database_executor_columns.py)
    compute.compute(executor="duckdb", first="2017-01", last="2020-12", cat=ours, directory=tmp_path)
    for indicator, period, expected in FIGURES:
        assert services.value(indicator, "410000", period) == expected, (indicator, period)
    by_fund = {r.breakdown: r.value for r in services.query("fund_size", "410000", "2020H1", by="fund")}
    assert by_fund == {"fund=郑州高新产业知识产权运营基金": 200_000_000, "fund=河南省重点产业知识产权运营基金": 300_000_000}
    [edition] = services.query("china_patent_awards", "410000", "2020", by="edition")
    assert (edition.breakdown, edition.value) == ("edition=21", 23)
    trainees = services.value("training_participants", "410000", "2019")
    assert 6000 < trainees < 6100  # 6000余人次
    assert services.value("pledge_projects", "410100", "2019") < 207  # cities are counted from records too
    call_command("indicator", "pledge_financing_amount", "--region", "410000", "--period", "2017..2019")
    assert "6,890,000,000" in capsys.readouterr().out
