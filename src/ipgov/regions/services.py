"""Region queries used across ipgov: lookup with history, rollups, population."""

from __future__ import annotations

from dataclasses import dataclass

from ipgov.regions.errors import RegionsNotLoaded, UnknownRegion
from ipgov.regions.models import Population, Region, RegionVersion
from ipgov.regions.resolver import _parse_successors


@dataclass(frozen=True)
class Successor:
    code: str
    name: str
    year: int


def get_region(code: str) -> Region:
    code = (code or "").strip()
    try:
        return Region.objects.select_related("parent", "city", "province").get(code=code)
    except Region.DoesNotExist:
        if not Region.objects.exists():
            raise RegionsNotLoaded(code) from None
        raise UnknownRegion(code) from None


def parent_chain(region: Region) -> list[Region]:
    """From the province down to the region itself."""
    chain = [region]
    while chain[-1].parent_id:
        chain.append(Region.objects.get(code=chain[-1].parent_id))
    return list(reversed(chain))


def history(region: Region) -> list[RegionVersion]:
    return list(region.versions.order_by("valid_from"))


def successors(region: Region) -> list[Successor]:
    """Where a retired code went, followed to codes in use today (e.g. 410306 → 410308 in 2021)."""
    if region.is_active:
        return []
    result: dict[str, Successor] = {}
    todo = [(region.code, None)]
    seen = set()
    while todo:
        code, year = todo.pop()
        if code in seen:
            continue
        seen.add(code)
        last = RegionVersion.objects.filter(region_id=code).order_by("-valid_from").first()
        target = Region.objects.filter(code=code).first()
        if target is not None and target.is_active and code != region.code:
            result[code] = Successor(code, target.name, year)
            continue
        if last is None or last.valid_to is None:
            continue
        for next_code, change_year in _parse_successors(last.successors, last.valid_to):
            todo.append((next_code, year or change_year))
    return sorted(result.values(), key=lambda s: s.code)


def subregions(code: str):
    """The region and all regions it contains (a city: its counties and functional zones)."""
    return Region.objects.within(code)


def city_level_units(province_code: str):
    """Prefectures and province-administered county-level cities (Henan: 17 + 济源 = 18)."""
    return Region.objects.active().filter(province_id=province_code).extra(where=["code = city_id"])


def population(code: str, year: int) -> Population | None:
    """Population of the latest year on or before `year`; the earliest year when none is earlier."""
    rows = Population.objects.filter(region_id=code)
    return rows.filter(year__lte=year).order_by("-year").first() or rows.order_by("year").first()
