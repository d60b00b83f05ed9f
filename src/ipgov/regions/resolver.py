"""Address → region (地址解析): the most specific region an address names.

Addresses as they appear in patent and trademark records: with or without a postcode, with or
without the province, naming functional zones (高新区), old county names, or nothing useful.
The resolver never guesses: when a name fits several regions and the address gives no context
to choose, it answers "unresolved" with the reason.

The index is built once from the Region tables and kept in memory; results are memoized per
(address, year), since real registers repeat the same applicant addresses many times.
"""

from __future__ import annotations

import datetime
import re
import threading
import unicodedata
from dataclasses import asdict, dataclass
from functools import lru_cache

from ipgov.regions.choices import RegionLevel

PROVINCE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")
CITY_SUFFIXES = ("自治州", "地区", "市", "盟")
COUNTY_SHORTENABLE = ("自治县", "县", "市")  # districts (区) are never shortened: 金水路 is a road, not 金水区
ROAD_AFTER = re.compile(r"(路|街|大道|道|巷|胡同|桥|广场|公园|小区|大厦)")
ZONE_ABBREVIATIONS = (
    ("高新技术产业开发区", ("高新技术产业开发区", "高新技术开发区", "高新开发区", "高新区")),
    ("经济技术开发区", ("经济技术开发区", "经济开发区", "经开区")),
    ("经济开发区", ("经济开发区", "经开区")),
    ("航空港经济综合实验区", ("航空港经济综合实验区", "航空港实验区", "航空港区")),
    ("城乡一体化示范区", ("城乡一体化示范区",)),
)
CJK = re.compile(r"[\u4e00-\u9fff]")
POSTCODE = re.compile(r"^\d{6}(?!\d)")
COUNTRY = re.compile(r"^(中华人民共和国|中国)")


@dataclass(frozen=True)
class Entry:
    code: str  # the code this name stands for at the time asked
    name: str
    level: str
    province: str | None
    city: str | None
    valid_from: int | None = None  # for historical names
    valid_to: int | None = None
    successors: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Resolution:
    resolved: bool
    code: str | None = None
    name: str | None = None
    level: str | None = None
    matched: str = ""
    city_code: str | None = None
    province_code: str | None = None
    reason: str = ""
    note: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def _unresolved(reason: str, matched: str = "") -> Resolution:
    return Resolution(resolved=False, reason=reason, matched=matched)


def _strip_suffix(name: str, suffixes: tuple[str, ...]) -> str | None:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


class RegionIndex:
    """Names of provinces, city-level units, counties and zones, each with their context."""

    def __init__(self, regions, versions):
        self.provinces: dict[str, list[Entry]] = {}
        self.cities: dict[str, list[Entry]] = {}
        self.counties: dict[str, list[Entry]] = {}  # full names, current and historical, and zones
        self.county_short: dict[str, list[Entry]] = {}  # only used inside a named city
        self.regions = {r.code: r for r in regions}
        for r in regions:
            if not r.is_active:
                continue
            entry = Entry(r.code, r.name, r.level, r.province_id, r.city_id)
            if r.level == RegionLevel.PROVINCE:
                self._add(self.provinces, r.name, entry)
                self._add(self.provinces, _strip_suffix(r.name, PROVINCE_SUFFIXES), entry)
            elif r.level == RegionLevel.PREFECTURE or r.is_province_administered:
                self._add(self.cities, r.name, entry)
                self._add(self.cities, _strip_suffix(r.name, CITY_SUFFIXES), entry)
            if r.level in (RegionLevel.COUNTY, RegionLevel.ZONE):
                self._add(self.counties, r.name, entry)
                if r.level == RegionLevel.COUNTY:
                    self._add(self.county_short, _strip_suffix(r.name, COUNTY_SHORTENABLE), entry)
                else:
                    self._add_zone_variants(r, entry)
        for v in versions:
            region = self.regions.get(v.region_id)
            if region is None or v.level != RegionLevel.COUNTY or v.valid_to is None:
                continue
            current = region.name if region.is_active else None
            if v.name == current:
                continue
            entry = Entry(v.region_id, v.name, v.level, region.province_id, region.city_id,
                          v.valid_from, v.valid_to, _parse_successors(v.successors, v.valid_to))
            self._add(self.counties, v.name, entry)
        self.max_len = max((len(k) for d in (self.provinces, self.cities, self.counties) for k in d), default=2)
        full_names = sorted((n for n in self.provinces if n.endswith(("省", "自治区", "特别行政区"))), key=len,
                            reverse=True)
        # an empty alternation would match the empty string everywhere; (?!) never matches
        self.full_province_names = re.compile("|".join(map(re.escape, full_names)) or "(?!)")

    @staticmethod
    def _add(table: dict[str, list[Entry]], name: str | None, entry: Entry) -> None:
        if name:
            bucket = table.setdefault(name, [])
            if entry not in bucket:
                bucket.append(entry)

    def _add_zone_variants(self, region, entry: Entry) -> None:
        city = self.regions.get(region.city_id) if region.city_id else None
        prefixes = [region.name]
        if city is not None:
            short = _strip_suffix(city.name, CITY_SUFFIXES) or city.name
            for p in (city.name, short, "河南" + short, "河南"):
                if region.name.startswith(p):
                    prefixes.append(region.name[len(p):])
        for rest in prefixes:
            for long_form, variants in ZONE_ABBREVIATIONS:
                if rest.endswith(long_form):
                    stem = rest[: -len(long_form)]
                    for variant in variants:
                        self._add(self.county_short, stem + variant, entry)
            self._add(self.county_short, rest, entry)

    def match(self, table: dict[str, list[Entry]], text: str, pos: int, keep) -> tuple[str, list[Entry]]:
        """The longest name of `table` at text[pos:], with the entries that pass `keep`."""
        for length in range(min(self.max_len, len(text) - pos), 1, -1):
            name = text[pos: pos + length]
            entries = [e for e in table.get(name, ()) if keep(e)]
            if entries:
                return name, entries
        return "", []


