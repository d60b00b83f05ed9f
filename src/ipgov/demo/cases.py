"""Demo step: Henan's case work 2016–2020H1, run through the workflow engine.

Every case is opened and moved through its kind's transitions with dated steps (documents
attached before the steps that need them, deadlines started, met, extended or missed), so the
figures come out of the records by the counting rules of `stats.py`. Calibration (docs/cases.md):
closing dates are drawn inside the period whose published total they make up, e.g. exactly
7,636 enforcement cases close in 2017–2019 (patent 4,747, trademark 2,889), 114 patent and 208
trademark cases in 2020H1; 836 e-commerce patent cases close at the Zhengzhou rapid rights-
protection center in 2019 (the seed says "800余"); its 2019 design pre-examinations number 1,419
with 525 grants recorded in 2019. Everything else (refusals, open and overdue cases, rights
assistance, other years) is synthetic and only plausible. Deterministic from `ctx.seed`.
"""

from __future__ import annotations

import datetime
import random
import time

from django.db import transaction
from django.utils.translation import gettext, gettext_lazy

from ipgov.cases import services, workdays
from ipgov.cases.bulk import BulkRunner
from ipgov.cases.choices import (
    Channel,
    DeadlineUnit,
    DocumentType,
    EventAction,
    Kind,
    PartyRole,
    PartyType,
    PatentType,
    RequesterType,
    RightType,
)
from ipgov.cases.models import CaseEvent
from ipgov.core.ingest import bulk
from ipgov.demo.steps import DemoContext, StepResult, titled
from ipgov.demo.synth.applicants import credit_code, enterprise_name
from ipgov.regions.models import Region

D = datetime.date
ZZ_CENTER = "中国郑州（创意产业）知识产权快速维权中心"
XX_CENTER = "中国（新乡）知识产权保护中心"
PROVINCE_AUTHORITY = "河南省市场监督管理局（知识产权局）"
# City-level units with a rough weight for case volume (economic size, not a published figure).
CITY_WEIGHTS = {"410100": 30, "410300": 9, "411300": 7, "410700": 6, "411000": 5, "411600": 5, "411400": 5,
                "411700": 4, "410400": 4, "410500": 4, "410800": 4, "410200": 4, "411500": 4, "410900": 3,
                "411100": 3, "411200": 2, "410600": 2, "419001": 1}
ASSISTANCE_CENTER_CITIES = ("410100", "410300", "410700", "411300", "411000", "410800")  # 6 national centers
PLATFORMS = ("淘宝/天猫", "京东", "拼多多", "苏宁易购", "1688")

# Published closing totals, split over years by us where the seed gives only the sum.
PATENT_CLOSED = {(D(2017, 1, 1), D(2017, 12, 31)): 1402, (D(2018, 1, 1), D(2018, 12, 31)): 1571,
                 (D(2019, 1, 1), D(2019, 12, 31)): 1774, (D(2020, 1, 1), D(2020, 6, 30)): 114}
TRADEMARK_CLOSED = {(D(2017, 1, 1), D(2017, 12, 31)): 1012, (D(2018, 1, 1), D(2018, 12, 31)): 951,
                    (D(2019, 1, 1), D(2019, 12, 31)): 926, (D(2020, 1, 1), D(2020, 6, 30)): 208}
ECOMMERCE_PATENT_2019 = 836
DESIGN_PREEXAMS_2019, DESIGN_GRANTS_2019 = 1419, 525
DEMO_END = D(2020, 6, 30)


def _doc(label: str, number: str, extra: str = "") -> bytes:
    return f"{label}\n案件编号：{number}\n{extra}\n（演示数据）\n".encode()


