"""What the dashboard shows, assembled from the indicator cube's query service only.

Every figure here comes from the cube's read services (value, unit, YoY as the engine computed them):
`build` names the cells the page shows as indicator × region × period blocks (`blocks`) and reads them
all in one query (`services.prefetched`); `cell` then asks `services.query`, which answers from that read. This module only chooses which cells to ask for and arranges them. `build` refuses (OutOfScope)
the dashboard of a region outside the user's scope; the cube checks every cell it is asked for again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.translation import get_language, gettext

from ipgov.core import periods
from ipgov.core.numbers import money_parts
from ipgov.core.scope import VIEW, check_region, check_staff, scope_region
from ipgov.regions.models import Region
from ipgov.regions.services import city_level_units

PROVINCE = "410000"
DEFAULT_PERIOD = "2020H1"  # the seed's headline period (the symposium reported 2020H1)
DEFAULT_MAP_INDICATOR = "valid_invention_patents_per_10k"
# The seed's headline figures, in the order of the work report. Cards whose indicator is not in the
# catalogue (its app not installed) are left out, never shown empty.
KPI_INDICATORS = [
    "patent_applications",
    "patent_grants",
    "pct_applications",
    "valid_invention_patents_per_10k",
    "trademark_applications",
    "trademarks_valid",
    "enforcement_cases_closed",
    "pledge_financing_amount",
]
SPARK_POINTS = 6  # same-kind periods up to the chosen one
TREND_INDICATOR = "patent_applications"
# The key names the last finished computation run, so a new run's figures replace the cached ones at once;
# the timeout only bounds memory.
CACHE_SECONDS = 3600


@dataclass
class Figure:
    indicator: str
    name: str
    unit: str
    decimals: int
    value: float | None
    yoy: float | None
    status: str = ""
    yoy_decimals: int = 1
    spark: list[tuple[str, float | None]] = field(default_factory=list)
    rank: object = None  # ipgov.indicators.ranking.Rank among the region's peers (18 cities, the counties)
    help: dict = field(default_factory=dict)  # definition, unit, source, counting rule (the catalogue's)
    statuses: list = field(default_factory=list)  # [(status, label)]: computed / reported / estimated cells

    @property
    def shown(self) -> tuple[float | None, int, str]:
        """(value, decimals, unit) as the card shows it: money in 亿元 or 万元, as the reports quote it; the
        unit in the reader's language."""
        from ipgov.indicators import units

        if self.unit == "元" and self.value is not None:
            number, decimals, unit = money_parts(self.value)
            return float(number), decimals, units.label(unit)
        return self.value, self.decimals, units.label(self.unit)


@dataclass
class Dashboard:
    region: Region
    period: str
    period_label: str  # as officials say it, in the active language: 2020年上半年 / 2020 H1
    map_indicator: str
    map_decimals: int
    kpis: list[Figure]
    trend: dict
    cities: list[dict]  # [{code, name, value, yoy, rank}] the map's units in the user's scope, ranked:
    # the province's cities, or a city's counties and zones (a county: its city's)
    indicator_choices: list[tuple[str, str]]
    period_choices: list[tuple[str, str]]  # (code, label in the active language)
    map_level: str = "cities"  # "cities" or "counties"
    map_parent: str = ""  # the city whose counties the map shows
    map_name: str = ""  # the map's area: 河南省, 洛阳市
    map_help: dict = field(default_factory=dict)  # the map indicator's definition, unit, source, rule
    key: str = ""  # names the figures (run, language, region, period, map, cut-off, the user's cities): the page's cache key


def _services():
    from ipgov.indicators import catalogue, services

    return catalogue, services


def _name(ind) -> str:
    return ind.name_en if (get_language() or "").startswith("en") else ind.name_zh


def cell(indicator_id: str, region_code: str, period: str):
    """The total (no breakdown) cell of one indicator, region and period, or None when not computed."""
    _, services = _services()
    for result in services.query(indicator_id, region_code, period):
        if not result.breakdown:
            return result
    return None


def previous_periods(period: str, count: int) -> list[str]:
    """`count` consecutive periods of the same kind ending with `period` (2018H1, 2018H2, …, 2020H1)."""
    out = [periods.parse(period)]
    while len(out) < count and (before := out[0].previous()) is not None:
        out.insert(0, before)  # ranges of years have no sparkline
    return [p.code for p in out]