def _parse_successors(text: str, default_year: int) -> tuple[tuple[str, int], ...]:
    out = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        m = re.fullmatch(r"(\d{6})(?:\[(\d{4})\])?", part)
        if m:
            out.append((m.group(1), int(m.group(2) or default_year)))
    return tuple(out)


_index: RegionIndex | None = None
_lock = threading.Lock()


def get_index() -> RegionIndex:
    global _index
    if _index is None:
        with _lock:
            if _index is None:
                from ipgov.regions.errors import RegionsNotLoaded
                from ipgov.regions.models import Region, RegionVersion

                regions = list(Region.objects.all())
                if not regions:
                    raise RegionsNotLoaded()
                _index = RegionIndex(regions, list(RegionVersion.objects.all()))
    return _index


def invalidate() -> None:
    """Forget the index and memoized answers (after the region tables changed)."""
    global _index
    with _lock:
        _index = None
    _resolve_cached.cache_clear()


def normalize(address: str) -> str:
    text = unicodedata.normalize("NFKC", address or "")
    text = re.sub(r"\s+", "", text)
    text = POSTCODE.sub("", text)
    return COUNTRY.sub("", text)


def resolve(address: str, as_of: datetime.date | None = None) -> Resolution:
    """The most specific region named by `address`, as the divisions stood at `as_of` (default: today)."""
    year = (as_of or datetime.date.today()).year
    return _resolve_cached(address, year)


@lru_cache(maxsize=200_000)
def _resolve_cached(address: str, year: int) -> Resolution:
    return _resolve(get_index(), normalize(address), year)


def _common(entries: list[Entry], attr: str) -> str | None:
    values = {getattr(e, attr) for e in entries}
    return values.pop() if len(values) == 1 else None