class _Plan:
    """Draws dates and names; every draw comes from one seeded generator, in a fixed order."""

    def __init__(self, seed: int, scale: float):
        self.rng = random.Random(seed)
        self.scale = scale
        self.regions = dict(Region.objects.filter(code__in=[*CITY_WEIGHTS, "410000"]).values_list("code", "name"))
        self.cities, self.weights = list(CITY_WEIGHTS), list(CITY_WEIGHTS.values())
        self.serials: set[tuple[int, int, int]] = set()

    def n(self, count: int) -> int:
        return count if self.scale == 1 else max(1, round(count * self.scale))

    def city(self) -> str:
        return self.rng.choices(self.cities, self.weights)[0]

    def workday_in(self, start: D, end: D) -> D:
        for _ in range(100):
            day = start + datetime.timedelta(days=self.rng.randint(0, (end - start).days))
            if workdays.is_working_day(day):
                return day
        return workdays.next_working_day(start)

    def step(self, day: D, lo: int, hi: int, limit: D | None = None) -> D:
        """A working day lo..hi calendar days after `day`, not after `limit`."""
        nxt = workdays.next_working_day(day + datetime.timedelta(days=self.rng.randint(lo, hi)))
        return min(nxt, limit) if limit else nxt

    def patent_number(self, year: int, type_digit: int) -> str:
        from ipgov.rights.numbers import make_application_number

        while True:
            serial = self.rng.randint(1, 9_999_999)
            if (year, type_digit, serial) not in self.serials:
                self.serials.add((year, type_digit, serial))
                return make_application_number(year, type_digit, serial)

    def trademark_number(self) -> str:
        return str(self.rng.randint(1_000_000, 39_999_999))

    def enterprise(self, region: str) -> str:
        return enterprise_name(self.rng, self.regions[region])

    def authority(self, region: str) -> str:
        return PROVINCE_AUTHORITY if region == "410000" else f"{self.regions[region]}市场监督管理局"


def _parties(run: BulkRunner, plan: _Plan, h: int, region: str, complainant_region: str | None = None) -> None:
    c_region = complainant_region or (region if plan.rng.random() < 0.5 else plan.city())
    run.party(h, role=PartyRole.COMPLAINANT, name=plan.enterprise(c_region), party_type=PartyType.ENTERPRISE,
              region=c_region)
    run.party(h, role=PartyRole.RESPONDENT, name=plan.enterprise(region), party_type=PartyType.ENTERPRISE,
              region=region)
    if plan.rng.random() < 0.3:
        run.party(h, role=PartyRole.AGENT, name=f"{plan.regions[c_region].removesuffix('市')}知识产权代理事务所",
                  party_type=PartyType.ENTERPRISE, region=c_region)


def _closed_enforcement(run: BulkRunner, plan: _Plan, kind: str, close_on: D) -> None:
    """One enforcement case that closes exactly on `close_on` after a realistic course."""
    rng = plan.rng
    region = "410000" if rng.random() < 0.03 else plan.city()
    dispute = kind == Kind.PATENT_DISPUTE
    handling = rng.randint(25, 88) if rng.random() < 0.85 else rng.randint(92, 118 if not dispute else 118)
    filing_wd = rng.randint(1, 5) if rng.random() < 0.95 else rng.randint(6, 9)
    received = close_on - datetime.timedelta(days=handling + 2 * filing_wd + 3)
    received = workdays.next_working_day(received)
    right = RightType.TRADEMARK if kind == Kind.TRADEMARK_INFRINGEMENT else RightType.PATENT
    h = run.open(kind, region=region, authority=plan.authority(region), received_on=received, right_type=right)
    number = run.pending[h].case.number
    _parties(run, plan, h, region)
    if right == RightType.PATENT:
        run.right(h, right, plan.patent_number(rng.randint(2010, received.year - 1), rng.choice((1, 2, 2, 3, 3))))
    else:
        run.right(h, right, plan.trademark_number())
    filed = min(workdays.add_working_days(received, filing_wd).date, close_on - datetime.timedelta(days=10))
    filed = max(filed, received)
    first_doc = DocumentType.REQUEST if dispute else DocumentType.FILING_APPROVAL
    run.document(h, first_doc, "请求书.txt" if dispute else "立案审批表.txt", _doc(first_doc.label, number), received)
    run.move(h, "file", filed)
    key = "closing" if dispute else "decision"
    due = run.pending[h].deadlines[key].due_on
    if close_on > due and rng.random() < 0.8:  # most long cases get the extension approved in time
        ext_unit, ext_amount = (DeadlineUnit.MONTHS, 1) if dispute else (DeadlineUnit.DAYS, 30)
        run.extend(h, key, amount=ext_amount, unit=ext_unit, approved_by=f"{plan.authority(region)}负责人",
                   reason="案情复杂，需进一步调查取证", on=max(filed, due - datetime.timedelta(days=5)))
    if dispute:
        served = plan.step(filed, 1, 6, close_on)
        run.move(h, "serve", served)
        roll = rng.random()
        if roll < 0.2:
            run.move(h, "withdraw", plan.step(served, 5, 30, close_on), reason="双方和解，请求人撤回请求")
        else:
            run.move(h, "hear", plan.step(served, 15, 40, close_on))
            if roll < 0.55:
                run.document(h, DocumentType.MEDIATION, "调解协议书.txt", _doc("调解协议书", number), close_on)
                run.move(h, "mediate", close_on)
            else:
                run.document(h, DocumentType.DECISION, "行政裁决书.txt", _doc("专利侵权纠纷行政裁决书", number), close_on)
                run.move(h, "decide", close_on)
    else:
        run.move(h, "investigate", plan.step(filed, 1, 10, close_on))
        roll = rng.random()
        if roll < 0.85:
            amount = rng.choice((2000, 5000, 8000, 10000, 20000, 30000, 50000, 100000))
            run.document(h, DocumentType.PENALTY_DECISION, "行政处罚决定书.txt",
                         _doc("行政处罚决定书", number, f"罚款{amount}元"), close_on)
            goods = rng.random() < 0.4
            run.move(h, "penalize", close_on, penalty_amount=amount,
                     confiscated="侵权商品" if goods else "", confiscated_value=rng.randint(1, 200) * 100 if goods else None)
        elif roll < 0.95:
            run.move(h, "dismiss", close_on, reason="违法行为轻微并及时改正，没有造成危害后果")
        else:
            run.document(h, DocumentType.TRANSFER_LETTER, "移送书.txt", _doc("涉嫌犯罪案件移送书", number), close_on)
            run.move(h, "transfer", close_on)
    run.move(h, "close", close_on)


