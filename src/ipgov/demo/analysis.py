"""Demo step: the evaluations of issue 20 — the university 十强 and 十快 lists of 10, the 18 city-level
units' business-environment IP scores, the national pilot/demonstration counties' annual review (a
designations scheme counted over each county's patents; the enterprise schemes are left to
`ipgov evaluate`: thousands of units), and one protection-inspection checklist.

Calibration (docs/analysis.md): the synthetic register gives 河南大学 the largest share of university
filings and 郑州航空工业管理学院 filings that grow year on year (demo/synth/reference.py), so the computed
十强 has 河南大学 first and the 十快 includes 郑州航空工业管理学院, as the seed says. Patent transfers and
licences of universities (legal events the register export does not carry) are recorded here: one in 25 of
each university's granted patents, picked by a hash of the application number, dated in 2019. The
维权援助覆盖率 inputs are illustrative values entered as staff would, each with its evidence note."""

from __future__ import annotations

import datetime
import hashlib
import time

from django.utils.translation import gettext, gettext_lazy

from ipgov.analysis import services
from ipgov.analysis.models import Evaluation
from ipgov.demo.steps import DemoContext, StepResult, titled
from ipgov.rights.choices import ApplicantType, LegalEventKind
from ipgov.rights.models import LegalEvent, Patent
from ipgov.rights.services import record_event

PERIOD = "2019"
SCHEMES = ("university-strength", "university-growth", "business-environment", "pilot-county-review")
INSPECTED = "410700"  # 新乡: home of the 中国(新乡)知识产权保护中心


def _h(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)


def _transfers() -> int:
    from ipgov.regions.services import subregions

    granted = (Patent.objects.filter(applicants__applicant_type=ApplicantType.UNIVERSITY,
                                     applicants__region_id__in=subregions("410000").values("code"),
                                     grant_date__lte=datetime.date(2019, 12, 31))
               .values_list("pk", "application_number").distinct())
    chosen = [(pk, number) for pk, number in granted if _h(number) % 25 == 0]
    have = set(LegalEvent.objects.filter(patent_id__in=[pk for pk, _ in chosen],
                                         kind__in=(LegalEventKind.TRANSFER, LegalEventKind.LICENCE))
               .values_list("patent_id", flat=True))
    made = 0
    for pk, number in chosen:
        if pk in have:
            continue
        h = _h("event" + number)
        kind = LegalEventKind.TRANSFER if h % 3 else LegalEventKind.LICENCE
        day = datetime.date(2019, 1, 1) + datetime.timedelta(days=h % 365)
        record_event(Patent.objects.get(pk=pk), kind, day, "示例：高校专利转让/许可（演示数据）")
        made += 1
    return made


def _coverage() -> int:
    from ipgov.regions.services import city_level_units

    changed = 0
    for city in city_level_units("410000"):
        value = 55 + _h(city.code) % 45  # 55–99 %
        _, did = services.record_manual_input("assistance_coverage", city.code, PERIOD, value, region=city.code,
                                              evidence_note="产业集聚区维权援助工作站备案表（演示数据）")
        changed += did
    return changed


def _checklist() -> tuple[object, bool]:
    checklist, created = services.create_checklist("protection-inspection", INSPECTED, 2020)
    changed = created
    for item in checklist.items.all():
        if item.score is None:
            deduct = _h(item.number) % 4 * item.max_score / 10  # 0–30 % off, as an inspector might
            services.attach_item_evidence(item, "", b"", f"{item.section}佐证材料（演示数据）")
            services.score_item(item, item.max_score - deduct, "材料齐全" if not deduct else "部分材料待补充")
            changed = True
    return checklist, changed