def kpi(indicator_id: str, region_code: str, period: str) -> Figure | None:
    from ipgov.indicators import explain

    catalogue, _ = _services()
    try:
        ind = catalogue.get(indicator_id)
    except LookupError:
        return None
    result = cell(indicator_id, region_code, period)
    spark = []
    for p in previous_periods(period, SPARK_POINTS):
        r = result if p == period else cell(indicator_id, region_code, p)
        spark.append((p, r.value if r else None))
    return Figure(indicator_id, _name(ind), ind.unit, ind.decimals,
                  result.value if result else None, result.yoy if result else None,
                  result.status if result else "", getattr(ind, "yoy_decimals", 1), spark,
                  help=explain.explain(ind))


def trend_months(period: str) -> tuple[int, list[str]]:
    """The period's year and its months up to the period's last (01 … 06 for 2020H1)."""
    p = periods.parse(period)
    return p.end_year, [f"{m:02d}" for m in range(1, p.last % 100 + 1)]


def trend(indicator_id: str, region_code: str, period: str) -> dict:
    """Monthly values of the period's year up to its last month, against the same months a year before."""
    year, months = trend_months(period)

    def series(y):
        out = []
        for m in months:
            r = cell(indicator_id, region_code, f"{y}-{m}")
            out.append(r.value if r else None)
        return out

    return {"months": months, "this_year": year, "last_year": year - 1,
            "this": series(year), "last": series(year - 1)}


def visible_cities(user, province: str = PROVINCE) -> list[Region]:
    """The city-level units inside the user's scope, in one query."""
    units = city_level_units(province).order_by("code")
    scope = check_staff(user)
    if not scope.everything and scope.region != province:
        units = units.filter(code__in=scope.region_codes())
    return list(units)


def city_values(user, indicator_id: str, period: str, region: Region | None = None) -> list[dict]:
    """The map's units inside the user's scope, ranked by the indicator: the province's cities, or the
    counties and zones of `region`'s city (one query of the cube, ipgov.indicators.ranking)."""
    from ipgov.indicators import ranking

    if region is None or region.level == "province":
        units = visible_cities(user)
    else:
        scope = check_staff(user)
        units = ranking.subdivisions(region).order_by("code")
        if not scope.everything:
            units = units.filter(code__in=scope.region_codes())
        units = list(units)
    return ranking.ranked(indicator_id, units, period)


def default_region(user) -> str:
    return scope_region(user) or PROVINCE


def indicator_choices() -> list[tuple[str, str]]:
    catalogue, _ = _services()
    return [(ind.id, _name(ind)) for ind in catalogue.indicators()]


def cutoff():
    """The data cut-off month (a Period), None without a computed cube."""
    from ipgov.indicators import cutoff as cutoff_mod

    return cutoff_mod.current()


def default_period(limit=None) -> str:
    """The latest half-year or year with complete data: 2020H1 when the data end in 2020-06."""
    limit = limit if limit is not None else cutoff()
    if limit is None:
        return DEFAULT_PERIOD
    y, m = divmod(limit.last, 100)
    if m == 12:
        return str(y)
    return f"{y}H1" if m >= 6 else f"{y - 1}"


def period_choices(period: str, limit=None) -> list[tuple[str, str]]:
    """Years and half-years up to the data cut-off, newest first, as (code, label as officials say
    it): 2020年上半年, 2019年全年, 2019年下半年 … Periods after the cut-off are never offered."""
    limit = limit if limit is not None else cutoff()
    chosen = periods.parse(period)
    end = limit.end_year if limit else chosen.end_year
    out = [periods.parse(code) for y in range(end, end - 5, -1) for code in (f"{y}H2", f"{y}H1", str(y))]
    if limit is not None:
        out = [p for p in out if p.last <= limit.last]
    if chosen not in out and (limit is None or chosen.last <= limit.last):
        out.insert(0, chosen)
    return [(p.code, str(p.label)) for p in out]


def _generation() -> tuple:
    """The last finished computation run: changes when a run finishes, so cached dashboards never outlive
    their figures (a run still writing does not change it; its cells appear when it has finished)."""
    from ipgov.indicators import cutoff as cutoff_mod

    return cutoff_mod.published()[1]


