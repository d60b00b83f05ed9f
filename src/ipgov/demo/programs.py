"""Demo step: the public-service programmes of Henan, calibrated to the seed's work report.

Every record goes through the write services. The stocks the report quotes (FIGURES.md, "stock")
hold on 2019-12-31 and on 2020-06-30; the history around them is deliberately uneven — units
revoked before then, applications still pending, later batches after 2020-06-30 — so that the
figures only come out when the stock is computed "as of" the right date from the history.
Names of organizations are those of the seed where it gives them, else generated (illustrative,
not the official lists). Awards need awarded patents from the register (see `_awards`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext, gettext_lazy

from ipgov.demo.common import henan_counties, right_holder, rng_for
from ipgov.demo.steps import DemoContext, StepResult, titled
from ipgov.demo.synth.applicants import credit_code, enterprise_name
from ipgov.programs.choices import (
    AwardGrade,
    AwardKind,
    DesignationKind,
    DesignationStatus,
    Level,
    OrganizationKind,
)
from ipgov.programs.models import Award, Designation, Organization, TrainingEvent
from ipgov.programs.rights_link import valid_rights
from ipgov.programs.services import awards as award_services
from ipgov.programs.services.designations import change_status, designate, record_evaluation
from ipgov.programs.services.organizations import get_or_create_organization
from ipgov.programs.services.training import record_training
from ipgov.regions.models import Region

D = datetime.date
AS_OF = D(2020, 6, 30)
LATER = D(2020, 11, 16)  # a batch designated after the report's date: must not count on 2020-06-30
K, S = DesignationKind, DesignationStatus

# Nine pilot/demonstration cities, then one whose 2020 application is still pending (illustrative list).
CITIES_PILOT = ["410100", "410300", "410700", "411300", "411000", "410800", "410400", "410500", "410900", "411700"]


@dataclass(frozen=True)
class Plan:
    kind: str
    level: str
    in_force: int  # the figure: designated and not revoked on AS_OF
    years: tuple[int, int]
    holder: str  # enterprise | county | city | zone | named
    revoked: int = 0  # designated, then revoked before 2019-12-31
    pending: int = 0  # applied in 2020, not designated by AS_OF
    later: int = 0  # designated after AS_OF
    names: tuple[tuple[str, str, str], ...] = ()  # (name, organization kind, region) for holder == named


PLANS = [
    Plan(K.PILOT_DEMO_CITY, Level.NATIONAL, 9, (2012, 2019), "city", pending=1),
    Plan(K.PILOT_DEMO_COUNTY, Level.NATIONAL, 13, (2014, 2019), "county", revoked=1, later=2),
    Plan(K.PILOT_DEMO_PARK, Level.NATIONAL, 3, (2013, 2018), "named", names=(
        ("郑州高新技术产业开发区管委会", "park", "410172"), ("洛阳高新技术产业开发区管委会", "park", "410371"),
        ("国家知识产权创意产业试点园区", "park", "410100"))),
    Plan(K.STRONG_COUNTY, Level.PROVINCIAL, 26, (2013, 2019), "county", revoked=2, later=4),
    Plan(K.ADVANTAGE_ENTERPRISE, Level.NATIONAL, 102, (2013, 2019), "enterprise", revoked=2, pending=3, later=15),
    Plan(K.STRONG_ENTERPRISE, Level.PROVINCIAL, 223, (2016, 2019), "enterprise", revoked=4, later=30),
    Plan(K.PATENT_INFO_CENTER, Level.NATIONAL, 1, (2012, 2012), "named", names=(
        ("国家知识产权局区域专利信息服务(郑州)中心", "service_center", "410100"),)),
    Plan(K.PATENT_INFO_BRANCH, Level.NATIONAL, 8, (2013, 2018), "city"),
    Plan(K.TISC, Level.NATIONAL, 2, (2018, 2019), "named", names=(
        ("郑州大学", "university", "410102"), ("河南省科学技术信息研究院", "research_institute", "410105"))),
    Plan(K.PATENT_LITERATURE_OUTLET, Level.NATIONAL, 5, (2016, 2019), "city"),
    Plan(K.UNIVERSITY_INFO_CENTER, Level.NATIONAL, 2, (2017, 2019), "named", names=(
        ("河南大学", "university", "410205"), ("河南科技大学", "university", "410311"))),
    Plan(K.HIGH_VALUE_PATENT_CENTER, Level.PROVINCIAL, 6, (2020, 2020), "enterprise"),
    Plan(K.PATENT_NAVIGATION_ZONE, Level.NATIONAL, 3, (2013, 2016), "zone"),
    Plan(K.PATENT_NAVIGATION_ZONE, Level.PROVINCIAL, 15, (2016, 2019), "zone", later=3),
    Plan(K.RIGHTS_ASSISTANCE_CENTER, Level.NATIONAL, 6, (2012, 2019), "city"),
    Plan(K.RIGHTS_ASSISTANCE_WORKSTATION, Level.PROVINCIAL, 127, (2015, 2019), "county", revoked=3),
    Plan(K.RAPID_PROTECTION_CENTER, Level.NATIONAL, 1, (2017, 2017), "named", names=(
        ("中国郑州(创意产业)知识产权快速维权中心", "service_center", "410100"),)),
    Plan(K.OPERATION_CITY, Level.NATIONAL, 2, (2017, 2018), "named", names=(
        ("郑州市人民政府", "government", "410100"), ("洛阳市人民政府", "government", "410300"))),
]
HOLDER_SUFFIX = {
    K.PILOT_DEMO_CITY: "人民政府", K.PILOT_DEMO_COUNTY: "人民政府", K.STRONG_COUNTY: "人民政府",
    K.PATENT_INFO_BRANCH: "知识产权信息服务分中心", K.PATENT_LITERATURE_OUTLET: "科技情报所专利文献服务网点",
    K.RIGHTS_ASSISTANCE_CENTER: "知识产权维权援助中心", K.RIGHTS_ASSISTANCE_WORKSTATION: "产业集聚区维权援助工作站",
    K.PATENT_NAVIGATION_ZONE: "专利导航产业发展实验区",
}
# The industries (WIPO technology fields, `wipo35:NN`) of the navigation zones, by the city the zone lies in:
# plausible for Henan's industrial clusters (illustrative — the real zones' industry lists are not in the
# seed); set on the zones by the analysis step (demo/analysis.py) once the concordance is loaded.
ZONE_INDUSTRIES = {
    "410100": ("20", "06"),  # 郑州: 超硬材料 (材料、冶金), 电子信息 (计算机技术)
    "410200": ("32",),  # 开封: 汽车及零部件 (运输)
    "410300": ("26", "31"),  # 洛阳: 机床与轴承 (机床; 机械元件)
    "410400": ("17", "19"),  # 平顶山: 尼龙新材料 (高分子化学; 基础材料化学)
    "410500": ("20",),  # 安阳: 精品钢 (材料、冶金)
    "410600": ("01",),  # 鹤壁: 电子电器 (电机、电气装置、电能)
    "410700": ("01", "16"),  # 新乡: 电池 (电能), 生物医药 (药品)
    "410800": ("32",),  # 焦作: 汽车零部件 (运输)
    "410900": ("19",),  # 濮阳: 石油化工 (基础材料化学)
    "411000": ("01",),  # 许昌: 电力装备 (电机、电气装置)
    "411100": ("18",),  # 漯河: 食品 (食品化学)
    "411200": ("20",),  # 三门峡: 铝、黄金 (材料、冶金)
    "411300": ("09",),  # 南阳: 光电 (光学)
    "411400": ("30",),  # 商丘: 制冷 (热工过程和设备)
    "411500": ("18",),  # 信阳: 茶 (食品化学)
    "411600": ("18",),  # 周口: 食品 (食品化学)
    "411700": ("29",),  # 驻马店: 农机、专用装备 (其他专用机械)
    "419001": ("20",),  # 济源: 铅锌、特钢 (材料、冶金)
}

HOLDER_KIND = {"city": OrganizationKind.GOVERNMENT, "county": OrganizationKind.GOVERNMENT,
               "zone": OrganizationKind.PARK, "enterprise": OrganizationKind.ENTERPRISE}

PROTECTION_CENTER = ("中国(新乡)知识产权保护中心", "410700", D(2018, 3, 20), D(2019, 11, 20))
GI_PROMOTION = ("信阳市茶叶协会", "信阳毛尖", "411500", D(2020, 5, 12))  # 2020年地理标志运用促进工程

# Awards: 第二十一届中国专利奖 (decision of 2020) and 第二届河南省专利奖; grades and dates are illustrative,
# dated inside the demo register's snapshot (to 2020-06-30) so that the demo cube holds them.
CHINA_PATENT_AWARD = (21, D(2020, 6, 28), {AwardGrade.GOLD: 1, AwardGrade.SILVER: 2, AwardGrade.EXCELLENCE: 20})
PROVINCIAL_AWARD = (2, D(2020, 4, 28), {AwardGrade.FIRST: 10, AwardGrade.SECOND: 15, AwardGrade.THIRD: 24})

# 2019 "知识产权助力精准扶贫" lecture tour: person-times per stop (总受训规模 6000余人次).
POVERTY_TOUR_THEME = "知识产权助力精准扶贫"
POVERTY_TOUR_STOPS = 14


def _date_in(rng, year: int, last: datetime.date | None = None) -> datetime.date:
    start = D(year, 1, 1)
    end = min(D(year, 12, 31), last) if last else D(year, 12, 31)
    return start + datetime.timedelta(days=rng.randrange((end - start).days + 1))


def _holders(plan: Plan, n: int, rng, taken: set[str]) -> list[tuple[str, str, str]]:
    if plan.holder == "named":
        return list(plan.names)[:n]
    suffix = HOLDER_SUFFIX.get(plan.kind, "")
    if plan.holder == "city":
        cities = [Region.objects.get(code=c) for c in CITIES_PILOT] if plan.kind == K.PILOT_DEMO_CITY else \
            list(Region.objects.within("410000").filter(level="prefecture", is_active=True).order_by("code"))
        chosen = cities[:n] if plan.kind == K.PILOT_DEMO_CITY else rng.sample(cities, n)
        return [(f"{r.name}{suffix}", HOLDER_KIND["city"], r.code) for r in chosen]
    if plan.holder == "county":
        return [(f"{r.name}{suffix}", HOLDER_KIND["county"], r.code) for r in rng.sample(henan_counties(), n)]
    if plan.holder == "zone":
        zones = list(Region.objects.within("410000").filter(level="zone").order_by("code"))
        return [(f"{r.name}{suffix}", HOLDER_KIND["zone"], r.code) for r in rng.sample(zones, n)]
    counties = henan_counties()
    return [(enterprise_name(rng, r.name, taken), HOLDER_KIND["enterprise"], r.code)
            for r in (rng.choice(counties) for _ in range(n))]


class _Counter:
    def __init__(self):
        self.created = 0


def _designate_once(org: Organization, plan: Plan, year: int, status: str, day, counter: _Counter,
                    authority: str | None, **named) -> Designation:
    existing = Designation.objects.filter(organization=org, kind=plan.kind, level=plan.level, batch=str(year)).first()
    if existing is not None:
        return existing
    counter.created += 1
    return designate(org, plan.kind, plan.level, year, batch=str(year), authority_region_code=authority,
                     status=status, date=day, **named)


def _run_plan(plan: Plan, ctx: DemoContext, counter: _Counter, taken: set[str]) -> None:
    rng = rng_for(ctx.seed, f"designations:{plan.kind}:{plan.level}")
    total = plan.in_force + plan.revoked + plan.pending + plan.later
    holders = _holders(plan, total, rng, taken)
    authority = "410000" if plan.level == Level.PROVINCIAL else None
    # the first batch of high-value patent centers is named so in the report (首批确定了6家)
    named = {"distinction": "首批"} if plan.kind == K.HIGH_VALUE_PATENT_CENTER else {}
    for i, (name, kind, region) in enumerate(holders):
        code = credit_code(rng, region) if kind == OrganizationKind.ENTERPRISE else ""
        org = get_or_create_organization(name, kind, region, code)[0]
        if i < plan.in_force + plan.revoked:
            year = plan.years[0] + rng.randrange(plan.years[1] - plan.years[0] + 1)
            day = _date_in(rng, year, last=AS_OF)
            revoke_on = max(day, D(min(year + 1, 2019), 12, 31) - datetime.timedelta(days=rng.randrange(60)))
            d = _designate_once(org, plan, year, S.DESIGNATED, day, counter, authority, **named)
            if i >= plan.in_force and d.status != S.REVOKED:  # revoked the year after, before 2019-12-31
                change_status(d, S.REVOKED, revoke_on)
        elif i < plan.in_force + plan.revoked + plan.pending:
            _designate_once(org, plan, 2020, S.APPLIED, D(2020, 5, 1) + datetime.timedelta(days=i % 20),
                            counter, authority)
        else:
            _designate_once(org, plan, 2020, S.DESIGNATED, LATER, counter, authority)


def _special_units(counter: _Counter) -> None:
    name, region, designated, accepted = PROTECTION_CENTER
    org = get_or_create_organization(name, OrganizationKind.SERVICE_CENTER, region)[0]
    plan = Plan(K.PROTECTION_CENTER, Level.NATIONAL, 1, (2018, 2018), "named")
    d = _designate_once(org, plan, designated.year, S.DESIGNATED, designated, counter, None)
    if d.status == S.DESIGNATED:
        change_status(d, S.ACCEPTED, accepted, "通过国家知识产权局考核验收")
    name, gi, region, day = GI_PROMOTION
    org = get_or_create_organization(name, OrganizationKind.ASSOCIATION, region)[0]
    _designate_once(org, Plan(K.GI_PROMOTION_PROJECT, Level.NATIONAL, 1, (2020, 2020), "named"), 2020,
                    S.DESIGNATED, day, counter, None, subject=gi)


def _evaluations(ctx: DemoContext, counter: _Counter) -> None:
    """2019 evaluations (考核) of the national advantage enterprises: the revoked ones had failed."""
    rng = rng_for(ctx.seed, "evaluations")
    for d in Designation.objects.filter(kind=K.ADVANTAGE_ENTERPRISE, designated_on__year__lt=2019).order_by("pk"):
        if d.evaluations.exists():
            continue
        failed = d.revoked_on is not None
        year = d.revoked_on.year - (1 if d.revoked_on.month < 3 else 0) if failed else 2019
        year = max(year, d.designated_on.year)
        score = rng.randrange(40, 59) if failed else rng.randrange(70, 99)
        day = max(D(year, 12, 1), d.designated_on)
        if failed:
            day = min(day, d.revoked_on)
        record_evaluation(d, year, day, score, "不合格" if failed else ("优秀" if score >= 90 else "合格"))
        counter.created += 1


def _awards(ctx: DemoContext, counter: _Counter) -> str:
    """Awarded patents are chosen among the register's Henan invention patents in force on the award date."""
    rng = rng_for(ctx.seed, "awards")
    lines = []
    for kind, (edition, day, grades) in ((AwardKind.CHINA_PATENT_AWARD, CHINA_PATENT_AWARD),
                                         (AwardKind.PROVINCIAL_PATENT_AWARD, PROVINCIAL_AWARD)):
        needed = sum(grades.values())
        have = Award.objects.filter(kind=kind, edition=edition).count()
        if have >= needed:
            lines.append(gettext("%(award)s #%(edition)s: %(n)s awards")
                         % {"award": AwardKind(kind).label, "edition": edition, "n": have})
            continue
        taken = set(Award.objects.values_list("patent_number", flat=True))
        pool = valid_rights("patent", "410000", day, limit=needed * 40, exclude=taken)
        if len(pool) < needed:
            lines.append(gettext("%(award)s #%(edition)s: NOT created — the register holds %(have)s valid Henan "
                                 "patents on %(day)s, %(needed)s needed (run the register's demo step first)")
                         % {"award": AwardKind(kind).label, "edition": edition, "have": len(pool), "day": day,
                            "needed": needed})
            continue
        chosen = rng.sample(pool, needed)
        plan = [g for g, n in grades.items() for _ in range(n)]
        for grade, ref in zip(plan, chosen, strict=True):
            org = right_holder(ref)
            award_services.record_award(kind, edition, day, grade, ref.number, org)
            counter.created += 1
        lines.append(gettext("%(award)s #%(edition)s: %(n)s awards")
                     % {"award": AwardKind(kind).label, "edition": edition, "n": needed})
    return gettext("; ").join(lines)


