"""The population a scheme scores and the raw value of each of its indicators, with where each value
comes from (the working starts here).

- cities: the province's city-level units (`regions.services.city_level_units`); values from the indicator
  cube (`indicators.services.query`, so the cube's scope rule applies) and the resident population;
- universities: the applicants of type 大专院校 (`rights.Applicant.applicant_type`) whose region lies in
  the province, grouped by `unit_key(name)`; values counted in the register;
- enterprises: the harmonised organizations (`orgs`, one organization one name) of the applicants of type
  企业 placed in the province, bounded to those with a record filed or granted in the period or the one
  before; values counted in the register;
- designations: the designations (`programs.Designation`) of the scheme's `designation_kind` in force at the
  period's end; values counted in the register over their holder organization's records (or, with
  `register_of = "region"`, the patents of their region) and entered by staff (manual inputs).

Register measures are one function, `register_counts(measure, register, period)`, over a `Register`: the
applicant rows a population counts and what each row counts for — one grouped query per measure and
period, whatever the number of units. `unit_key` is where a university's raw name becomes the unit scored
(the name as recorded: the demo's 十强/十快 calibration is on those names)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, F, Min, OuterRef, Q, Subquery
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


# --- register measures (universities, enterprises, designations) -----------------------------------------
MEASURES = {
    "applications": "申请日在统计期内的专利申请（任一申请人）",
    "invention_applications": "申请日在统计期内的发明专利申请",
    "grants": "授权公告日在统计期内的专利",
    "invention_grants": "授权公告日在统计期内的发明专利",
    "valid_invention_patents": "统计期末有效的发明专利",
    "transfers_licences": "统计期内登记的专利转让、许可（法律事件）",
    "pledges": "统计期内登记的专利质押（法律事件）",
    "pct_applications": "国际申请日在统计期内的PCT申请",
}
EVENT_MEASURES = {"transfers_licences": (LegalEventKind.TRANSFER, LegalEventKind.LICENCE),
                  "pledges": (LegalEventKind.PLEDGE,)}


def measure_filter(measure: str, start: datetime.date, end: datetime.date) -> Q:
    """The condition, on applicants' patents, of one register measure in [start, end]."""
    if measure == "applications":
        return Q(patent__filing_date__range=(start, end))
    if measure == "invention_applications":
        return Q(patent__filing_date__range=(start, end), patent__patent_type=PatentType.INVENTION)
    if measure == "grants":
        return Q(patent__grant_date__range=(start, end))
    if measure == "invention_grants":
        return Q(patent__grant_date__range=(start, end), patent__patent_type=PatentType.INVENTION)
    if measure == "valid_invention_patents":
        return (Q(patent__patent_type=PatentType.INVENTION, patent__grant_date__lte=end)
                & (Q(patent__terminated_on__isnull=True) | Q(patent__terminated_on__gt=end)))
    if measure == "pct_applications":
        return Q(patent__is_pct=True, patent__pct_filing_date__range=(start, end))
    if measure in EVENT_MEASURES:
        return Q(patent__events__kind__in=EVENT_MEASURES[measure], patent__events__date__range=(start, end))
    raise ValueError(f"unknown register measure {measure!r} (known: {', '.join(MEASURES)})")


@dataclass
class Register:
    """Whose register records a population's measures count: `applicants` (rights.Applicant rows), `unit`
    the expression naming, per row, what it counts for (the applicant's name, or its harmonised
    organization's id), and `units_for` mapping that to the scored units' keys (a designation holder's
    organization counts for each of its designations)."""

    applicants: object  # QuerySet of rights.Applicant
    unit: object  # an expression annotated as `unit`
    units_for: Callable[[object], list[str]]
    context: object = None  # what units_for reads (enterprises: the organizations)
    note: str = ""  # said after the measure in the working (whose records were counted)
    records: dict = field(default_factory=dict)  # memo: (measure, period) → counts


def _organization_of(exclude_rules=()):
    """The harmonised organization (orgs.Organization id) of an applicant row, by its name as received
    (None: an individual, a name not harmonised yet, or one linked by a rule in `exclude_rules`)."""
    from ipgov.orgs.models import ApplicantName

    names = ApplicantName.objects.filter(raw=OuterRef("name"))
    if exclude_rules:
        names = names.exclude(rule__in=exclude_rules)
    return Subquery(names.values("organization_id")[:1])


