"""Filtersets of the web app's own lists (the audit trail); domain lists declare theirs in pages/."""

from __future__ import annotations

from ipgov.core.filtersets import ObjectChangeFilterSet  # noqa: F401 (re-exported)
from ipgov.regions.filtersets import RegionWithinFilter  # noqa: F401 (re-exported)
from ipgov.regions.models import Region


def region_choices(user, province_code: str = "410000"):
    """The regions a user may pick: the province and its 18 city-level units, within the user's scope."""
    from ipgov.core.scope import check_staff
    from ipgov.regions.services import city_level_units

    scope = check_staff(user)
    regions = [Region.objects.get(code=province_code), *city_level_units(province_code).order_by("code")]
    if not scope.everything and scope.region != province_code:
        allowed = set(scope.region_codes().values_list("code", flat=True))
        regions = [r for r in regions if r.code in allowed]
        if scope.region not in {r.code for r in regions}:
            regions.insert(0, Region.objects.get(code=scope.region))
    return [(r.code, r.name) for r in regions]