def _zone_industries() -> int:
    """Every navigation zone gets the industries of its city (demo/programs.py ZONE_INDUSTRIES), through the
    audited service staff use; unchanged sets are left alone. Returns the zones changed."""
    from ipgov.demo.programs import ZONE_INDUSTRIES
    from ipgov.programs.choices import DesignationKind
    from ipgov.programs.models import Designation

    changed = 0
    for zone in Designation.objects.filter(kind=DesignationKind.PATENT_NAVIGATION_ZONE).select_related("region"):
        city = zone.region.city_id or zone.region_id
        wanted = sorted(f"wipo35:{f}" for f in ZONE_INDUSTRIES.get(city, ("20",)))
        have = sorted(f"{s}:{t}" for s, t in zone.industries.values_list("scheme", "target"))
        if have != wanted:
            services.set_zone_industries(zone, wanted)
            changed += 1
    return changed


def _navigation(ctx: DemoContext) -> tuple[list[str], bool]:
    """The navigation report (DOCX) of the first navigation zone for its first industry (its region: the
    city a development zone lies in, `services.zone_region`), written again only when its figures change."""
    import json

    from ipgov.programs.choices import DesignationKind
    from ipgov.programs.models import Designation
    from ipgov.reports.navigation import build_navigation
    from ipgov.reports.writers import write

    zone = (Designation.objects.filter(kind=DesignationKind.PATENT_NAVIGATION_ZONE).select_related("region")
            .order_by("year", "organization__name").first())
    if zone is None:
        return ["no patent navigation zone: no navigation report"], False
    industries = services.zone_industries(zone)
    if not industries:
        return [f"{zone.organization}: no industry set, no navigation report"], False
    region = services.zone_region(zone).code
    scheme, target = industries[0]["scheme"], industries[0]["target"]
    started = time.perf_counter()
    report = build_navigation(region, scheme, target, PERIOD)
    path = ctx.home / "reports" / f"navigation_{region}_{scheme}-{target}_{PERIOD}.docx"
    manifest = ctx.home / "reports" / "navigation-manifest.json"
    fp = hashlib.sha256(json.dumps(report.fetcher, sort_keys=True, default=str).encode()).hexdigest()
    changed = not path.exists() or not manifest.exists() or manifest.read_text() != fp
    if changed:
        write(report, "docx", path)
        manifest.write_text(fp)
    return [f"{report.title} ({zone.organization}, {industries[0]['id']}): {path} — {report.data_note}, "
            f"{time.perf_counter() - started:.1f} s"], changed


@titled(gettext_lazy("Analysis: university 十强/十快, business-environment IP scores, inspection checklist, "
         "navigation report"))
def run_evaluations(ctx: DemoContext) -> StepResult:
    transfers, coverage = _transfers(), _coverage()
    lines = [gettext("university transfers/licences recorded: %(transfers)s; coverage inputs changed: %(coverage)s")
             % {"transfers": transfers, "coverage": coverage}]
    changed = bool(transfers or coverage)
    for scheme in SCHEMES:
        started = time.perf_counter()
        ev, created = services.evaluate(scheme, PERIOD)
        changed |= created
        listed = ev.rows[: ev.result.get("top") or len(ev.rows)]
        lines.append(f"{ev.name} {ev.period} v{ev.version}: " + "、".join(f"{r['rank']}.{r['name']}" for r in listed)
                     + f" ({time.perf_counter() - started:.1f} s)")
        ctx.say(lines[-1])
    checklist, did = _checklist()
    changed |= did
    lines.append(f"{checklist.title}: {checklist.total}/{checklist.max_total}")
    lines.append(gettext("evaluations stored: %(n)s") % {"n": Evaluation.objects.count()})
    zones = _zone_industries()
    changed |= bool(zones)
    lines.append(gettext("navigation zones given their industries: %(n)s") % {"n": zones})
    ctx.say(lines[-1])
    nav_lines, did = _navigation(ctx)
    lines += nav_lines
    changed |= did
    return StepResult(gettext("Analysis: university 十强/十快, business-environment IP scores, inspection checklist, "
                              "navigation report"),
                      changed, lines)