def register_counts(measure: str, register: Register, period: Period) -> dict[str, int]:
    """Per unit: the number of patents (events, for transfers, licences and pledges) meeting the measure —
    one grouped query, whatever the number of units."""
    memo = (measure, period.code)
    if memo in register.records:
        return register.records[memo]
    qs = register.applicants.filter(measure_filter(measure, period.start, period.end)).annotate(unit=register.unit)
    counted = "patent__events" if measure in EVENT_MEASURES else "patent"
    totals: dict[str, int] = defaultdict(int)
    for unit, n in qs.order_by().values_list("unit").annotate(n=Count(counted, distinct=True)):
        for key in register.units_for(unit):
            totals[key] += n
    register.records[memo] = dict(totals)
    return register.records[memo]


def register_values(measure: str, transform: str, register: Register, period: Period,
                    min_base: float | None, units: list[Unit]) -> dict[str, Value]:
    what = MEASURES[measure] + register.note
    now = register_counts(measure, register, period)
    if transform != "growth":
        return {u.key: Value(float(now.get(u.key, 0)), f"{what}：{now.get(u.key, 0)}件",
                             {"measure": measure, "period": period.code, "value": now.get(u.key, 0)})
                for u in units}
    prior_period = period.shifted(-1)
    prior = register_counts(measure, register, prior_period)
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


def register_records(measure: str, register: Register, unit: str, period: Period, limit: int = 200) -> list[str]:
    """The application numbers behind one unit's count (for the working page): the records themselves."""
    qs = register.applicants.filter(measure_filter(measure, period.start, period.end)).annotate(unit=register.unit)
    wanted = [u for u in qs.order_by().values_list("unit", flat=True).distinct() if unit in register.units_for(u)]
    return list(qs.filter(unit__in=wanted).values_list("patent__application_number", flat=True).distinct()
                .order_by("patent__application_number")[:limit])


# --- universities ----------------------------------------------------------------------------------------
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


def university_register(region_code: str) -> Register:
    return Register(_university_applicants(region_code), F("name"), lambda name: [unit_key(name)])


# --- enterprises -----------------------------------------------------------------------------------------
NOT_ENTERPRISE_RULES = ("university-unit", "affiliated-hospital", "individual")


def _enterprise_applicants(region_code: str):
    """Applicant rows the record states are enterprises (申请人类型 企业) placed in the region."""
    from ipgov.regions.services import subregions
    from ipgov.rights.models import Applicant

    return Applicant.objects.filter(applicant_type=ApplicantType.ENTERPRISE,
                                    region_id__in=subregions(region_code).values("code"))


class _Organizations(dict):
    """orgs.Organization id → (key, name, region), read once (one query) when first needed."""

    def load(self) -> _Organizations:
        from ipgov.orgs.models import Organization

        if not self:
            self.update((pk, (key, name, region)) for pk, key, name, region
                        in Organization.objects.order_by().values_list("pk", "key", "name", "region_id").iterator())
        return self


def enterprise_register(region_code: str) -> Register:
    """An enterprise is the harmonised organization (orgs) of an enterprise record's name — a name the
    rules folded into a university (its colleges, hospitals) is not one; a unit's key is the
    organization's key (one organization one name)."""
    orgs = _Organizations()
    return Register(_enterprise_applicants(region_code), _organization_of(exclude_rules=NOT_ENTERPRISE_RULES),
                    lambda org: [orgs.load()[org][0]] if org in orgs.load() else [], context=orgs)


def enterprises(region_code: str, period: Period, register: Register, eligible: tuple = ()) -> list[Unit]:
    """The enterprises with a record in the region filed or granted in the period or the period before
    (the base of a growth): a bounded population (the province's register holds tens of thousands of
    organizations, most with no record in a given year). One grouped query; with `eligible` (measure, at
    least), only those whose count of the measure in the period reaches it (one more, reused by the
    indicator counting the same measure)."""
    start, end = period.shifted(-1).start, period.end
    window = Q(patent__filing_date__range=(start, end)) | Q(patent__grant_date__range=(start, end))
    rows = (register.applicants.filter(window).annotate(unit=register.unit).order_by()
            .values_list("unit").annotate(region=Min("region_id")))
    orgs = register.context.load()
    counts = register_counts(eligible[0], register, period) if eligible else None
    units = {}
    for org_id, region in rows:
        if org_id in orgs and (counts is None or counts.get(orgs[org_id][0], 0) >= eligible[1]):
            key, name, org_region = orgs[org_id]
            units[key] = Unit(key, name, region or org_region or region_code)
    return sorted(units.values(), key=lambda u: u.key)