def blocks(region_code: str, period: str, map_indicator: str, cities: list[Region]) -> list[tuple]:
    """The cells the dashboard shows, as indicator × region × period blocks for one batch read."""
    catalogue, _ = _services()
    known = set(catalogue.default().indicators)
    year, months = trend_months(period)
    return [
        ([i for i in KPI_INDICATORS if i in known], [region_code], previous_periods(period, SPARK_POINTS)),
        ([TREND_INDICATOR], [region_code], [f"{y}-{m}" for y in (year, year - 1) for m in months]),
        ([map_indicator], [c.code for c in cities], [period]),
    ]


def build(user, region_code: str, period: str, map_indicator: str, state=None) -> Dashboard:
    """The dashboard of a region the user may see; OutOfScope for any other region. `state`: the request's
    web.pagestate (read here when not given).

    Kept per worker under what names it: the last finished run, the cut-off, the regions' version, the
    language, the region, period and map indicator, and the user's scope (everything or its region), so
    a kept board is answered before anything else is read: it was built, and its region checked, for the
    same scope over the same regions."""
    from ipgov.web.pagestate import PageState

    state = state if state is not None else PageState()
    scope = check_staff(user)
    key = repr((state.run, state.regions, state.cutoff, get_language(), region_code, period, map_indicator,
                scope.everything, scope.region))
    key = "web:dashboard:" + hashlib.sha1(key.encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return cached
    check_region(region_code, VIEW, who=scope, what=gettext("dashboards"))
    catalogue, _ = _services()
    periods.parse(period)  # PeriodError for nonsense, before anything is cached
    catalogue.get(map_indicator)  # UnknownIndicator likewise
    region = Region.objects.get(code=region_code)
    limit = state.cutoff
    cities = visible_cities(user)
    _, services = _services()
    from ipgov.indicators import explain, ranking

    map_parent = "" if region.level == "province" else (region.city_id or region.code)
    with services.prefetched(blocks(region_code, period, map_indicator, cities)):
        kpis = [f for f in (kpi(i, region_code, period) for i in KPI_INDICATORS) if f is not None]
        ranks = ranking.ranks([f.indicator for f in kpis], region_code, period)
        kinds = explain.statuses([f.indicator for f in kpis], region_code, period)
        for f in kpis:
            f.rank = ranks.get(f.indicator)
            f.statuses = kinds.get(f.indicator, [])
        board = Dashboard(
            region=region, period=period, period_label=str(periods.parse(period).label),
            map_indicator=map_indicator, map_decimals=catalogue.get(map_indicator).decimals, kpis=kpis,
            trend={"indicator": TREND_INDICATOR, "name": _name(catalogue.get(TREND_INDICATOR)),
                   **trend(TREND_INDICATOR, region_code, period)},
            cities=city_values(user, map_indicator, period, region),
            indicator_choices=indicator_choices(), period_choices=period_choices(period, limit),
            map_level="cities" if not map_parent else "counties", map_parent=map_parent,
            map_name=region.name if not map_parent else Region.objects.get(code=map_parent).name,
            map_help=explain.explain(catalogue.get(map_indicator)), key=key,
        )
    cache.set(key, board, CACHE_SECONDS)
    return board


@dataclass
class Side:
    region: Region
    period: str
    label: str  # 洛阳市 · 2020年上半年


def compare(user, a: str, b: str, period_a: str, period_b: str) -> tuple[Side, Side, list[tuple]]:
    """Two regions, or two periods, side by side: [(left Figure, right Figure, difference or None)] for the
    dashboard's key figures. Each side's region must be in the user's scope (OutOfScope otherwise)."""
    sides = []
    for code, period in ((a, period_a), (b, period_b)):
        check_region(code, VIEW, who=user, what=gettext("dashboards"))
        p = periods.parse(period)
        region = Region.objects.get(code=code)
        sides.append(Side(region, p.code, f"{region.name} · {p.label}"))
    rows = []
    for indicator in KPI_INDICATORS:
        left, right = kpi(indicator, a, sides[0].period), kpi(indicator, b, sides[1].period)
        if left is None or right is None:
            continue
        diff = left.value - right.value if left.value is not None and right.value is not None else None
        rows.append((left, right, Figure(indicator, left.name, left.unit, left.decimals, diff, None)))
    return sides[0], sides[1], rows
