"""Evaluations: apply a scheme (analysis/schemes.py) to its population for a period, keep the result with
its full working as a versioned, audited `Evaluation`; manual inputs; inspection checklists.

Working of one unit, per indicator: raw value (and the rule that produced it from records), normalised
score (analysis/scoring.py), weight, contribution = normalised × weight ÷ Σ weights; total = Σ
contributions (0–100), sub-scores per group (创造/保护/运用). A unit with no value for an indicator gets
0 for it (noted); a unit with no value for any indicator is not ranked (listed with the reason).

Scope: an evaluation is a record of the scheme's region (the province): computing it needs `change` there,
reading it `view` there (`Evaluation.objects.restrict`)."""

from __future__ import annotations

import hashlib
import json
import tomllib
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ipgov.analysis import population as pop
from ipgov.analysis import schemes, scoring
from ipgov.analysis.choices import ChecklistStatus, Population
from ipgov.analysis.models import Checklist, ChecklistItem, Evaluation, ManualInput
from ipgov.core import audit
from ipgov.core.actor import require_actor
from ipgov.core.ingest import bulk
from ipgov.core.models import ObjectChange
from ipgov.core.periods import PeriodError, parse
from ipgov.core.scope import CHANGE, VIEW, check_object, check_region
from ipgov.regions.models import Region
from ipgov.regions.names import RegionNameError, find_region
from ipgov.regions.services import get_region

CHECKLISTS_DIR = Path(__file__).parent / "checklists"


class EvaluationError(ValueError):
    pass


def _period(code: str):
    try:
        return parse(code)
    except PeriodError as exc:
        raise EvaluationError(str(exc)) from None


def _manual_values(ind, units, period) -> dict[str, pop.Value]:
    rows = {m.unit_key: m for m in ManualInput.objects.filter(input_key=ind.key, period=period.code)}
    out = {}
    for u in units:
        m = rows.get(u.key)
        if m is None:
            out[u.key] = pop.Value(None, _("not entered"))
        else:
            out[u.key] = pop.Value(m.value, f"人工填报 {m.value:g}（{m.entered_by}；佐证：{m.evidence_note or m.evidence.name or '—'}）",
                                   {"manual_input": m.pk, "evidence": m.evidence.name})
    return out


def _values(scheme, ind, units, period, register) -> dict[str, pop.Value]:
    if ind.source == "manual":
        return _manual_values(ind, units, period)
    if ind.source == "register":
        return pop.register_values(ind.key, ind.transform, register, period, ind.min_base, units)
    return {u.key: pop.cube_value(ind.key, ind.transform, u.key, period) for u in units}


def _tie_key(row: dict, breakers) -> tuple:
    raws = {c["indicator"]: c["raw"] for c in row["cells"]}
    return (-row["total"], *(-(raws.get(b) if raws.get(b) is not None else float("-inf")) for b in breakers),
            row["key"])


