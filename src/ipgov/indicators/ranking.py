"""Ranks and drill-down tables of the cube: a city's rank among the province's city-level units (18 in
Henan), a county's among the province's counties, and the values of a region's subdivisions (the
province's cities, a city's counties and zones), each in one query of the cube.

Ranks are read for catalogue indicators marked public only: ranking a region among its peers reads the
peers' cells, which a reader may see only for published figures (`ipgov.core.scope.check_cell`). Equal
values share a rank (1, 2, 2, 4); regions without a cell are left out of the ranking.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ipgov.core import periods
from ipgov.core.scope import OutOfScope, check_cell
from ipgov.indicators import catalogue
from ipgov.indicators.choices import ObservationStatus
from ipgov.indicators.models import Observation
from ipgov.indicators.services import round_value, round_yoy, yoy
from ipgov.regions.choices import RegionLevel
from ipgov.regions.models import Region
from ipgov.regions.services import city_level_units, get_region


@dataclass(frozen=True)
class Rank:
    indicator: str
    region: str
    rank: int
    of: int  # how many peers have a value
    peers: str  # "cities" or "counties"

    @property
    def label(self) -> str:
        """全省18个省辖市中第3位 / 3rd of the province's 18 cities."""
        if self.peers == "cities":
            return _("No. %(rank)d of the province's %(of)d cities") % {"rank": self.rank, "of": self.of}
        return _("No. %(rank)d of the province's %(of)d counties") % {"rank": self.rank, "of": self.of}


def rank_of(values: dict[str, float | int]) -> dict[str, int]:
    """{code: rank} of the values, highest first; equal values share a rank (1, 2, 2, 4). Codes whose
    value is None are left out."""
    ordered = sorted(((v, c) for c, v in values.items() if v is not None), key=lambda x: -x[0])
    out: dict[str, int] = {}
    for i, (v, code) in enumerate(ordered):
        out[code] = out[ordered[i - 1][1]] if i and v == ordered[i - 1][0] else i + 1
    return out


def county_units(province_code: str):
    """The province's county-level units a county is ranked among (counties, county-level cities and
    districts; not the province-administered cities that are city-level units, not functional zones)."""
    return (Region.objects.active().filter(province_id=province_code, level=RegionLevel.COUNTY)
            .extra(where=["code <> city_id"]))


def peers(region: Region):
    """The regions `region` is ranked among: the province's city-level units for a city, the province's
    county-level units of the same kind (counties and districts, or functional zones) for a county or
    zone; None for a province."""
    if region.level == RegionLevel.PROVINCE or not region.province_id:
        return None
    if region.is_city_level:
        return city_level_units(region.province_id)
    same = Region.objects.active().filter(province_id=region.province_id, level=region.level)
    return same.exclude(code=region.city_id).extra(where=["code <> city_id"])


def subdivisions(region: Region):
    """The units a region's map and ranking show: the province's city-level units, a city's counties,
    districts and zones; a county shows its city's."""
    if region.level == RegionLevel.PROVINCE:
        return city_level_units(region.code)
    city = region.city_id or region.code
    return Region.objects.active().filter(city_id=city).exclude(code=city)


def values(indicator_id: str, codes: list[str], period: str) -> dict[str, dict]:
    """{code: {"value", "yoy"}} of one indicator's total cells for many regions, in two queries (the
    period and a year before). Cells the reader may not read are left out (check_cell per region for a
    non-public indicator)."""
    ind = catalogue.get(indicator_id)
    p = periods.parse(period)
    readable = []
    for code in codes:
        try:
            check_cell(ind, code)
        except OutOfScope:
            continue
        readable.append(code)
    base = Observation.objects.filter(indicator=ind.id, breakdown="", status=ObservationStatus.COMPUTED,
                                      region_id__in=readable)
    now = dict(base.filter(period=p.code).values_list("region_id", "value"))
    before = dict(base.filter(period=p.shifted(-1).code).values_list("region_id", "value"))
    return {code: {"value": round_value(ind, v), "yoy": round_yoy(ind, yoy(v, before.get(code)))}
            for code, v in now.items()}


def ranked(indicator_id: str, regions: list[Region], period: str) -> list[dict]:
    """[{code, name, value, yoy, rank}] of the regions, highest value first (equal values share a rank),
    then the regions without a value."""
    cells = values(indicator_id, [r.code for r in regions], period)
    rows = [{"code": r.code, "name": r.name, "value": cells.get(r.code, {}).get("value"),
             "yoy": cells.get(r.code, {}).get("yoy")} for r in regions]
    rank = rank_of({x["code"]: x["value"] for x in rows})
    for row in rows:
        row["rank"] = rank.get(row["code"])
    with_value = sorted((x for x in rows if x["value"] is not None), key=lambda x: (x["rank"], -x["value"]))
    return with_value + [x for x in rows if x["value"] is None]


def ranks(indicator_ids: list[str], region_code: str, period: str) -> dict[str, Rank]:
    """The region's rank among its peers for each public indicator, in one query of the cube; indicators
    without a value for the region (or not public) are left out."""
    region = get_region(region_code)
    group = peers(region)
    if group is None:
        return {}
    codes = list(group.values_list("code", flat=True))
    if region.code not in codes:
        return {}
    public = []
    for indicator_id in indicator_ids:
        try:
            ind = catalogue.get(indicator_id)
        except LookupError:
            continue
        if ind.public:
            check_cell(ind, region.code)  # an actor, as every read of the cube
            public.append(ind)
    p = periods.parse(period)
    by_indicator: dict[str, dict[str, float]] = {}
    rows = Observation.objects.filter(indicator__in=[i.id for i in public], period=p.code, breakdown="",
                                      status=ObservationStatus.COMPUTED, region_id__in=codes)
    for indicator, code, value in rows.values_list("indicator", "region_id", "value"):
        by_indicator.setdefault(indicator, {})[code] = value
    out = {}
    kind = "cities" if region.is_city_level else "counties"
    for ind in public:
        cells = {c: round_value(ind, v) for c, v in by_indicator.get(ind.id, {}).items()}
        if region.code not in cells:
            continue
        mine = cells[region.code]
        out[ind.id] = Rank(ind.id, region.code, 1 + sum(1 for v in cells.values() if v > mine), len(cells), kind)
    return out