def _training(ctx: DemoContext, counter: _Counter) -> None:
    rng = rng_for(ctx.seed, "training")
    stops = rng.sample(henan_counties(), POVERTY_TOUR_STOPS)
    sizes = [300 + rng.randrange(120) for _ in stops]  # at most 14 × 419 = 5,866 …
    sizes[-1] += 6000 - sum(sizes) + rng.randrange(1, 100)  # … so the last stop brings it to 6000余
    for region, size in zip(stops, sizes, strict=True):
        start = _date_in(rng, 2019)
        title = f"知识产权助力精准扶贫巡讲({region.name})"
        if TrainingEvent.objects.filter(title=title, region=region, start_date=start).exists():
            continue
        record_training(title, region.code, start, start, size, theme=POVERTY_TOUR_THEME,
                        organizer="河南省知识产权局")
        counter.created += 1


# Owners of the five tasks of the seed's "下一步工作" (the departments named among the meeting's participants).
WORKPLAN_OWNERS = ("知识产权保护处", "知识产权保护处", "知识产权促进处", "知识产权促进处", "知识产权事务中心")
WORKPLAN_HEADER = ("行政区划代码", "计划年度", "序号", "工作任务", "责任处室", "完成时限", "状态")


def workplan_tasks(text: str) -> list[str]:
    """The tasks of "下一步要重点抓好五个方面工作,一是…；二是…；…五是…。" in the seed's text."""
    import re

    found = re.search(r"下一步要重点抓好.个方面工作[,，:：](.+?)。", text)
    if found is None:
        return []
    items = re.split(r"[;；]", found.group(1))  # the page mixes half-width punctuation in: written as 公文 does
    return [re.sub(r"^[一二三四五六七八九十]+是", "", item).strip().replace(",", "，") for item in items]