def _compute(scheme: schemes.Scheme, period_code: str) -> dict:
    """The result with its working, computed from records (nothing written)."""
    period = _period(period_code)
    register = pop.register_for(scheme, period)
    units = pop.units_of(scheme, period, register)
    values = {ind.id: _values(scheme, ind, units, period, register) for ind in scheme.indicators}
    normalised = {ind.id: scoring.normalise(ind.method, {k: v.value for k, v in values[ind.id].items()},
                                            direction=ind.direction, thresholds=ind.thresholds)
                  for ind in scheme.indicators}
    total_weight = scheme.total_weight
    rows, excluded = [], []
    for u in units:
        if all(values[i.id][u.key].value is None for i in scheme.indicators):
            excluded.append({"key": u.key, "name": u.name,
                             "reason": "；".join(values[i.id][u.key].rule for i in scheme.indicators)})
            continue
        cells, groups = [], {g: 0.0 for g in scheme.groups}
        for ind in scheme.indicators:
            v, n = values[ind.id][u.key], normalised[ind.id][u.key]
            contribution = 0.0 if n is None else round(n * ind.weight / total_weight, 4)
            cells.append({"indicator": ind.id, "raw": v.value, "normalised": None if n is None else round(n, 4),
                          "weight": ind.weight, "contribution": contribution, "rule": v.rule,
                          "sources": v.sources})
            if ind.group:
                groups[ind.group] = round(groups[ind.group] + contribution, 4)
        rows.append({"key": u.key, "name": u.name, "region": u.region, "cells": cells, "groups": groups,
                     "total": round(sum(c["contribution"] for c in cells), 2)})
    rows.sort(key=lambda r: _tie_key(r, scheme.tie_breakers))
    for i, row in enumerate(rows, 1):
        shared = scheme.ties == "share" and i > 1 and row["total"] == rows[i - 2]["total"]
        row["rank"] = rows[i - 2]["rank"] if shared else i
    stats = {}
    for ind in scheme.indicators:
        present = [v.value for v in values[ind.id].values() if v.value is not None]
        stats[ind.id] = {"n": len(present), "min": min(present, default=None), "max": max(present, default=None)}
    return {
        "scheme": scheme.id, "period": period.code, "period_zh": period.zh, "population": scheme.population,
        "illustrative": scheme.illustrative, "source": scheme.source, "top": scheme.top, "ties": scheme.ties,
        **({"designation_kind": scheme.designation_kind, "designation_level": scheme.designation_level,
            "register_of": scheme.register_of} if scheme.population == Population.DESIGNATIONS else {}),
        "tie_breakers": list(scheme.tie_breakers), "groups": scheme.groups, "total_weight": total_weight,
        "indicators": [{"id": i.id, "name": i.name_zh, "source": i.source, "key": i.key, "weight": i.weight,
                        "method": i.method, "group": i.group, "transform": i.transform, "unit": i.unit,
                        "direction": i.direction, "thresholds": [list(t) for t in i.thresholds],
                        "min_base": i.min_base, "note": i.note} for i in scheme.indicators],
        "stats": stats, "rows": rows, "excluded": excluded,
    }


def _digest(data) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def evaluate(scheme_name: str, period_code: str) -> tuple[Evaluation, bool]:
    """Compute and store the evaluation of `scheme_name` (a shipped id or a file) for the period. Returns
    (evaluation, created): the same result as the latest version makes no new version."""
    try:
        scheme = schemes.load(scheme_name)
    except OSError as exc:
        raise EvaluationError(str(exc)) from None
    try:
        region = get_region(scheme.region)
    except LookupError:
        raise EvaluationError(_("Scheme %(s)s names the region %(r)s, which does not exist: run `ipgov init`.")
                              % {"s": scheme.id, "r": scheme.region}) from None
    check_region(region.code, CHANGE)
    actor = require_actor()
    result = _compute(scheme, period_code)
    digest = _digest([scheme.digest, result])
    with transaction.atomic():
        latest = Evaluation.objects.filter(scheme=scheme.id, period=result["period"]).order_by("-version").first()
        if latest and latest.result_digest == digest:
            return latest, False
        ev = Evaluation.objects.create(
            scheme=scheme.id, scheme_version=scheme.version, scheme_digest=scheme.digest, scheme_text=scheme.text,
            name=scheme.name_zh, period=result["period"], region=region, version=(latest.version + 1) if latest else 1,
            result=result, result_digest=digest, created_by=actor.label)
        audit.record(ev, ObjectChange.Action.CREATE, after={"scheme": scheme.id, "period": ev.period,
                                                            "version": ev.version, "result_digest": digest},
                     message=audit.text(gettext_noop("evaluation %(s)s %(p)s version %(v)s computed"),
                                        s=scheme.id, p=ev.period, v=ev.version))
    return ev, True


