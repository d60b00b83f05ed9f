"""Regions by name (地区名称): one resolver from what a person types — a code, a name with or without its
suffix (洛阳, 洛阳市, 栾川) — to one region, for the CLI's `--region` and the web's filters; and the
suggestions of the region pickers' autocomplete, by Chinese name or pinyin initials (ly → 洛阳市).

A name that fits several regions is refused with the candidates listed, never guessed. Regions in use
today are preferred over retired ones of the same name.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext as _

from ipgov.regions.errors import UnknownRegion
from ipgov.regions.models import Region
from ipgov.regions.services import get_region

CODE = re.compile(r"^\d{6}$")
# Longest first: 新区 before 区, 自治县 before 县.
SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "新区", "林区", "省", "市", "县", "区", "旗", "盟")
SHOWN_CANDIDATES = 12


class RegionNameError(LookupError):
    """No region, or more than one, has the name given; the message names the candidates."""

    def __init__(self, message: str, candidates: list[Region] | None = None):
        super().__init__(message)
        self.candidates = candidates or []


def short_name(name: str) -> str:
    """洛阳市 → 洛阳, 栾川县 → 栾川, 郑州高新技术产业开发区 stays."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def _describe(regions: list[Region]) -> str:
    shown = "、".join(f"{r.name}（{r.code}{'' if r.is_active else _(', retired')}）" for r in regions[:SHOWN_CANDIDATES])
    more = len(regions) - SHOWN_CANDIDATES
    return shown + (_(" and %(n)d more") % {"n": more} if more > 0 else "")


def _prefer_active(regions: list[Region]) -> list[Region]:
    active = [r for r in regions if r.is_active]
    return active or regions


def find_region(text: str, within: str | None = None) -> Region:
    """The one region `text` names: a 6-digit code, a full name (洛阳市) or a name without its suffix
    (洛阳), optionally only under `within` (a province or city code). RegionNameError otherwise, listing
    the candidates of an ambiguous name."""
    t = (text or "").strip()
    if not t:
        raise RegionNameError(_("No region given: write its code (410300) or its name (洛阳)."))
    if CODE.match(t):
        try:
            return get_region(t)
        except UnknownRegion:
            raise RegionNameError(_("No region has the code %(code)s: check it with `ipgov region show`, or "
                                    "write the name (洛阳).") % {"code": t}) from None
    regions = Region.objects.all() if not within else Region.objects.within(within)
    regions = regions.select_related("city")
    exact = _prefer_active(list(regions.filter(name=t)))
    if len(exact) == 1:
        return exact[0]
    if not exact:
        exact = _prefer_active([r for r in regions.filter(name__startswith=t) if short_name(r.name) == t])
        if len(exact) == 1:
            return exact[0]
    if exact:
        raise RegionNameError(_("“%(name)s” names %(n)d regions: %(list)s. Write the code, or a fuller name.")
                              % {"name": t, "n": len(exact), "list": _describe(exact)}, exact)
    starting = _prefer_active(list(regions.filter(name__startswith=t)[:50]))
    if len(starting) == 1:
        return starting[0]
    if starting:
        raise RegionNameError(_("“%(name)s” begins the names of several regions: %(list)s. Write the code, or "
                                "the full name.") % {"name": t, "list": _describe(starting)}, starting)
    raise RegionNameError(_("No region is named “%(name)s”: write its code (410300) or its name as the division "
                            "list has it (洛阳市, 栾川县).") % {"name": t})


def region_code(text: str) -> str:
    """For argparse `type=`: the code of the region a code or name gives; the error says which ones fit."""
    try:
        return find_region(text).code
    except RegionNameError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


# --- suggestions (the pickers' autocomplete) ----------------------------------------------------------
@dataclass(frozen=True)
class Suggestion:
    code: str
    name: str
    path: str  # 河南省 › 洛阳市 › 栾川县
    initials: str  # lcx (栾川县), lc (栾川)
    level: str
    city: str  # the city-level unit's code ("" for the province)

    def as_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "path": self.path, "initials": self.initials}


def initials(name: str) -> str:
    """Pinyin initials of a Chinese name, lower case: 洛阳市 → lys (pypinyin; polyphones take the common
    reading, which is what a person types)."""
    from pypinyin import Style, lazy_pinyin

    return "".join(p[0] for p in lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore") if p).lower()


@lru_cache(maxsize=8)
def _hierarchy(province: str, version: int) -> tuple[Suggestion, ...]:
    """The province, its city-level units and their active county-level units and zones, in code order,
    with their pinyin initials computed once per process (and again when the regions change)."""
    rows = list(Region.objects.active().within(province).select_related("city").order_by("code"))
    names = {r.code: r.name for r in rows}
    out = []
    for r in rows:
        chain = [names.get(province, "")]
        if r.code != province and r.city_id and r.city_id != r.code:
            chain.append(names.get(r.city_id, ""))
        if r.code != province:
            chain.append(r.name)
        out.append(Suggestion(r.code, r.name, " › ".join(c for c in chain if c), initials(r.name), r.level,
                              "" if r.code == province else (r.city_id or r.code)))
    return tuple(out)


def hierarchy(province: str) -> tuple[Suggestion, ...]:
    return _hierarchy(province, Region.objects.count())


def suggest(query: str, province: str, allowed: set[str] | None = None, limit: int = 20) -> list[Suggestion]:
    """Regions of the province whose name contains `query` or whose pinyin initials begin with it (ly →
    洛阳市, 洛宁县 …), inside `allowed` codes when given; names starting with the query first."""
    q = (query or "").strip().lower()
    if not q:
        return []
    hits = []
    for s in hierarchy(province):
        if allowed is not None and s.code not in allowed:
            continue
        if s.name.startswith(q) or s.initials.startswith(q) or initials(short_name(s.name)) == q:
            hits.append((0, s))
        elif q in s.name:
            hits.append((1, s))
    hits.sort(key=lambda h: (h[0], len(h[1].code.rstrip("0")), h[1].code))
    return [s for _rank, s in hits[:limit]]
