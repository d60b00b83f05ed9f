"""The population a scheme scores and the raw value of each of its indicators, with where each value
comes from (the working starts here).

- cities: the province's city-level units (`regions.services.city_level_units`); values from the indicator
  cube (`indicators.services.query`, so the cube's scope rule applies) and the resident population;
- universities: the applicants of type 大专院校 (`rights.Applicant.applicant_type`) whose region lies in
  the province, grouped by `unit_key(name)`; values counted in the register (`register_measure`).

`unit_key` is the one place an applicant's raw name becomes the unit scored: today the name as recorded;
when applicant harmonisation (issue 20 part 1) lands, its harmonised organisation name plugs in there."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from ipgov.analysis.choices import Population
from ipgov.core.periods import Period
from ipgov.rights.choices import ApplicantType, LegalEventKind, PatentType


@dataclass
class Unit:
    key: str  # region code, or the (harmonised) applicant name
    name: str
    region: str


@dataclass
class Value:
    value: float | None
    rule: str  # how it was obtained, in words (zh), with the figures used
    sources: dict = field(default_factory=dict)  # run ids, prior values, population … for the working


def unit_key(name: str) -> str:
    """The unit an applicant name is scored as. Plug the harmonised organisation here (issue 20 part 1)."""
    return name.strip()


# --- cities ----------------------------------------------------------------------------------------------
def cities(region_code: str) -> list[Unit]:
    from ipgov.regions.services import city_level_units

    return [Unit(r.code, r.name, r.code) for r in city_level_units(region_code).order_by("code")]


def _cube(indicator: str, region: str, period: str):
    from ipgov.indicators.services import query

    rows = query(indicator, region, period)
    return rows[0] if rows else None


def cube_value(indicator: str, transform: str, region: str, period: Period) -> Value:
    from ipgov.regions.services import population

    cell = _cube(indicator, region, period.code)
    if cell is None:
        return Value(None, _("no figure in the cube for %(ind)s %(period)s") % {"ind": indicator,
                                                                                 "period": period.code})
    raw = cell.raw_value if cell.raw_value is not None else cell.value
    sources = {"indicator": indicator, "period": period.code, "value": raw, "run": cell.run_id}
    if transform == "growth":
        prior = _cube(indicator, region, period.shifted(-1).code)
        prior_raw = None if prior is None else (prior.raw_value if prior.raw_value is not None else prior.value)
        sources.update(prior_period=period.shifted(-1).code, prior=prior_raw, prior_run=prior and prior.run_id)
        if not prior_raw:
            return Value(None, f"{indicator} {period.code}={raw:g}，上年同期无数据或为零，无法计算增长率", sources)
        return Value(raw / prior_raw - 1, f"{indicator}：{raw:g} ÷ {prior_raw:g} − 1", sources)
    if transform == "per_10k_population":
        pop = population(region, period.end_year)
        if pop is None:
            return Value(None, f"{region}无常住人口数据", sources)
        sources.update(population=pop.value, population_year=pop.year)
        return Value(raw / pop.value * 10_000,
                     f"{indicator}：{raw:g} ÷ 常住人口{pop.value}（{pop.year}年）× 10000", sources)
    return Value(raw, f"{indicator} = {raw:g}（计算批次#{cell.run_id}）", sources)


# --- universities ----------------------------------------------------------------------------------------
MEASURES = {
    "applications": "申请日在统计期内的专利申请（任一申请人）",
    "invention_applications": "申请日在统计期内的发明专利申请",
    "grants": "授权公告日在统计期内的专利",
    "valid_invention_patents": "统计期末有效的发明专利",
    "transfers_licences": "统计期内登记的专利转让、许可（法律事件）",
    "pct_applications": "国际申请日在统计期内的PCT申请",
}


def _university_applicants(region_code: str):
    from ipgov.regions.services import subregions
    from ipgov.rights.models import Applicant

    return Applicant.objects.filter(applicant_type=ApplicantType.UNIVERSITY,
                                    region_id__in=subregions(region_code).values("code"))


def universities(region_code: str) -> list[Unit]:
    names = _university_applicants(region_code).values_list("name", "region_id").distinct()
    units: dict[str, Unit] = {}
    for name, region in names:
        key = unit_key(name)
        units.setdefault(key, Unit(key, key, region or region_code))
    return sorted(units.values(), key=lambda u: u.key)


def measure_filter(measure: str, start: datetime.date, end: datetime.date) -> Q:
    """The condition, on applicants' patents, of one register measure in [start, end]."""
    if measure == "applications":
        return Q(patent__filing_date__range=(start, end))
    if measure == "invention_applications":
        return Q(patent__filing_date__range=(start, end), patent__patent_type=PatentType.INVENTION)
    if measure == "grants":
        return Q(patent__grant_date__range=(start, end))
    if measure == "valid_invention_patents":
        return (Q(patent__patent_type=PatentType.INVENTION, patent__grant_date__lte=end)
                & (Q(patent__terminated_on__isnull=True) | Q(patent__terminated_on__gt=end)))
    if measure == "pct_applications":
        return Q(patent__is_pct=True, patent__pct_filing_date__range=(start, end))
    if measure == "transfers_licences":
        return Q(patent__events__kind__in=(LegalEventKind.TRANSFER, LegalEventKind.LICENCE),
                 patent__events__date__range=(start, end))
    raise ValueError(f"unknown register measure {measure!r} (known: {', '.join(MEASURES)})")