def evaluations(scheme: str | None = None):
    qs = Evaluation.objects.restrict(require_actor(), VIEW)
    return qs.filter(scheme=scheme) if scheme else qs


def latest_evaluation(scheme: str, period: str) -> Evaluation | None:
    return evaluations(scheme).filter(period=period).order_by("-version").first()


def get_evaluation(pk: int) -> Evaluation:
    ev = Evaluation.objects.get(pk=pk)
    check_object(ev, VIEW)
    return ev


def unit_working(ev: Evaluation, unit_key: str) -> dict:
    """One unit's row with each indicator's definition beside its cell, and for register measures the
    application numbers counted (the records themselves)."""
    check_object(ev, VIEW)
    row = next((r for r in ev.rows if r["key"] == unit_key), None)
    if row is None:
        raise EvaluationError(_("%(unit)s is not ranked in this evaluation.") % {"unit": unit_key})
    indicators = {i["id"]: i for i in ev.result["indicators"]}
    period = parse(ev.period)
    register = None
    cells = []
    for cell in row["cells"]:
        ind = indicators[cell["indicator"]]
        records = []
        if ind["source"] == "register":
            register = register or pop.register_for(schemes.parse(ev.scheme_text, ev.scheme), period)
            records = pop.register_records(ind["key"], register, unit_key, period)
        cells.append(dict(cell, definition=ind, stats=ev.result["stats"][cell["indicator"]], records=records))
    return dict(row, cells=cells)


def record_manual_input(input_key: str, unit_key: str, period: str, value, *, region: str,
                        evidence_name: str = "", evidence: bytes | None = None,
                        evidence_note: str = "") -> tuple[ManualInput, bool]:
    """Enter (or correct) a manual value with its evidence; audited. Returns (input, changed)."""
    check_region(region, CHANGE)
    actor = require_actor()
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise EvaluationError(_("%(value)s is not a number: enter the value of %(input)s for %(unit)s as a number.")
                              % {"value": value, "input": input_key, "unit": unit_key}) from None
    if not evidence and not evidence_note:
        raise EvaluationError(_("A manual input needs its evidence: attach a file or describe the document."))
    period_code = _period(period).code
    with transaction.atomic():
        row = ManualInput.objects.filter(input_key=input_key, unit_key=unit_key, period=period_code).first()
        if row and row.value == number and row.evidence_note == evidence_note and not evidence:
            return row, False
        before = audit.snapshot(row) if row else None
        row = row or ManualInput(input_key=input_key, unit_key=unit_key, period=period_code)
        row.value, row.region_id, row.evidence_note, row.entered_by = number, region, evidence_note, actor.label
        if evidence:
            row.evidence.save(Path(evidence_name or "evidence.bin").name, ContentFile(evidence), save=False)
        row.save()
        audit.record(row, ObjectChange.Action.UPDATE if before else ObjectChange.Action.CREATE, before=before)
    return row, True


# --- inspection checklists (迎检考核) ------------------------------------------------------------------
def checklist_template(name: str) -> dict:
    path = CHECKLISTS_DIR / f"{name}.toml"
    if not path.is_file():
        known = "、".join(sorted(p.stem for p in CHECKLISTS_DIR.glob("*.toml")))
        raise EvaluationError(_("There is no checklist template %(name)s (known: %(known)s).")
                              % {"name": name, "known": known})
    return tomllib.loads(path.read_text(encoding="utf-8"))


def create_checklist(template: str, region: str, year: int) -> tuple[Checklist, bool]:
    """The checklist of `template` for a region and year, with its items; an existing one is returned."""
    check_region(region, CHANGE)
    data = checklist_template(template)
    existing = Checklist.objects.filter(template=template, region_id=region, year=year).first()
    if existing:
        return existing, False
    name = get_region(region).name
    with transaction.atomic():
        cl = Checklist.objects.create(title=data["title"].format(region=name, year=year), template=template,
                                      region_id=region, year=year)
        for item in data["items"]:
            ChecklistItem.objects.create(checklist=cl, number=item["number"], section=item.get("section", ""),
                                         text=item["text"], max_score=Decimal(str(item["max"])))
        audit.record(cl, ObjectChange.Action.CREATE)
    return cl, True