def _unfinished_enforcement(run: BulkRunner, plan: _Plan, kind: str, start: D, end: D, refused: bool) -> None:
    """A case received in [start, end] that is either refused (never a case) or still open at the demo's end."""
    rng = plan.rng
    region = plan.city()
    right = RightType.TRADEMARK if kind == Kind.TRADEMARK_INFRINGEMENT else RightType.PATENT
    # a case still waiting for its filing decision at the demo's end came in during its last weeks, so the
    # desk as of 2020-06-30 shows it due soon or overdue by days, not by months
    waiting = not refused and rng.random() < 0.15
    received = plan.workday_in(max(start, DEMO_END - datetime.timedelta(days=35)) if waiting else start, end)
    h = run.open(kind, region=region, authority=plan.authority(region), received_on=received, right_type=right)
    number = run.pending[h].case.number
    _parties(run, plan, h, region)
    if refused:
        run.move(h, "refuse", plan.step(received, 1, 6), reason="不符合立案条件：请求人不是专利权人或利害关系人"
                 if kind == Kind.PATENT_DISPUTE else "经核查，不存在违法事实")
        return
    if waiting:
        return  # still waiting for the filing decision (some of these are overdue by a few days)
    dispute = kind == Kind.PATENT_DISPUTE
    doc = DocumentType.REQUEST if dispute else DocumentType.FILING_APPROVAL
    run.document(h, doc, "立案材料.txt", _doc(doc.label, number), received)
    filed = plan.step(received, 1, 8, DEMO_END)
    run.move(h, "file", filed)
    if dispute:
        if filed + datetime.timedelta(days=10) < DEMO_END:
            served = plan.step(filed, 1, 6, DEMO_END)
            run.move(h, "serve", served)
            if served + datetime.timedelta(days=30) < DEMO_END:  # the answer period over: the hearing was held
                run.move(h, "hear", plan.step(served, 16, 25, DEMO_END))
    else:
        run.move(h, "investigate", plan.step(filed, 1, 10, DEMO_END))


