"""Filtersets of the web app's own lists (the audit trail); domain lists declare theirs in pages/."""

from __future__ import annotations

import functools
import hashlib

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




class RegionTree:
    """The regions a user may pick, by name with the hierarchy — the province, then each city-level unit with
    its counties and zones — within the user's scope; each entry carries its pinyin initials for the
    pickers' autocomplete (regions.names). Iterate it for [(group, [Suggestion …])]; it is built on the first
    iteration only, so a page whose pickers come from the template cache (`key`) never builds it."""

    def __init__(self, user, province_code: str = "410000", version: tuple | None = None):
        self.user, self.province_code, self._groups, self._version = user, province_code, None, version

    @functools.cached_property
    def key(self) -> str:
        """Names what the pickers show: the user's scope and the regions' version (the page's, web.pagestate,
        when given; else one query), once per page: a template asks for it more than once."""
        from ipgov.core.scope import check_staff
        from ipgov.regions.cache import version

        scope = check_staff(self.user)
        current = self._version if self._version is not None else version()
        return hashlib.sha1(repr((scope.everything, scope.region, self.province_code, current)).encode()).hexdigest()

    def _built(self) -> list[tuple[str, list]]:
        if self._groups is None:
            self._groups = _region_groups(self.user, self.province_code)
        return self._groups

    def __iter__(self):
        return iter(self._built())

    def __bool__(self) -> bool:
        return bool(self._built())


def region_tree(user, province_code: str = "410000", version: tuple | None = None) -> RegionTree:
    return RegionTree(user, province_code, version)


def _region_groups(user, province_code: str) -> list[tuple[str, list]]:
    """[(group, [Suggestion …])]: the province, then each city-level unit with its counties and zones, within
    the user's scope."""
    from ipgov.core.scope import check_staff
    from ipgov.regions.names import hierarchy

    scope = check_staff(user)
    entries = list(hierarchy(province_code))
    if not scope.everything and scope.region != province_code:
        allowed = set(scope.region_codes().values_list("code", flat=True))
        entries = [e for e in entries if e.code in allowed]
    groups: list[tuple[str, list]] = [(e.name, [e]) for e in entries if e.code == province_code]
    by_city: dict[str, list] = {}
    for e in entries:
        if e.code != province_code:
            by_city.setdefault(e.city, []).append(e)
    names = {e.code: e.name for e in entries}
    for city, items in by_city.items():
        groups.append((names.get(city, items[0].name), items))
    return groups