def attach_item_evidence(item: ChecklistItem, filename: str, content: bytes, note: str = "") -> ChecklistItem:
    check_object(item, CHANGE)
    before = audit.snapshot(item)
    if content:
        item.evidence.save(Path(filename).name, ContentFile(content), save=False)
    item.evidence_note = note or item.evidence_note
    item.save(update_fields=["evidence", "evidence_note"])
    audit.record(item, ObjectChange.Action.UPDATE, before=before)
    return item


def score_item(item: ChecklistItem, score, comment: str = "") -> ChecklistItem:
    """An inspector's score for one item (0 … its maximum); the checklist is scored once every item is."""
    check_object(item, CHANGE)
    try:
        value = Decimal(str(score))
    except InvalidOperation:
        raise EvaluationError(_("%(score)s is not a number: enter a score between 0 and %(max)s.")
                              % {"score": score, "max": item.max_score}) from None
    if not 0 <= value <= item.max_score:
        raise EvaluationError(_("Item %(n)s: the score %(score)s is outside 0–%(max)s.")
                              % {"n": item.number, "score": score, "max": item.max_score})
    actor = require_actor()
    with transaction.atomic():
        before = audit.snapshot(item)
        item.score, item.comment, item.scored_by = value, comment, actor.label
        item.save(update_fields=["score", "comment", "scored_by"])
        audit.record(item, ObjectChange.Action.UPDATE, before=before)
        cl = item.checklist
        status = ChecklistStatus.SCORED if not cl.items.filter(score__isnull=True).exists() else ChecklistStatus.OPEN
        if cl.status != status:
            cl.status = status
            cl.save(update_fields=["status", "updated"])
    return item


def checklists():
    return Checklist.objects.restrict(require_actor(), VIEW).select_related("region")


def get_checklist(pk: int) -> Checklist:
    cl = Checklist.objects.select_related("region").get(pk=pk)
    check_object(cl, VIEW)
    return cl


# --- concordances and landscapes (专利导航) -------------------------------------------------------------
def save_concordance_entry(scheme: str, ipc: str, target: str, target_name: str, source: str = "") -> str:
    """One concordance row (reference data: the system or a superuser only). Returns the ingest outcome."""
    from ipgov.analysis.models import ConcordanceEntry
    from ipgov.core.scope import OutOfScope, check_staff

    scope = check_staff()
    if not scope.everything:
        raise OutOfScope(_("%(who)s may not change the IPC concordances: they are national reference data, "
                           "loaded by the system administrator.") % {"who": scope.label})
    row, created = ConcordanceEntry.objects.get_or_create(scheme=scheme, ipc=ipc.strip(), target=target.strip(),
                                                          defaults={"target_name": target_name, "source": source})
    if not created and (row.target_name, row.source) == (target_name, source):
        return "unchanged"
    if not created:
        row.target_name, row.source = target_name, source
        row.save(update_fields=["target_name", "source"])
    return "created" if created else "updated"


def landscape(region: str, scheme: str, target: str, period: str) -> dict:
    """The patent landscape of an industry (a concordance target) in a region (docs/analysis.md)."""
    from ipgov.analysis import concordance
    from ipgov.analysis import landscape as land

    try:
        code = find_region(region).code
    except RegionNameError as exc:  # the one sentence of regions.names for an unknown code or name
        raise EvaluationError(str(exc)) from None
    check_region(code, VIEW)
    _keys, names = concordance.table(scheme)
    if target not in names:
        raise EvaluationError(_("The concordance %(scheme)s has no industry %(target)s: load the concordance "
                                "(`ipgov concordance load FILE`) or pick one of its codes.")
                              % {"scheme": scheme, "target": target})
    from ipgov.analysis import national

    result = land.build(code, scheme, target, _period(period))
    result["nation"] = national.figure(scheme, target, result["years"])
    return result