def _ecommerce(run: BulkRunner, plan: _Plan, right: str, close_on: D | None, start: D, end: D) -> None:
    rng = plan.rng
    if close_on is None:
        received = plan.workday_in(start, end)
    else:
        received = workdays.next_working_day(close_on - datetime.timedelta(days=rng.randint(8, 40)))
    platform = rng.choice(PLATFORMS)
    h = run.open(Kind.ECOMMERCE, region="410100", authority=ZZ_CENTER, received_on=received, right_type=right,
                 platform=platform)
    _parties(run, plan, h, plan.city(), complainant_region="410100")
    if right == RightType.PATENT:
        run.right(h, right, plan.patent_number(rng.randint(2012, received.year - 1), rng.choice((3, 3, 3, 2))))
    else:
        run.right(h, right, plan.trademark_number())
    if close_on is None:  # rejected, or (in the last weeks before the demo's end) still waiting
        if received < D(2020, 6, 1) or rng.random() < 0.5:
            run.move(h, "reject", plan.step(received, 1, 9), reason="投诉材料不全，未能证明权利归属")
        return
    accepted = min(plan.step(received, 0, 5), close_on)
    run.move(h, "accept", accepted)
    if rng.random() < 0.06:
        run.move(h, "withdraw", min(plan.step(accepted, 1, 5), close_on), reason="投诉人撤回投诉")
    else:
        forwarded = min(plan.step(accepted, 0, 3), close_on)
        run.move(h, "forward", forwarded)
        responded = min(plan.step(forwarded, 1, 9 if rng.random() < 0.9 else 20), close_on)
        run.move(h, "platform_response", responded,
                 platform_result=rng.choice(("已删除侵权链接", "已删除侵权链接", "已下架", "被投诉人申诉成立，链接恢复")))
    run.move(h, "close", close_on)


def _register_enterprises(plan: _Plan) -> dict[str, list[dict]]:
    """The enterprises registered (备案) with each pre-examination center: only they may file."""
    pools: dict[str, list[dict]] = {}
    for center, count, region_pick, since in ((ZZ_CENTER, plan.n(420), plan.city, D(2018, 3, 1)),
                                              (XX_CENTER, plan.n(60), lambda: "410700", D(2019, 11, 1))):
        pool, seen = [], set()
        while len(pool) < count:
            region = region_pick()
            code = credit_code(plan.rng, region)
            if code in seen:
                continue
            seen.add(code)
            name = plan.enterprise(region)
            # the first registers on the center's opening day, so every later request has an applicant
            day = since if not pool else plan.workday_in(since, since + datetime.timedelta(days=200))
            services.register_enterprise(authority=center, name=name, credit_code=code, registered_on=day,
                                         region=region)
            pool.append({"role": PartyRole.COMPLAINANT, "name": name, "party_type": PartyType.ENTERPRISE,
                         "region": region, "credit_code": code, "since": day})
        pools[center] = pool
    return pools


def _applicant(plan: _Plan, pool: list[dict], on: D) -> list[dict]:
    """An enterprise registered with the center by `on` (the first of the pool always is)."""
    party = plan.rng.choice([p for p in pool if p["since"] <= on])
    return [{k: v for k, v in party.items() if k != "since"}]


def _preexams(run: BulkRunner, plan: _Plan, pools: dict[str, list[dict]]) -> None:
    """Design pre-examinations at the Zhengzhou center (2019 calibrated, 2020H1 synthetic) and
    invention/utility pre-examinations at the Xinxiang protection center (2020H1, synthetic)."""
    rng = plan.rng
    done = []
    for year_start, year_end, count in ((D(2019, 1, 1), D(2019, 12, 31), plan.n(DESIGN_PREEXAMS_2019)),
                                        (D(2020, 1, 1), D(2020, 6, 20), plan.n(690))):
        for _ in range(count):
            preexam_on = plan.workday_in(year_start, year_end)
            received = preexam_on
            for _ in range(rng.randint(0, 6)):  # walk back over working days
                received -= datetime.timedelta(days=1)
                while not workdays.is_working_day(received):
                    received -= datetime.timedelta(days=1)
            parties = _applicant(plan, pools[ZZ_CENTER], received)
            if parties is None:
                continue
            h = run.open(Kind.PREEXAM, region="410100", authority=ZZ_CENTER, received_on=received,
                         patent_type=PatentType.DESIGN, parties=parties)
            if rng.random() < 0.12:
                run.move(h, "fail", preexam_on, reason="图片或照片不能清楚显示要求保护的产品外观")
                continue
            number = run.pending[h].case.number
            run.document(h, DocumentType.PREEXAM_REPORT, "预审意见.txt", _doc("外观设计专利预审合格意见", number),
                         preexam_on)
            run.move(h, "pass", preexam_on)
            submitted = plan.step(preexam_on, 0, 4)
            app = plan.patent_number(submitted.year, 3)
            run.move(h, "submit", submitted, application_number=app)
            done.append((h, submitted))
    grant_2019 = set(rng.sample([h for h, s in done if s <= D(2019, 11, 30)], plan.n(DESIGN_GRANTS_2019)))
    for h, submitted in done:
        if h in grant_2019:
            run.move(h, "grant", min(plan.step(submitted, 10, 60), D(2019, 12, 31)))
            continue
        roll = rng.random()
        earliest = max(submitted, D(2019, 12, 31))
        if roll < 0.08:
            run.move(h, "reject", plan.step(earliest, 10, 60, DEMO_END), reason="不符合专利法第二十三条")
        elif roll < 0.6 and earliest < D(2020, 5, 1):
            run.move(h, "grant", plan.step(earliest, 5, 60, DEMO_END))
    for _ in range(plan.n(150)):
        received = plan.workday_in(D(2020, 1, 6), D(2020, 6, 29))
        patent_type = rng.choice((PatentType.INVENTION, PatentType.UTILITY))  # drawn first, as always
        parties = _applicant(plan, pools[XX_CENTER], received)
        if parties is None:
            continue
        h = run.open(Kind.PREEXAM, region="410700", authority=XX_CENTER, received_on=received,
                     patent_type=patent_type, parties=parties)
        # only requests of the last two weeks are still undecided at the cut-off (due soon or a few days late)
        if rng.random() < 0.8 or received < D(2020, 6, 15):
            run.document(h, DocumentType.PREEXAM_REPORT, "预审意见.txt",
                         _doc("预审合格意见", run.pending[h].case.number), received)
            run.move(h, "pass", plan.step(received, 2, 12, DEMO_END))