# --- designations ----------------------------------------------------------------------------------------
def _designations(scheme, period: Period):
    """The designations of the scheme's kind (and level) in the region, in force at the period's end (the
    one rule of programs.stats.in_force)."""
    from ipgov.programs.models import Designation
    from ipgov.programs.stats import in_force
    from ipgov.regions.services import subregions

    qs = Designation.objects.filter(kind=scheme.designation_kind,
                                    region_id__in=subregions(scheme.region).values("code"))
    if scheme.designation_level:
        qs = qs.filter(level=scheme.designation_level)
    return in_force(qs, period.end).select_related("organization").order_by("pk")


def designations(scheme, period: Period) -> list[Unit]:
    rows = list(_designations(scheme, period))
    seen = defaultdict(int)
    for d in rows:
        seen[d.organization.name] += 1
    return [Unit(str(d.pk), d.organization.name if seen[d.organization.name] == 1
                 else f"{d.organization.name}（{d.get_level_display()}，{d.year}）", d.region_id) for d in rows]


def designation_register(scheme, period: Period) -> Register:
    """`register_of = "holder"`: the records of the designated organization — its harmonised organization
    found by its name as received or its credit code; `"region"`: the patents whose first applicant lies in
    the designation's region (a pilot county or city; rolled up as `Region.objects.within`)."""
    from ipgov.orgs.models import ApplicantName
    from ipgov.orgs.models import Organization as Org
    from ipgov.regions.services import subregions
    from ipgov.rights.models import Applicant

    rows = list(_designations(scheme, period).values_list("pk", "region_id", "organization__name",
                                                          "organization__credit_code"))
    if scheme.register_of == "region":
        holders = defaultdict(list)
        for pk, region, _name, _code in rows:
            holders[region].append(str(pk))
        within = {code: [c for c in (code, city, province) if c in holders] for code, city, province
                  in subregions(scheme.region).values_list("code", "city_id", "province_id")}
        first = Applicant.objects.filter(position=1, patent__region_id__in=subregions(scheme.region).values("code"))
        return Register(first, F("patent__region_id"), lambda code: [k for c in within.get(code, ()) for k in holders[c]],
                        note="（第一申请人位于认定单位所在区域）")
    by_name = dict(ApplicantName.objects.filter(raw__in=[r[2] for r in rows], organization__isnull=False)
                   .values_list("raw", "organization_id"))
    by_code = dict(Org.objects.filter(credit_code__in=[r[3] for r in rows if r[3]]).values_list("credit_code", "pk"))
    holders = defaultdict(list)
    for pk, _region, name, code in rows:
        for org in {by_code.get(code) if code else None, by_name.get(name)} - {None}:
            holders[org].append(str(pk))
    names = ApplicantName.objects.filter(organization_id__in=list(holders)).values("raw")
    return Register(Applicant.objects.filter(name__in=names), _organization_of(), lambda org: holders.get(org, []),
                    note="（认定单位本身，含其各名称）")


def units_of(scheme, period: Period, register: Register | None = None) -> list[Unit]:
    """The units a scheme scores for the period (`register`: the one `register_for` gave, reused)."""
    if scheme.population == Population.CITIES:
        return cities(scheme.region)
    if scheme.population == Population.UNIVERSITIES:
        return universities(scheme.region)
    if scheme.population == Population.ENTERPRISES:
        return enterprises(scheme.region, period, register or enterprise_register(scheme.region), scheme.eligible)
    if scheme.population == Population.DESIGNATIONS:
        return designations(scheme, period)
    raise ValueError(_("The population %(p)s cannot be scored.") % {"p": scheme.population})


def register_for(scheme, period: Period) -> Register | None:
    """Whose records the scheme's register measures count (None: cities, scored from the cube)."""
    if scheme.population == Population.UNIVERSITIES:
        return university_register(scheme.region)
    if scheme.population == Population.ENTERPRISES:
        return enterprise_register(scheme.region)
    if scheme.population == Population.DESIGNATIONS:
        return designation_register(scheme, period)
    return None