def register_counts(measure: str, region_code: str, period: Period) -> dict[str, int]:
    """Per unit: the number of patents (events, for transfers and licences) meeting the measure."""
    qs = _university_applicants(region_code).filter(measure_filter(measure, period.start, period.end))
    counted = "patent__events" if measure == "transfers_licences" else "patent"
    totals: dict[str, int] = defaultdict(int)
    for name, n in qs.values_list("name").annotate(n=Count(counted, distinct=True)):
        totals[unit_key(name)] += n
    return dict(totals)


def register_records(measure: str, unit: str, region_code: str, period: Period, limit: int = 200) -> list[str]:
    """The application numbers behind one unit's count (for the working page): the records themselves."""
    names = [n for n in _university_applicants(region_code).values_list("name", flat=True).distinct()
             if unit_key(n) == unit]
    qs = (_university_applicants(region_code).filter(name__in=names)
          .filter(measure_filter(measure, period.start, period.end)))
    return list(qs.values_list("patent__application_number", flat=True).distinct()
                .order_by("patent__application_number")[:limit])


def register_values(measure: str, transform: str, region_code: str, period: Period,
                    min_base: float | None, units: list[Unit]) -> dict[str, Value]:
    what = MEASURES[measure]
    now = register_counts(measure, region_code, period)
    if transform != "growth":
        return {u.key: Value(float(now.get(u.key, 0)), f"{what}：{now.get(u.key, 0)}件",
                             {"measure": measure, "period": period.code, "value": now.get(u.key, 0)})
                for u in units}
    prior_period = period.shifted(-1)
    prior = register_counts(measure, region_code, prior_period)
    out = {}
    for u in units:
        a, b = now.get(u.key, 0), prior.get(u.key, 0)
        sources = {"measure": measure, "period": period.code, "value": a, "prior_period": prior_period.code,
                   "prior": b}
        if not b or (min_base is not None and b < min_base):
            out[u.key] = Value(None, f"{what}：上年{b}件，低于基数{min_base:g}件，不参与增长率比较"
                               if min_base else f"{what}：上年为零，无法计算增长率", sources)
        else:
            out[u.key] = Value(a / b - 1, f"{what}：{a} ÷ {b} − 1", sources)
    return out


def units_of(population: str, region_code: str) -> list[Unit]:
    if population == Population.CITIES:
        return cities(region_code)
    if population == Population.UNIVERSITIES:
        return universities(region_code)
    raise ValueError(_("The population %(p)s cannot be scored yet: schemes score cities or universities.")
                     % {"p": population})