def _assistance(run: BulkRunner, plan: _Plan) -> None:
    rng = plan.rng
    for start, end, count in ((D(2017, 1, 1), D(2017, 12, 31), 820), (D(2018, 1, 1), D(2018, 12, 31), 960),
                              (D(2019, 1, 1), D(2019, 12, 31), 1130), (D(2020, 1, 1), D(2020, 6, 30), 540)):
        for _ in range(plan.n(count)):
            channel = rng.choices(Channel.values, (45, 35, 20))[0]
            region = rng.choice(ASSISTANCE_CENTER_CITIES) if channel != Channel.WORKSTATION else plan.city()
            authority = (f"{plan.regions[region]}知识产权维权援助工作站" if channel == Channel.WORKSTATION
                         else f"中国（{plan.regions[region].removesuffix('市')}）知识产权维权援助中心")
            received = plan.workday_in(start, end)
            h = run.open(Kind.ASSISTANCE, region=region, authority=authority, received_on=received,
                         right_type=rng.choice((RightType.PATENT, RightType.TRADEMARK)), channel=channel,
                         requester_type=rng.choice(RequesterType.values))
            if received > D(2020, 6, 15) and rng.random() < 0.7:
                continue  # still open at the demo's end
            run.move(h, "accept", received)
            roll = rng.random()
            answered = plan.step(received, 0, 9 if rng.random() < 0.9 else 25, DEMO_END)
            if roll < 0.6:
                run.move(h, "consult", answered)
            elif roll < 0.8:
                run.document(h, DocumentType.EXPERT_OPINION, "专家意见.txt",
                             _doc("专家咨询意见", run.pending[h].case.number), answered)
                run.move(h, "give_opinion", answered)
            elif roll < 0.95:
                run.move(h, "refer", answered, referred_to=rng.choice(("人民法院", "仲裁委员会", "人民调解委员会",
                                                                        "市场监督管理局执法机构")))
            else:
                run.move(h, "withdraw", answered, reason="请求人撤回")
            run.move(h, "close", plan.step(answered, 0, 3, DEMO_END))


def _already_loaded() -> bool:
    return CaseEvent.objects.filter(actor="system:demo", action=EventAction.OPENED).exists()


@titled(gettext_lazy("Cases (enforcement, e-commerce, pre-examination, rights assistance) run through the workflow "
         "engine"))