def _resolve(index: RegionIndex, text: str, year: int) -> Resolution:
    if not text:
        return _unresolved("empty address")
    if not CJK.search(text):
        return _unresolved("not a Chinese address (no Chinese characters)")

    named = {e.code for full in _full_province_names(index, text) for e in index.provinces[full]}
    if len(named) > 1:
        names = "、".join(index.regions[c].name for c in sorted(named))
        return _unresolved(f"names two provinces ({names})")

    pos, province, city, matched = 0, None, None, ""
    p_name, p_entries = index.match(index.provinces, text, 0, lambda e: True)
    c_name, c_entries = index.match(index.cities, text, 0, lambda e: True)
    if p_entries and len(p_name) >= len(c_name):
        province, pos, matched = p_entries[0].code, len(p_name), p_name
        again, _ = index.match(index.provinces, text, pos, lambda e: e.code != province)
        if again and not _road_follows(text, pos + len(again)):
            return _unresolved(f"names two provinces ({p_name}, {again})", matched)

    c_name, c_entries = index.match(
        index.cities, text, pos, lambda e: province is None or e.province == province)
    longer_county, _ = index.match(index.counties, text, pos,
                                   lambda e: province is None or e.province == province)
    if c_entries and len(longer_county) <= len(c_name) and not _road_follows(text, pos + len(c_name)):
        if len(c_entries) > 1:
            return _ambiguous(index, c_name, c_entries, matched + c_name)
        city, province = c_entries[0].code, c_entries[0].province
        pos, matched = pos + len(c_name), matched + c_name

    def in_context(e: Entry) -> bool:
        return (city is None or e.city == city or e.code == city) and (province is None or e.province == province)

    k_name, k_entries = index.match(index.counties, text, pos, in_context)
    if city is not None:
        s_name, s_entries = index.match(index.county_short, text, pos, in_context)
        if len(s_name) > len(k_name) and not _road_follows(text, pos + len(s_name)):
            k_name, k_entries = s_name, s_entries
    if k_entries:
        k_entries = _as_of(index, k_entries, year)
    if k_entries:
        if len({e.code for e in k_entries}) > 1:
            return _ambiguous(index, k_name, k_entries, matched + k_name)
        entry = k_entries[0]
        return _result(index, entry.code, matched + k_name, note=_note(index, k_name, entry))
    # a county name that did not exist yet in `year` (偃师市 before 1993) says no more than its city
    if city is not None:
        return _result(index, city, matched)
    if province is not None:
        return _result(index, province, matched)
    if k_name:
        return _unresolved(f"{k_name} did not exist in {year}", k_name)
    return _unresolved("no province, city, county or zone name found")


def _full_province_names(index: RegionIndex, text: str) -> set[str]:
    return set(index.full_province_names.findall(text))


def _road_follows(text: str, pos: int) -> bool:
    return bool(ROAD_AFTER.match(text, pos))


def _as_of(index: RegionIndex, entries: list[Entry], year: int) -> list[Entry]:
    """Historical names stand for their own code while valid, for their successor afterwards."""
    out = []
    for e in entries:
        if e.valid_to is None or e.valid_from <= year < e.valid_to:
            out.append(e)
            continue
        if year < e.valid_from:
            continue
        targets = [code for code, _ in e.successors if code in index.regions]
        if len(targets) == 1:
            r = index.regions[targets[0]]
            out.append(Entry(r.code, e.name, r.level, r.province_id, r.city_id, e.valid_from, e.valid_to))
        elif e.city:
            # split between several successors: only the city is certain
            r = index.regions[e.city]
            out.append(Entry(r.code, e.name, r.level, r.province_id, r.city_id, e.valid_from, e.valid_to))
    # an old name that also lives on as a current name elsewhere: prefer the current one
    current = [e for e in out if e.valid_to is None]
    return current or out


def _note(index: RegionIndex, name: str, entry: Entry) -> str:
    if entry.valid_to is None:
        return ""
    region = index.regions[entry.code]
    if region.name == name:
        return ""
    return f"{name} is an old name ({entry.valid_from}–{entry.valid_to}); now {region.code} {region.name}"


def _ambiguous(index: RegionIndex, name: str, entries: list[Entry], matched: str) -> Resolution:
    codes = sorted({e.code for e in entries})
    listed = ", ".join(f"{c} {_qualified(index, c)}" for c in codes[:6])
    more = f" and {len(codes) - 6} more" if len(codes) > 6 else ""
    return _unresolved(f"ambiguous: {name} matches {len(codes)} regions ({listed}{more})", matched)


def _qualified(index: RegionIndex, code: str) -> str:
    r = index.regions[code]
    parent = index.regions.get(r.city_id) if r.city_id and r.city_id != code else None
    parent = parent or (index.regions.get(r.province_id) if r.province_id != code else None)
    return f"{parent.name}{r.name}" if parent else r.name


def _result(index: RegionIndex, code: str, matched: str, note: str = "") -> Resolution:
    r = index.regions[code]
    return Resolution(resolved=True, code=code, name=r.name, level=r.level, matched=matched,
                      city_code=r.city_id, province_code=r.province_id, note=note)
