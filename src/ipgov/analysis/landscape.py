"""A patent landscape (专利导航 态势分析, GB/T 39551) of one industry — a concordance target, e.g. WIPO field
06 计算机技术 — in one region and the years up to a period's end, counted from the register only.

Rules: a patent belongs to the industry when its main IPC (the first code) maps to the target
(`concordance.match`); it belongs to the region by its first applicant's domicile (the register's
`Patent.region`, as for every indicator); applications by filing date, grants by grant announcement date;
valid/lapsed at the period's last day (docs/indicators.md); the applicant is the first applicant's name
through `population.unit_key` (the harmonised organisation plugs in there). Concentration over the window's
applications: CRn = the share of the n largest applicants; HHI = Σ (share × 100)² (0–10000). New entrants:
applicants whose first application in the industry and region falls in the period's year."""

from __future__ import annotations

from collections import Counter, defaultdict

from ipgov.analysis import concordance
from ipgov.analysis.population import unit_key
from ipgov.core.periods import Period
from ipgov.regions.models import Region
from ipgov.rights.choices import TERMINATING_EVENTS, LegalEventKind, PatentType

YEARS = 5  # the window: the period's year and the four before it
TYPES = (PatentType.INVENTION, PatentType.UTILITY, PatentType.DESIGN)


def _patents(region: str, scheme: str, target: str, first_year: int, last_day):
    """(patent rows, province rows) of the industry: the region's and the province's."""
    from ipgov.regions.services import subregions
    from ipgov.rights.models import Patent

    keys, _ = concordance.table(scheme)
    subclasses = sorted({k[:4] for k, targets in keys.items() if target in targets})
    if not subclasses:
        return [], []
    province = Region.objects.get(code=region).province_id or region
    from django.db.models import Q

    q = Q()
    for s in subclasses:
        q |= Q(ipc_main__startswith=s)
    rows = (Patent.objects.filter(q, region_id__in=subregions(province).values("code"),
                                  filing_date__year__gte=first_year, filing_date__lte=last_day)
            .values("pk", "application_number", "patent_type", "filing_date", "grant_date", "terminated_on",
                    "ipc_main", "region_id", "region__city_id", "applicant_type"))
    rows = [r for r in rows if target in concordance.match(scheme, [r["ipc_main"]], keys=keys)]
    within = set(subregions(region).values_list("code", flat=True))
    return [r for r in rows if r["region_id"] in within], rows


def _first_applicants(pks) -> dict[int, str]:
    from ipgov.rights.models import Applicant

    out = {}
    pks = list(pks)
    for i in range(0, len(pks), 5000):
        for pk, name in Applicant.objects.filter(patent_id__in=pks[i:i + 5000], position=1).values_list("patent_id",
                                                                                                       "name"):
            out[pk] = unit_key(name)
    return out


def _events(pks) -> Counter:
    from ipgov.rights.models import LegalEvent

    kinds = (LegalEventKind.PLEDGE, LegalEventKind.TRANSFER, LegalEventKind.LICENCE)
    counts: Counter = Counter()
    pks = list(pks)
    for i in range(0, len(pks), 5000):
        for kind, _patent in (LegalEvent.objects.filter(patent_id__in=pks[i:i + 5000], kind__in=kinds)
                              .values_list("kind", "patent_id").distinct()):
            counts[kind] += 1
    return counts


def concentration(counts: Counter) -> dict:
    total = sum(counts.values())
    if not total:
        return {"cr4": None, "cr8": None, "hhi": None, "applicants": 0}
    shares = sorted((n / total for n in counts.values()), reverse=True)
    return {"cr4": sum(shares[:4]), "cr8": sum(shares[:8]), "hhi": sum((s * 100) ** 2 for s in shares),
            "applicants": len(counts)}


def build(region_code: str, scheme: str, target: str, period: Period) -> dict:
    end = period.end
    first_year = end.year - YEARS + 1
    years = list(range(first_year, end.year + 1))
    keys, names = concordance.table(scheme)
    rows, province_rows = _patents(region_code, scheme, target, first_year, end)
    region = Region.objects.get(code=region_code)
    apps = {y: Counter() for y in years}
    grants = {y: Counter() for y in years}
    for r in rows:
        apps[r["filing_date"].year][r["patent_type"]] += 1
        if r["grant_date"] and r["grant_date"] <= end and r["grant_date"].year >= first_year:
            grants[r["grant_date"].year][r["patent_type"]] += 1

    def total(table, y):
        return sum(table[y].values()) if y in table else 0

    def growth(table):
        a, b = total(table, end.year), total(table, end.year - 1)
        return None if not b else a / b - 1

    first = _first_applicants(r["pk"] for r in rows)
    by_applicant = Counter(first[r["pk"]] for r in rows if r["pk"] in first)
    first_year_of: dict[str, int] = defaultdict(lambda: 9999)
    for r in rows:
        if r["pk"] in first:
            first_year_of[first[r["pk"]]] = min(first_year_of[first[r["pk"]]], r["filing_date"].year)
    entrants = sorted(a for a, y in first_year_of.items() if y == end.year)
    subfields = Counter(r["ipc_main"].replace(" ", "")[:4] for r in rows)
    kinds = Counter(r["applicant_type"] or "unknown" for r in rows)
    sub_regions = Counter(r["region__city_id"] if region.level == "province" else r["region_id"] for r in rows)
    region_names = dict(Region.objects.filter(code__in=list(sub_regions)).values_list("code", "name"))
    granted = [r for r in rows if r["grant_date"] and r["grant_date"] <= end]
    valid = sum(1 for r in granted if not r["terminated_on"] or r["terminated_on"] > end)
    events = _events(r["pk"] for r in granted)
    prov_apps = Counter(r["filing_date"].year for r in province_rows)
    return {
        "region": {"code": region.code, "name": region.name}, "period": period.code, "period_zh": period.zh,
        "scheme": scheme, "target": target, "target_name": names.get(target, target), "years": years,
        "applications": {y: dict(apps[y]) for y in years}, "grants": {y: dict(grants[y]) for y in years},
        "applications_total": {y: total(apps, y) for y in years}, "grants_total": {y: total(grants, y) for y in years},
        "applications_growth": growth(apps), "grants_growth": growth(grants),
        "subfields": subfields.most_common(10), "top_applicants": by_applicant.most_common(10),
        "concentration": concentration(by_applicant), "new_entrants": entrants,
        "applicant_types": dict(kinds),
        "regions": [(code, region_names.get(code, code or "—"), n) for code, n in sub_regions.most_common()],
        "granted": len(granted), "valid": valid, "lapsed": len(granted) - valid,
        "pledged": events.get(LegalEventKind.PLEDGE, 0), "transferred": events.get(LegalEventKind.TRANSFER, 0),
        "licensed": events.get(LegalEventKind.LICENCE, 0),
        "province_applications": {y: prov_apps.get(y, 0) for y in years},
        "share_of_province": (sum(total(apps, y) for y in years) / len(province_rows)) if province_rows else None,
        "patents": len(rows), "rule": __doc__.split("\n\n")[1].replace("\n", " "),
        "terminating_events": sorted(TERMINATING_EVENTS), "types": list(TYPES),
    }