# --- the cube's industry breakdowns: each patent's concordance targets ---------------------------------
def refresh_patent_industries(batch_id: int | None = None, schemes: list[str] | None = None) -> int:
    """Rewrite `PatentIndustry` (the patents' concordance targets, the cube's source `patent_industries`) for
    the patents last written by `batch_id` (None: every patent) through every loaded concordance (or
    `schemes`). Idempotent; returns the number of rows written. Derived data: no audit."""
    from ipgov.analysis import concordance
    from ipgov.analysis.models import ConcordanceEntry, PatentIndustry
    from ipgov.rights.models import Patent

    loaded = sorted(set(ConcordanceEntry.objects.values_list("scheme", flat=True).distinct()))
    wanted = [s for s in (schemes if schemes is not None else loaded)]
    patents = Patent.objects.order_by()
    stale = PatentIndustry.objects.filter(scheme__in=wanted)
    if batch_id is not None:
        patents, stale = patents.filter(batch_id=batch_id), stale.filter(patent__batch_id=batch_id)
    written = 0
    columns = ["patent_id", "scheme", "target", "updated"]
    with transaction.atomic():
        stale.delete()
        now = bulk.prep(PatentIndustry, "updated", timezone.now())
        for scheme in wanted:
            if scheme not in loaded:
                continue
            keys = concordance.table(scheme)[0]
            targets: dict[str, list[str]] = {}  # per main IPC: a register has ~10⁴ distinct ones for 10⁶ patents
            rows = []
            for pk, ipc in patents.exclude(ipc_main="").values_list("pk", "ipc_main").iterator(chunk_size=20000):
                found = targets.get(ipc)
                if found is None:
                    found = targets[ipc] = concordance.match(scheme, [ipc], keys=keys)
                rows += [(pk, scheme, t, now) for t in found]
                if len(rows) >= 20000:  # written between two reads of the cursor (COPY cannot run inside one)
                    written, rows = written + bulk.insert(PatentIndustry, columns, rows, ready=("updated",)), []
            written += bulk.insert(PatentIndustry, columns, rows, ready=("updated",))
    return written


# --- navigation zones (专利导航产业发展实验区) and their industries -------------------------------------------
def parse_industry(text: str) -> tuple[str, str]:
    """"wipo35:20" → ("wipo35", "20"); the concordance must hold the target."""
    from ipgov.analysis import concordance

    scheme, _sep, target = text.strip().partition(":")
    scheme, target = scheme.strip(), target.strip()
    if not scheme or not target:
        raise EvaluationError(_("An industry is written as concordance:code, e.g. wipo35:20, not %(text)r.")
                              % {"text": text})
    if target not in concordance.table(scheme)[1]:
        raise EvaluationError(_("The concordance %(scheme)s has no industry %(target)s: load the concordance "
                                "(`ipgov concordance load FILE`) or pick one of its codes.")
                              % {"scheme": scheme, "target": target})
    return scheme, target


def zones():
    """The navigation zones (designations of kind patent_navigation_zone) in the acting user's scope."""
    from ipgov.programs.choices import DesignationKind
    from ipgov.programs.models import Designation

    return (Designation.objects.restrict().filter(kind=DesignationKind.PATENT_NAVIGATION_ZONE)
            .select_related("organization", "region").prefetch_related("industries")
            .order_by("year", "organization__name"))


def get_zone(pk: int):
    """A navigation zone the acting user may view (Designation.DoesNotExist / OutOfScope otherwise)."""
    from ipgov.programs.choices import DesignationKind
    from ipgov.programs.models import Designation

    zone = Designation.objects.select_related("organization", "region").get(
        pk=pk, kind=DesignationKind.PATENT_NAVIGATION_ZONE)
    check_object(zone, VIEW)
    return zone