def load_cases(ctx: DemoContext) -> StepResult:
    title = gettext("Cases (enforcement, e-commerce, pre-examination, rights assistance) run through the workflow "
                    "engine")
    if _already_loaded():
        return StepResult(title, False, _summary())
    started = time.perf_counter()
    # without the cyclic collector while ~200,000 model instances are made in memory: the demo process's
    # collections took 5.3 s before, 3.5 s after
    with transaction.atomic(), bulk.without_cyclic_gc():  # a run that fails leaves no registrations behind
        counts = _open_and_move(_Plan(ctx.seed, ctx.scale), ctx.say)
    elapsed = time.perf_counter() - started
    lines = [", ".join(f"{v:,} {k}" for k, v in counts.items()) + f" in {elapsed:.1f} s", *_summary()]
    return StepResult(title, True, lines)


def _open_and_move(plan: _Plan, say=lambda line: None) -> dict[str, int]:
    pools = _register_enterprises(plan)
    run = BulkRunner()
    for targets, kinds in ((PATENT_CLOSED, ((Kind.COUNTERFEIT_PATENT, 0.7), (Kind.PATENT_DISPUTE, 0.3))),
                           (TRADEMARK_CLOSED, ((Kind.TRADEMARK_INFRINGEMENT, 1.0),))):
        for (start, end), total in targets.items():
            for _ in range(plan.n(total)):
                kind = plan.rng.choices([k for k, _ in kinds], [w for _, w in kinds])[0]
                _closed_enforcement(run, plan, kind, plan.workday_in(start, end))
    for kind, refused, open_ in ((Kind.PATENT_DISPUTE, 60, 18), (Kind.COUNTERFEIT_PATENT, 40, 25),
                                 (Kind.TRADEMARK_INFRINGEMENT, 120, 70)):
        for _ in range(plan.n(refused)):
            _unfinished_enforcement(run, plan, kind, D(2017, 1, 1), D(2020, 6, 20), refused=True)
        for _ in range(plan.n(open_)):
            # open cases came in during the last quarter: their 90-day decisions fall due around the cut-off
            _unfinished_enforcement(run, plan, kind, D(2020, 4, 1), D(2020, 6, 24), refused=False)
    for right, start, end, count in ((RightType.PATENT, D(2018, 1, 1), D(2018, 12, 31), 512),
                                     (RightType.PATENT, D(2019, 1, 1), D(2019, 12, 31), ECOMMERCE_PATENT_2019),
                                     (RightType.PATENT, D(2020, 1, 1), D(2020, 6, 30), 401),
                                     (RightType.TRADEMARK, D(2019, 1, 1), D(2019, 12, 31), 154)):
        for _ in range(plan.n(count)):
            _ecommerce(run, plan, right, plan.workday_in(start, end), start, end)
        for _ in range(plan.n(count // 20)):
            _ecommerce(run, plan, right, None, start, min(end, D(2020, 6, 24)))
    _preexams(run, plan, pools)
    _assistance(run, plan)
    say(gettext("cases run through the workflow in memory; writing them in bulk"))
    return run.flush()


def _summary() -> list[str]:
    from ipgov.cases import stats

    def n(fn, *a, **k):
        return fn("410000", *a, **k)

    y = (D(2017, 1, 1), D(2019, 12, 31))
    h1 = (D(2020, 1, 1), D(2020, 6, 30))
    y19 = (D(2019, 1, 1), D(2019, 12, 31))
    return [
        gettext("enforcement cases closed 2017–2019: %(all)s (patent %(patent)s, trademark %(trademark)s)")
        % {"all": f"{n(stats.enforcement_cases_closed, *y):,}",
           "patent": f"{n(stats.enforcement_cases_closed, *y, right='patent'):,}",
           "trademark": f"{n(stats.enforcement_cases_closed, *y, right='trademark'):,}"},
        gettext("2020H1: patent %(patent)s, trademark %(trademark)s")
        % {"patent": n(stats.enforcement_cases_closed, *h1, right="patent"),
           "trademark": n(stats.enforcement_cases_closed, *h1, right="trademark")},
        gettext("2019 e-commerce patent cases at the Zhengzhou center: %(n)s")
        % {"n": n(stats.ecommerce_cases_assisted, *y19, authority=ZZ_CENTER)},
        gettext("2019 design pre-examinations %(done)s, grants %(grants)s")
        % {"done": f"{n(stats.preexams_completed, *y19, authority=ZZ_CENTER):,}",
           "grants": n(stats.preexam_grants, *y19, authority=ZZ_CENTER)},
        gettext("cases overdue on %(day)s: %(n)s") % {"day": DEMO_END, "n": n(stats.overdue_at, DEMO_END)},
    ]