def _work_plan(ctx: DemoContext) -> tuple[bool, str]:
    """The province's 2020 plan, from the seed's text, through the one ingest path (`--kind workplan`)."""
    import csv

    from django.conf import settings

    from ipgov.core.ingest.registry import import_path
    from ipgov.portal.seed import SEED

    tasks = workplan_tasks(SEED.read_text(encoding="utf-8"))
    path = Path(ctx.home or settings.IPGOV_HOME) / "demo" / "workplan_2020.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(WORKPLAN_HEADER)
        for number, (task, owner) in enumerate(zip(tasks, WORKPLAN_OWNERS, strict=False), 1):
            writer.writerow(("410000", 2020, number, task, owner, "2020-12-31", "推进中"))
    report = import_path(path, kind="workplan", strict=True)
    return report.status != "unchanged", report.summary()


@titled(gettext_lazy("Programs: designations, awards, training, the 2020 work plan (calibrated to the "
         "2020-08-14 report)"))
def load_programs(ctx: DemoContext) -> StepResult:
    from ipgov.programs import stats

    counter, taken = _Counter(), set()  # names generated in this run: the same on every run
    for plan in PLANS:
        _run_plan(plan, ctx, counter, taken)
        ctx.say(gettext("designations %(kind)s (%(level)s): %(created)s created so far")
                % {"kind": DesignationKind(plan.kind).label, "level": Level(plan.level).label,
                   "created": counter.created})
    _special_units(counter)
    _evaluations(ctx, counter)
    _training(ctx, counter)
    award_line = _awards(ctx, counter)
    ctx.say(award_line)
    plan_changed, plan_line = _work_plan(ctx)
    in_force = stats.designations_in_force
    lines = [
        gettext("%(organizations)s organizations, %(designations)s designations")
        % {"organizations": Organization.objects.count(), "designations": Designation.objects.count()},
        gettext("in force on 2020-06-30: %(list)s") % {"list": ", ".join(
            f"{p.kind}/{p.level} {in_force('410000', AS_OF, p.kind, p.level)}" for p in PLANS)},
        gettext("protection centers accepted: %(n)s") % {"n": in_force("410000", AS_OF, K.PROTECTION_CENTER, accepted=True)},
        gettext("trainees 2019 (%(theme)s): %(n)s")
        % {"theme": POVERTY_TOUR_THEME, "n": stats.trainees("410000", D(2019, 1, 1), D(2019, 12, 31))},
        award_line, gettext("work plan 2020: %(plan)s") % {"plan": plan_line},
    ]
    return StepResult(gettext("Programs: designations, awards, training, the 2020 work plan (calibrated to the "
                              "2020-08-14 report)"), counter.created > 0 or plan_changed, lines)