def zone_industries(zone) -> list[dict]:
    """The zone's industries: scheme, target, its name in the concordance and the `scheme:target` id."""
    from ipgov.analysis import concordance

    out = []
    for scheme, target in zone.industries.order_by("scheme", "target").values_list("scheme", "target"):
        out.append({"scheme": scheme, "target": target, "id": f"{scheme}:{target}",
                    "name": concordance.table(scheme)[1].get(target, target)})
    return out


@transaction.atomic
def set_zone_industries(zone, industries) -> list[str]:
    """Set a navigation zone's industries (`scheme:target` strings or (scheme, target) pairs; the set
    replaces the old one). Needs `change` on the zone's region; audited on the designation like its other
    changes (before/after: the industry lists). Returns the new list of ids."""
    from ipgov.analysis.models import ZoneIndustry
    from ipgov.programs.choices import DesignationKind

    if zone.kind != DesignationKind.PATENT_NAVIGATION_ZONE:
        raise EvaluationError(_("%(zone)s is not a patent navigation zone.") % {"zone": zone})
    check_object(zone, CHANGE)
    wanted = []
    for item in industries:
        pair = parse_industry(item) if isinstance(item, str) else parse_industry(":".join(item))
        if pair not in wanted:
            wanted.append(pair)
    before = sorted(f"{s}:{t}" for s, t in zone.industries.values_list("scheme", "target"))
    after = sorted(f"{s}:{t}" for s, t in wanted)
    if before == after:
        return after
    zone.industries.all().delete()
    ZoneIndustry.objects.bulk_create(ZoneIndustry(designation=zone, scheme=s, target=t) for s, t in wanted)
    audit.record(zone, ObjectChange.Action.UPDATE, before={"industries": before}, after={"industries": after},
                 message=audit.text(gettext_noop("industries: %(after)s"), after="、".join(after) or "—"))
    return after


def zone_region(zone):
    """The region a zone's landscape counts: the zone's own region, or — for a development zone (开发区,
    region level `zone`), where the register rarely places an applicant — the city it lies in."""
    region = zone.region
    if region.level == "zone" and region.city_id:
        return region.city
    return region


def zone_landscape(zone, period: str, other=None) -> dict:
    """A zone's navigation view: for each of its industries the landscape of the zone's region
    (`zone_region`) beside the province's applications in the industry (the landscape's own province
    counts: a city's staff see the province's totals, not its records) and the nation's figure where one is
    loaded (`landscape(...)["nation"]`). `other`: a second zone (from `get_zone`, so in the user's scope)
    whose region's landscape for the same industries stands beside the first's (`row["other"]`, and
    `row["compare"]`: year, zone, other zone, province, nation)."""
    region = zone_region(zone)
    province = Region.objects.get(code=region.province_id or region.code)
    other_region = zone_region(other) if other is not None else None
    rows = []
    for ind in zone_industries(zone):
        local = landscape(region.code, ind["scheme"], ind["target"], period)
        whole = {"region": {"code": province.code, "name": province.name},
                 "applications_total": local["province_applications"]}
        nation = local["nation"]
        table = [(y, local["applications_total"][y], whole["applications_total"][y], nation["all_fields"].get(y))
                 for y in local["years"]]
        row = {"industry": ind, "zone": local, "province": whole, "nation": nation, "table": table}
        if other_region is not None:
            theirs = landscape(other_region.code, ind["scheme"], ind["target"], period)
            row["other"] = theirs
            row["compare"] = [(y, here, theirs["applications_total"][y], prov, nat) for y, here, prov, nat in table]
        rows.append(row)
    return {"zone": zone, "region": region, "province": province.code, "period": period, "industries": rows,
            "other": other, "other_region": other_region}
