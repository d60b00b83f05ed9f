"""Demo step: pledge financing, funds, the first auction and trust product, operation-city funds.

Calibrated to the seed's work report (FIGURES.md, utilization) for 410000: pledge financing
2017–2019 = 68.9 亿元 over 416 projects, of which 2019 = 38.7 亿元 over 207 (the published 2019
headline, ip_headline_facts_from_pages.csv; the 2017/2018 split of the remaining 30.2 亿元 / 209 is
illustrative); 2020H1 = 11.89 亿元 over 122 patent and trademark projects. Around them: revoked
registrations (void, never counted) and registrations after 2020-06-30. Pledged, auctioned and
trusted rights are chosen among the register's Henan rights valid on the date that matters; when
the register does not hold enough of them (its demo step has not run) those parts are NOT created
and the step says so — the link check is never skipped.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext, gettext_lazy

from ipgov.demo.common import henan_counties, right_holder, rng_for, split_total
from ipgov.demo.steps import DemoContext, StepResult, titled
from ipgov.demo.synth.applicants import credit_code, enterprise_name
from ipgov.finance import stats
from ipgov.finance.choices import GrantSource, LotResult, PledgeStatus
from ipgov.finance.models import (
    Auction,
    Fund,
    FundInvestment,
    FundProject,
    OperationCityGrant,
    Pledge,
    TrustProduct,
)
from ipgov.finance.services.funds import add_pipeline_project, create_fund, invest
from ipgov.finance.services.grants import record_grant
from ipgov.finance.services.markets import add_lot, close_lot, create_auction, issue_trust_product
from ipgov.finance.services.pledges import end_pledge, register_pledge
from ipgov.programs.choices import OrganizationKind
from ipgov.programs.rights_link import RightRef, valid_rights
from ipgov.programs.services.organizations import get_or_create_organization
from ipgov.rights.choices import RightType

D = datetime.date
WAN = Decimal(10_000)
YI = Decimal(100_000_000)


@dataclass(frozen=True)
class PledgePeriod:
    code: str
    start: datetime.date
    end: datetime.date
    projects: int
    amount: Decimal  # 元
    trademark_projects: int = 0  # trademark-only projects; `mixed` pledge a patent and a trademark
    mixed: int = 0
    revoked: int = 0  # extra registrations later revoked (void): not in the figures


PLEDGE_PERIODS = [
    PledgePeriod("2017", D(2017, 1, 1), D(2017, 12, 31), 96, Decimal("13.5") * YI),
    PledgePeriod("2018", D(2018, 1, 1), D(2018, 12, 31), 113, Decimal("16.7") * YI, revoked=1),
    PledgePeriod("2019", D(2019, 1, 1), D(2019, 12, 31), 207, Decimal("38.7") * YI, revoked=3),
    PledgePeriod("2020H1", D(2020, 1, 1), D(2020, 6, 30), 122, Decimal("11.89") * YI, trademark_projects=28,
                 mixed=9, revoked=2),
    PledgePeriod("2020H2", D(2020, 7, 1), D(2020, 9, 30), 12, Decimal("1.6") * YI),  # after the report
]
PLEDGEES = [("中国银行河南省分行", "bank"), ("中原银行", "bank"), ("郑州银行", "bank"), ("交通银行河南省分行", "bank"),
            ("中国建设银行河南省分行", "bank"), ("浦发银行郑州分行", "bank"), ("河南省中小企业担保集团", "guarantee")]

FUNDS = [
    # name, sponsor, size (元), region, inception, distinction (the seed: "首支规模为3亿元的…基金")
    ("郑州高新产业知识产权运营基金", "郑州高新技术产业开发区管委会", 2 * YI, "410172", D(2019, 9, 6), ""),
    ("河南省重点产业知识产权运营基金", "河南省知识产权局", 3 * YI, "410000", D(2018, 12, 18), "首支"),
]
KEY_FUND_PIPELINE = 24  # 累计储备项目 on 2020-06-30; one more is added after
KEY_FUND_INVESTMENTS = [Decimal("800") * WAN, Decimal("700.6") * WAN, Decimal("1000") * WAN, Decimal("500") * WAN]

GRANTS = [  # city, budget year, granted on, source, amount (元): central funds 3.5 亿元 in all
    ("410100", 2017, D(2017, 9, 28), GrantSource.CENTRAL, 2 * YI),
    ("410100", 2017, D(2017, 11, 10), GrantSource.PROVINCIAL, Decimal("0.5") * YI),
    ("410300", 2018, D(2018, 10, 12), GrantSource.CENTRAL, Decimal("1.5") * YI),
]
# the seed's "河南首届知识产权拍卖会" and "全国首个知识产权信托产品": the distinction is a record's attribute
AUCTION = ("河南省首届知识产权拍卖会", "中部知识产权运营中心", "410100", D(2019, 11, 8), 10, "河南首届")
TRUST = ("知识产权运营信托计划(一期)", "中原信托有限公司", "410100", D(2019, 12, 10), Decimal("0.5") * YI, 5,
         "全国首个")


class _Log:
    def __init__(self):
        self.created = 0
        self.lines: list[str] = []


def _pool(kind: str, start: datetime.date, end: datetime.date, size: int) -> list[RightRef]:
    """Henan rights valid on `start` that stay valid through `end` (valid on any date in between)."""
    refs = valid_rights(kind, "410000", start, limit=size * 6)
    return [r for r in refs if r.ended_on is None or r.ended_on > end]


def _pledges(ctx: DemoContext, log: _Log) -> None:
    used: set[str] = set()
    for period in PLEDGE_PERIODS:
        rng = rng_for(ctx.seed, f"pledges:{period.code}")
        n = period.projects + period.revoked
        amounts = split_total(rng, period.amount, period.projects, 50 * WAN, WAN)
        amounts += [(100 + rng.randrange(900)) * WAN for _ in range(period.revoked)]
        days = sorted(period.start + datetime.timedelta(days=rng.randrange((period.end - period.start).days + 1))
                      for _ in range(n))
        n_marks = period.trademark_projects + period.mixed
        patents = [r for r in _pool(RightType.PATENT, period.start, period.end, n) if r.number not in used]
        marks = _pool(RightType.TRADEMARK, period.start, period.end, n_marks) if n_marks else []
        if len(marks) < n_marks:  # the figure counts patent and trademark projects alike
            log.lines.append(gettext("pledges %(period)s: the register has %(have)s valid trademarks, %(wanted)s "
                                     "wanted; patents stand in")
                             % {"period": period.code, "have": len(marks), "wanted": n_marks})
            n_marks, marks = 0, []
        n_patents = n - (period.trademark_projects if n_marks else 0)
        if len(patents) < n_patents:
            log.lines.append(gettext("pledges %(period)s: NOT created — the register holds %(have)s valid Henan "
                                     "patents for the period, %(needed)s needed (run the register's demo first)")
                             % {"period": period.code, "have": len(patents), "needed": n_patents})
            continue
        chosen = rng.sample(patents, n_patents)
        used.update(r.number for r in chosen)
        mark_iter = iter(rng.sample(marks, n_marks) if n_marks else [])
        patent_iter = iter(chosen)
        for i, (day, value) in enumerate(zip(days, amounts, strict=True)):
            is_mark_only = n_marks and i < period.trademark_projects
            is_mixed = n_marks and period.trademark_projects <= i < n_marks
            rights = [next(mark_iter)] if is_mark_only else [next(patent_iter)]
            if is_mixed:
                rights.append(next(mark_iter))
            pledgee, pledgee_kind = PLEDGEES[rng.randrange(len(PLEDGEES))]
            term_years = 1 + rng.randrange(3)
            release = rng.random() < 0.5
            number = f"Y{period.start.year}41{period.code[-2:]}{i + 1:04d}"
            pledge = Pledge.objects.filter(registration_number=number).first()
            if pledge is None:
                pledge = register_pledge(
                    registration_number=number, pledgor=right_holder(rights[0]), pledgee=pledgee,
                    pledgee_kind=pledgee_kind, amount_yuan=value, registration_date=day, term_start=day,
                    term_end=day + datetime.timedelta(days=365 * term_years - 1),
                    rights=[(r.kind, r.number) for r in rights])
                log.created += 1
            if pledge.status != PledgeStatus.REGISTERED:
                continue
            if i >= period.projects:  # the extra registrations: found void and revoked
                end_pledge(pledge, PledgeStatus.REVOKED, day + datetime.timedelta(days=30))
            elif release and pledge.term_end < D(2020, 6, 30):
                end_pledge(pledge, PledgeStatus.RELEASED, pledge.term_end)


def _enterprises(ctx: DemoContext, salt: str, n: int) -> list:
    rng, taken, counties = rng_for(ctx.seed, salt), set(), henan_counties()
    out = []
    for _ in range(n):
        region = rng.choice(counties)
        out.append(get_or_create_organization(enterprise_name(rng, region.name, taken), OrganizationKind.ENTERPRISE,
                                              region.code, credit_code(rng, region.code))[0])
    return out


def _funds(ctx: DemoContext, log: _Log) -> None:
    for name, sponsor, size, region, inception, distinction in FUNDS:
        if not Fund.objects.filter(name=name).exists():
            create_fund(name=name, sponsor=sponsor, size_yuan=size, region_code=region, inception=inception,
                        distinction=distinction)
            log.created += 1
    fund = Fund.objects.get(name=FUNDS[1][0])
    rng = rng_for(ctx.seed, "fund-pipeline")
    companies = _enterprises(ctx, "fund-companies", KEY_FUND_PIPELINE + 1)
    for i, org in enumerate(companies):
        day = D(2019, 1, 10) + datetime.timedelta(days=rng.randrange(530)) if i < KEY_FUND_PIPELINE else D(2020, 9, 1)
        name = f"{org.name}知识产权运营项目"
        if not FundProject.objects.filter(fund=fund, name=name).exists():
            add_pipeline_project(fund, name, org, day)
            log.created += 1
    projects = list(fund.projects.filter(added_on__lte=D(2020, 6, 30)).order_by("added_on", "pk"))
    for i, value in enumerate(KEY_FUND_INVESTMENTS):
        project = projects[i * 5]
        day = max(project.added_on + datetime.timedelta(days=90), D(2019, 6, 1)) + datetime.timedelta(days=i * 17)
        if not FundInvestment.objects.filter(fund=fund, investee=project.organization).exists():
            invest(fund, investee=project.organization, date=min(day, D(2020, 6, 20)), amount_yuan=value,
                   stake=Decimal(5 + 2 * i), project=project)
            log.created += 1


def _grants(log: _Log) -> None:
    for city, year, day, source, value in GRANTS:
        if not OperationCityGrant.objects.filter(city_id=city, year=year, source=source).exists():
            record_grant(city_code=city, year=year, granted_on=day, source=source, amount_yuan=value,
                         document="国家知识产权运营服务体系建设重点城市" if source == GrantSource.CENTRAL else "")
            log.created += 1


def _auction_and_trust(ctx: DemoContext, log: _Log) -> None:
    rng = rng_for(ctx.seed, "auction")
    name, organizer, region, day, lots, auction_distinction = AUCTION
    trust_name, issuer, trust_region, issue_day, size, n_rights, trust_distinction = TRUST
    pool = _pool(RightType.PATENT, min(day, issue_day), max(day, issue_day), lots + n_rights)
    if len(pool) < lots + n_rights:
        log.lines.append(gettext("auction and trust: NOT created — the register holds %(have)s valid Henan patents "
                                 "in late 2019, %(needed)s needed (run the register's demo first)")
                         % {"have": len(pool), "needed": lots + n_rights})
        return
    picked = rng.sample(pool, lots + n_rights)
    results = [LotResult.SOLD] * 6 + [LotResult.UNSOLD] * 3 + [LotResult.WITHDRAWN]
    reserves = [(5 + rng.randrange(46)) * WAN for _ in range(lots)]
    hammers = [r + rng.randrange(0, 30) * WAN for r in reserves]
    auction = Auction.objects.filter(name=name).first()
    if auction is None:
        auction = create_auction(name=name, organizer=organizer, region_code=region, date=day,
                                 distinction=auction_distinction)
        for i, ref in enumerate(picked[:lots]):
            lot = add_lot(auction, lot_number=i + 1, kind=ref.kind, number=ref.number, reserve_price_yuan=reserves[i])
            close_lot(lot, results[i], hammers[i] if results[i] == LotResult.SOLD else None)
        log.created += 1
    if not TrustProduct.objects.filter(name=trust_name).exists():
        issue_trust_product(name=trust_name, issuer=issuer, region_code=trust_region, issue_date=issue_day,
                            size_yuan=size, rights=[(r.kind, r.number) for r in picked[lots:]],
                            distinction=trust_distinction)
        log.created += 1


@titled(gettext_lazy("Finance: pledges, funds, auction, trust, operation-city funds (calibrated)"))
def load_finance(ctx: DemoContext) -> StepResult:
    log = _Log()
    _grants(log)
    _funds(ctx, log)
    ctx.say(gettext("grants and funds: %(created)s records created so far") % {"created": log.created})
    _pledges(ctx, log)
    ctx.say(gettext("pledges: %(created)s records created so far") % {"created": log.created})
    _auction_and_trust(ctx, log)
    p1719 = stats.pledges("410000", D(2017, 1, 1), D(2019, 12, 31))
    p19 = stats.pledges("410000", D(2019, 1, 1), D(2019, 12, 31))
    h1 = stats.pledges("410000", D(2020, 1, 1), D(2020, 6, 30))
    key = stats.fund_figures(Fund.objects.get(name=FUNDS[1][0]), D(2020, 6, 30))
    lines = [
        gettext("pledge financing 2017–2019: %(amount)s 亿元, %(projects)s projects (2019: %(amount19)s 亿元, "
                "%(projects19)s); 2020H1: %(amount_h1)s 亿元, %(projects_h1)s")
        % {"amount": f"{p1719.amount_yi:.1f}", "projects": p1719.projects, "amount19": f"{p19.amount_yi:.1f}",
           "projects19": p19.projects, "amount_h1": f"{h1.amount_yi:.2f}", "projects_h1": h1.projects},
        gettext("%(fund)s: %(size)s 亿元, %(pipeline)s pipeline, %(investments)s investments %(invested)s 万元")
        % {"fund": FUNDS[1][0], "size": f"{key.size / YI:.0f}", "pipeline": key.pipeline_projects,
           "investments": key.investments, "invested": f"{key.invested / WAN:.1f}"},
        gettext("operation-city central funds: %(amount)s 亿元")
        % {"amount": f"{stats.operation_city_funds('410000', D(2020, 6, 30)) / YI:.1f}"},
        gettext("auctions 2019–2020: %(auctions)s, trust products: %(trusts)s")
        % {"auctions": stats.auctions("410000", D(2019, 1, 1), D(2020, 12, 31)),
           "trusts": stats.trust_products("410000", D(2019, 1, 1), D(2020, 12, 31))},
        *log.lines,
    ]
    return StepResult(gettext("Finance: pledges, funds, auction, trust, operation-city funds (calibrated)"),
                      log.created > 0, lines)
