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
import time
import unicodedata
from dataclasses import asdict, dataclass
from functools import lru_cache

from django.utils.translation import gettext_lazy

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
WHITE = re.compile(r"\s")
CJK = re.compile(r"[\u4e00-\u9fff]")
# CJK Radicals Supplement (U+2E80–U+2EFF) look like ordinary characters but NFKC leaves most of them
# alone (the Kangxi Radicals block U+2F00–U+2FDF it does map); these are the ones seen in place names.
RADICALS = re.compile(r"[\u2e80-\u2eff]")
RADICAL_LOOKALIKES = str.maketrans({
    "⺠": "民", "⺟": "母", "⻁": "虎", "⻄": "西", "⻅": "见", "⻆": "角", "⻉": "贝", "⻋": "车", "⻓": "长",
    "⻔": "门", "⻘": "青", "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻢": "马", "⻥": "鱼",
    "⻦": "鸟", "⻨": "麦", "⻩": "黄", "⻬": "齐", "⻮": "齿", "⻰": "龙", "⻳": "龟", "⺁": "厂", "⺇": "几",
    "⺈": "刀", "⺊": "卜", "⺋": "卩", "⺎": "兀", "⺐": "尢", "⺓": "幺", "⺕": "彐", "⺝": "月", "⺢": "水",
    "⺣": "火", "⺨": "犬", "⺩": "王", "⺬": "示", "⺮": "竹", "⺶": "羊", "⺻": "聿", "⺼": "肉", "⻊": "足",
    "⻏": "阝", "⻖": "阝", "⻗": "雨", "⻣": "骨",
})
# where an address starts after some words before it (联系地址：…, 本公司住所位于…): a full official name
COUNTY_SUFFIXES = ("区", "县", "市", "旗")
COUNTY_SUFFIX = re.compile("[区县市旗]")
OFFICIAL_SUFFIXES = ("省", "市", "自治区", "特别行政区", "自治州", "地区", "盟", "州", "县", "区", "旗")
LEADING = re.compile(r"^(?:\d{6}(?!\d))?(?:中华人民共和国|中国)?")  # a postcode, then the country
# 中国(湖北)自贸区宜昌片区…, 中国（福建）自由贸易试验区厦门片区…: the province in brackets begins the address
FREE_TRADE_ZONE = re.compile(r"^(?:\d{6}(?!\d))?中国\(([^()]{2,8})\)自(?:由)?贸(?:易)?(?:试验)?区")
# 科尔沁左翼中旗 → 科左中旗, 阿拉善左旗 → 阿左旗, 察哈尔右翼前旗 → 察右前旗: how banners are written in addresses
BANNER = re.compile(r"(.{2,}?)(左翼|右翼|左|右)?(前|中|后)?旗")


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
    reason: str = ""  # English and stable (the JSON output and the callers branch on it); `message` for people
    note: str = ""
    kind: str = ""  # which of MESSAGES the reason or note is, with its placeholders' values in `params`
    params: tuple[tuple[str, object], ...] = ()

    def as_dict(self) -> dict:
        data = asdict(self)
        data.pop("params")
        return data

    @property
    def message(self) -> str:
        """The reason (unresolved) or the note (resolved) in the active language."""
        text = MESSAGES.get(self.kind)
        if text is None:
            return self.reason or self.note
        params = dict(self.params)
        if self.kind == "ambiguous":  # the codes beyond the six listed: " and N more"
            params["more"] = str(MESSAGES["ambiguous_more"]) % {"count": params["more"]} if params["more"] else ""
        return str(text) % params


# What a person reads; built only when shown (the resolver itself stays free of translation lookups).
MESSAGES = {
    "empty": gettext_lazy("empty address"),
    "not_chinese": gettext_lazy("not a Chinese address (no Chinese characters)"),
    "two_provinces": gettext_lazy("names two provinces (%(names)s)"),
    "not_yet": gettext_lazy("%(name)s did not exist in %(year)s"),
    "nothing": gettext_lazy("no province, city, county or zone name found"),
    "ambiguous": gettext_lazy("ambiguous: %(name)s matches %(count)s regions (%(listed)s%(more)s)"),
    "ambiguous_more": gettext_lazy(" and %(count)s more"),
    "old_name": gettext_lazy("%(name)s is an old name (%(start)s–%(end)s); now %(code)s %(now)s"),
}


def _unresolved(reason: str, matched: str = "", kind: str = "", **params) -> Resolution:
    return Resolution(resolved=False, reason=reason, matched=matched, kind=kind, params=tuple(params.items()))


class NameTable(dict):
    """Names → entries, with the lengths of the names starting with each two-character prefix.

    `match` looks up the prefix once and tries only the lengths that exist, longest first, so a
    position where no name starts costs one dictionary lookup instead of one per possible length.
    """

    def __init__(self):
        super().__init__()
        self.lengths: dict[str, tuple[int, ...]] = {}

    def seal(self) -> None:
        by_prefix: dict[str, set[int]] = {}
        for name in self:
            by_prefix.setdefault(name[:2], set()).add(len(name))
        self.lengths = {p: tuple(sorted(ls, reverse=True)) for p, ls in by_prefix.items()}


def _strip_suffix(name: str, suffixes: tuple[str, ...]) -> str | None:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


EMPTY = NameTable()


def _split(table: NameTable, keys) -> dict[str, NameTable]:
    """`table` split by the keys (a province's or city's code) of each entry."""
    out: dict[str, NameTable] = {}
    for name, entries in table.items():
        for entry in entries:
            for key in keys(entry):
                if key:
                    bucket = out.setdefault(key, NameTable()).setdefault(name, [])
                    if entry not in bucket:
                        bucket.append(entry)
    for part in out.values():
        part.seal()
    return out


class RegionIndex:
    """Names of provinces, city-level units, counties and zones, each with their context."""

    def __init__(self, regions, versions):
        self.provinces = NameTable()
        self.cities = NameTable()
        self.counties = NameTable()  # full names, current and historical, and zones
        self.county_short = NameTable()  # only used inside a named city
        self.regions = {r.code: r for r in regions}
        for r in regions:
            if not r.is_active:
                continue
            entry = Entry(r.code, r.name, r.level, r.province_id, r.city_id)
            if r.level == RegionLevel.PROVINCE:
                self._add(self.provinces, r.name, entry)
                self._add(self.provinces, _strip_suffix(r.name, PROVINCE_SUFFIXES), entry)
            elif r.level == RegionLevel.PREFECTURE or r.is_province_administered:
                self._add_city_names(r.name, entry)
            if r.level in (RegionLevel.COUNTY, RegionLevel.ZONE):
                self._add(self.counties, r.name, entry)
                if r.level == RegionLevel.COUNTY:
                    self._add(self.county_short, _strip_suffix(r.name, COUNTY_SHORTENABLE), entry)
                    self._add_county_forms(r.name, entry)
                else:
                    self._add_zone_variants(r, entry)
        self.expired: dict[str, Entry] = {}  # retired codes, to follow a chain of successors
        for v in versions:
            region = self.regions.get(v.region_id)
            if region is None or v.valid_to is None:
                continue
            if v.level not in (RegionLevel.COUNTY, RegionLevel.PREFECTURE):
                continue
            entry = Entry(v.region_id, v.name, v.level, region.province_id, region.city_id,
                          v.valid_from, v.valid_to, _parse_successors(v.successors, v.valid_to))
            if not region.is_active:
                latest = self.expired.get(v.region_id)
                if latest is None or latest.valid_to < entry.valid_to:
                    self.expired[v.region_id] = entry
            if v.name == (region.name if region.is_active else None):
                continue
            if v.level == RegionLevel.COUNTY:
                self._add(self.counties, v.name, entry)
            else:  # 思茅市 (2003–2007, now 普洱市), 巢湖地区, 巢湖市 (1999–2011): city-level names of the past
                self._add_city_names(v.name, entry)
        for table in (self.provinces, self.cities, self.counties, self.county_short):
            table.seal()
        # the same names split by where they lie, so that matching in a context is one lookup, not a filter
        self.cities_in_province = _split(self.cities, lambda e: (e.province,))
        self.counties_in_province = _split(self.counties, lambda e: (e.province,))
        self.counties_in_city = _split(self.counties, lambda e: {e.city, e.code})  # 济源市 is its own city
        self.short_in_city = _split(self.county_short, lambda e: {e.city, e.code})
        # city names that begin a longer county name (吉林 → 吉林市…): only there must the county be tried first
        self.city_begins_county = {n[:i] for n in self.counties for i in range(2, len(n)) if n[:i] in self.cities}
        self.results: dict[tuple[str, str, str], Resolution] = {}  # answers are immutable: share them
        full_names = sorted((n for n in self.provinces if n.endswith(("省", "自治区", "特别行政区"))), key=len,
                            reverse=True)
        # an empty alternation would match the empty string everywhere; (?!) never matches
        self.full_province_names = re.compile("|".join(map(re.escape, full_names)) or "(?!)")

    @staticmethod
    def _add(table: NameTable, name: str | None, entry: Entry) -> None:
        if name:
            bucket = table.setdefault(name, [])
            if entry not in bucket:
                bucket.append(entry)

    def _add_city_names(self, name: str, entry: Entry) -> None:
        self._add(self.cities, name, entry)
        self._add(self.cities, _strip_suffix(name, CITY_SUFFIXES), entry)
        if name.endswith("自治州"):  # 恩施土家族苗族自治州 → 恩施州, 恩施
            stem = _strip_ethnic(name[: -len("自治州")])
            if stem:
                self._add(self.cities, stem + "州", entry)
                self._add(self.cities, stem, entry)

    def _add_county_forms(self, name: str, entry: Entry) -> None:
        """The forms addresses use for autonomous counties and banners: 察布查尔锡伯自治县 → 察布查尔县 (and
        察布查尔 inside its city), 新平彝族傣族自治县 → 新平县; 科尔沁左翼中旗 → 科左中旗, 阿拉善左旗 → 阿左旗."""
        for suffix, short in (("自治县", "县"), ("自治旗", "旗")):
            if name.endswith(suffix):
                stem = _strip_ethnic(name[: -len(suffix)])
                if stem != name[: -len(suffix)]:
                    self._add(self.counties, stem + short, entry)
                    self._add(self.county_short, stem, entry)
        m = BANNER.fullmatch(name)
        if m and (m.group(2) or m.group(3)):
            self._add(self.counties, m.group(1)[0] + (m.group(2) or "")[:1] + (m.group(3) or "") + "旗", entry)

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

    @staticmethod
    def match(table: NameTable, text: str, pos: int, keep) -> tuple[str, list[Entry]]:
        """The longest name of `table` at text[pos:], with the entries that pass `keep`."""
        for length in table.lengths.get(text[pos: pos + 2], ()):
            entries = table.get(text[pos: pos + length])
            if entries:
                if keep is not None:
                    entries = [e for e in entries if keep(e)]
                if entries:
                    return text[pos: pos + length], entries
        return "", []


ETHNIC_GROUPS = sorted((
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼",
    "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土",
    "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克",
    "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
), key=len, reverse=True)


def _strip_ethnic(name: str) -> str:
    """The place part of an autonomous unit's name: 黔东南苗族侗族 → 黔东南, 伊犁哈萨克 → 伊犁."""
    changed = True
    while changed:
        changed = False
        for group in ETHNIC_GROUPS:
            for tail in (group + "族", group):
                if name.endswith(tail) and len(name) - len(tail) >= 2:
                    name, changed = name[: -len(tail)], True
                    break
            if changed:
                break
    return name


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
    text = address or ""
    if not unicodedata.is_normalized("NFKC", text):  # the check is much cheaper than normalizing
        text = unicodedata.normalize("NFKC", text)
    if RADICALS.search(text):  # searching first: translate is slow on Chinese text
        text = text.translate(RADICAL_LOOKALIKES)
    if WHITE.search(text):
        text = WHITE.sub("", text)
    if "贸" in text:
        text = FREE_TRADE_ZONE.sub(r"\1", text, count=1)
    lead = LEADING.match(text).end()
    return text[lead:] if lead else text


def resolve(address: str, as_of: datetime.date | None = None) -> Resolution:
    """The most specific region named by `address`, as the divisions stood at `as_of` (default: today)."""
    return _resolve_cached(address, as_of.year if as_of is not None else _this_year())


_year = {"value": 0, "until": 0.0}


def _this_year() -> int:
    """Today's year, asking the calendar again only after midnight (date.today() is slow next to a lookup)."""
    now = time.time()
    if now >= _year["until"]:
        today = datetime.date.today()
        tomorrow = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time())
        _year["value"], _year["until"] = today.year, tomorrow.timestamp()
    return _year["value"]


@lru_cache(maxsize=200_000)
def _resolve_cached(address: str, year: int) -> Resolution:
    return _resolve(get_index(), normalize(address), year)


def _common(entries: list[Entry], attr: str) -> str | None:
    values = {getattr(e, attr) for e in entries}
    return values.pop() if len(values) == 1 else None


def _resolve(index: RegionIndex, text: str, year: int) -> Resolution:
    if not text:
        return _unresolved("empty address", kind="empty")
    if not CJK.search(text):
        return _unresolved("not a Chinese address (no Chinese characters)", kind="not_chinese")
    result = _resolve_at_start(index, text, year)
    if result.resolved or not result.reason.startswith("no province"):
        return result
    start = _address_start(index, text)
    return _resolve_at_start(index, text[start:], year) if start else result


def _resolve_at_start(index: RegionIndex, text: str, year: int) -> Resolution:

    # two different full province names need two of their suffixes: most addresses have at most one
    named = set()
    if text.count("省") + text.count("自治区") + text.count("特别行政区") > 1:
        named = {e.code for full in _full_province_names(index, text) for e in index.provinces[full]}
    if len(named) > 1:
        names = "、".join(index.regions[c].name for c in sorted(named))
        return _unresolved(f"names two provinces ({names})", kind="two_provinces", names=names)

    pos, province, city, matched = 0, None, None, ""
    p_name, p_entries = index.match(index.provinces, text, 0, None)
    c_name, c_entries = index.match(index.cities, text, 0, None)
    if p_entries and len(p_name) >= len(c_name):
        province, pos, matched = p_entries[0].code, len(p_name), p_name
        again, _ = index.match(index.provinces, text, pos, lambda e: e.code != province)
        # 天津市河北区: a district of the first province that begins with another province's name
        if again and not _road_follows(text, pos + len(again)) and len(
                index.match(index.counties, text, pos, lambda e: e.province == province)[0]) <= len(again):
            return _unresolved(f"names two provinces ({p_name}, {again})", matched, kind="two_provinces",
                              names=f"{p_name}、{again}")

    if province is not None:  # else the city at the start is known already
        c_name, c_entries = index.match(index.cities_in_province.get(province, EMPTY), text, pos, None)
    if c_entries:
        named_cities = c_entries
        c_entries = _as_of(index, c_entries, year)
        if not c_entries and province is None:  # 巢湖地区 today: dissolved, but its province is known
            province = _common(named_cities, "province")
    counties = index.counties if province is None else index.counties_in_province.get(province, EMPTY)
    if c_entries and (c_name not in index.city_begins_county or len(index.match(counties, text, pos, None)[0])
                      <= len(c_name)) and (not ROAD_AFTER.match(text, pos + len(c_name))
                                           or not _road_after_city(index, text, pos + len(c_name), c_entries)):
        if len(c_entries) > 1:
            return _ambiguous(index, c_name, c_entries, matched + c_name)
        city, province = c_entries[0].code, c_entries[0].province
        pos, matched = pos + len(c_name), matched + c_name

    if city is not None:
        counties = index.counties_in_city.get(city, EMPTY)
    elif province is not None:
        counties = index.counties_in_province.get(province, EMPTY)
    k_name, k_entries = index.match(counties, text, pos, None)
    if city is not None:
        s_name, s_entries = index.match(index.short_in_city.get(city, EMPTY), text, pos, None)
        if len(s_name) > len(k_name) and not _road_follows(text, pos + len(s_name)):
            k_name, k_entries = s_name, s_entries
    if k_entries:
        k_entries = _as_of(index, k_entries, year)
    if k_entries:
        if len(k_entries) > 1 and len({e.code for e in k_entries}) > 1:
            return _ambiguous(index, k_name, k_entries, matched + k_name)
        entry = k_entries[0]
        if entry.valid_to is None:  # a current name: no note
            return _result(index, entry.code, matched + k_name)
        note, params = _note(index, k_name, entry)
        return _result(index, entry.code, matched + k_name, note=note, params=params)
    if not k_name and (city is not None or province is not None) and COUNTY_SUFFIX.search(text, pos + 2):
        # 乌鲁木齐高新技术产业开发区（新市区）, 沧州市渤海西路运河区工业园: the county named further on
        k_name, entry = _county_further_on(index, text, pos, counties, year)
        if entry is not None:
            note, params = _note(index, k_name, entry)
            return _result(index, entry.code, matched + k_name, note=note, params=params)
    # a county name that did not exist yet in `year` (偃师市 before 1993) says no more than its city
    if city is not None:
        return _result(index, city, matched)
    if province is not None:
        return _result(index, province, matched)
    if k_name:
        return _unresolved(f"{k_name} did not exist in {year}", k_name, kind="not_yet", name=k_name, year=year)
    return _unresolved("no province, city, county or zone name found", kind="nothing")


def _road_after_city(index: RegionIndex, text: str, pos: int, cities: list[Entry]) -> bool:
    """A road after a city's name (广州市北京路 — but not 石家庄桥西区, a district whose name begins with 桥)."""
    if not _road_follows(text, pos):
        return False
    codes = {e.code for e in cities}
    return not index.match(index.counties, text, pos, lambda e: e.city in codes)[0]


def _county_further_on(index: RegionIndex, text: str, pos: int, counties: NameTable,
                       year: int) -> tuple[str, Entry | None]:
    """The first full county-level name of `counties` (those of the context) after `pos` that is not a road,
    when it names one region."""
    for at in range(pos + 1, len(text) - 1):
        name, entries = index.match(counties, text, at, None)
        if name and name.endswith(COUNTY_SUFFIXES) and not _road_follows(text, at + len(name)):
            entries = _as_of(index, entries, year)
            if len({e.code for e in entries}) == 1:
                return name, entries[0]
            return "", None
    return "", None


def _address_start(index: RegionIndex, text: str) -> int:
    """Where the address begins when it does not begin with a division's name: the first position
    where a full official name (with its 省/市/县/区… suffix) begins — words before an address
    (联系地址：, 本公司住所位于) are skipped; a road named after a place (北京路) is not a start."""
    for pos in range(1, len(text) - 1):
        for table in (index.provinces, index.cities, index.counties):
            name, _ = index.match(table, text, pos, None)
            if name.endswith(OFFICIAL_SUFFIXES) and not _road_follows(text, pos + len(name)):
                return pos
    return 0


def _full_province_names(index: RegionIndex, text: str) -> set[str]:
    return set(index.full_province_names.findall(text))


def _road_follows(text: str, pos: int) -> bool:
    return bool(ROAD_AFTER.match(text, pos))


def _as_of(index: RegionIndex, entries: list[Entry], year: int) -> list[Entry]:
    """Historical names stand for their own code while valid, for their successor afterwards."""
    if len(entries) == 1 and entries[0].valid_to is None:
        return entries
    out = []
    for e in entries:
        if e.valid_to is None or e.valid_from <= year < e.valid_to:
            out.append(e)
            continue
        if year < e.valid_from:
            continue
        # a successor dated before the unit's end took over only a part of it (无为县: 340207[2014], then 340281)
        final = [code for code, changed in e.successors if changed >= e.valid_to] or [c for c, _ in e.successors]
        targets = [_current_code(index, code, year) for code in final if code in index.regions]
        if not e.successors and index.regions[e.code].is_active:
            targets = [e.code]  # renamed in place (思茅市 → 普洱市, same code)
        targets = list(dict.fromkeys(t for t in targets if t))
        if len(targets) == 1:
            r = index.regions[targets[0]]
            out.append(Entry(r.code, e.name, r.level, r.province_id, r.city_id, e.valid_from, e.valid_to))
        elif e.city and e.city != e.code:
            # split between several successors: only the city is certain, itself followed to its successor
            # (永年县 of 邯郸地区 1981–1993 → 130429 → split in 2016: 邯郸市)
            city = _current_code(index, e.city, year)
            if city not in index.regions:
                continue
            r = index.regions[city]
            out.append(Entry(r.code, e.name, r.level, r.province_id, r.city_id, e.valid_from, e.valid_to))
    # an old name that also lives on as a current name elsewhere: prefer the current one
    current = [e for e in out if e.valid_to is None]
    return current or out


def _current_code(index: RegionIndex, code: str, year: int, depth: int = 0) -> str | None:
    """A successor code as it stood in `year`: retired codes are followed to their own successor
    (即墨市 379013 → 370282 → 370215)."""
    e = index.expired.get(code)
    if e is None or year < e.valid_to or depth > 5:
        return code
    nxt = [_current_code(index, c, year, depth + 1) for c, _ in e.successors if c in index.regions]
    nxt = list(dict.fromkeys(c for c in nxt if c))
    return nxt[0] if len(nxt) == 1 else None


def _note(index: RegionIndex, name: str, entry: Entry) -> tuple[str, tuple]:
    """The note on a match by an old name, and its placeholders for MESSAGES["old_name"]."""
    if entry.valid_to is None:
        return "", ()
    region = index.regions[entry.code]
    if region.name == name:
        return "", ()
    params = (("name", name), ("start", entry.valid_from), ("end", entry.valid_to), ("code", region.code),
              ("now", region.name))
    return f"{name} is an old name ({entry.valid_from}–{entry.valid_to}); now {region.code} {region.name}", params


def _ambiguous(index: RegionIndex, name: str, entries: list[Entry], matched: str) -> Resolution:
    codes = sorted({e.code for e in entries})
    listed = ", ".join(f"{c} {_qualified(index, c)}" for c in codes[:6])
    more = f" and {len(codes) - 6} more" if len(codes) > 6 else ""
    return _unresolved(f"ambiguous: {name} matches {len(codes)} regions ({listed}{more})", matched, kind="ambiguous",
                       name=name, count=len(codes), listed=listed, more=max(len(codes) - 6, 0))



def _qualified(index: RegionIndex, code: str) -> str:
    r = index.regions[code]
    parent = index.regions.get(r.city_id) if r.city_id and r.city_id != code else None
    parent = parent or (index.regions.get(r.province_id) if r.province_id != code else None)
    return f"{parent.name}{r.name}" if parent else r.name


def _result(index: RegionIndex, code: str, matched: str, note: str = "", params: tuple = ()) -> Resolution:
    key = (code, matched, note)
    cached = index.results.get(key)
    if cached is None:
        cached = index.results[key] = _new_result(index, code, matched, note, params)
    return cached


def _new_result(index: RegionIndex, code: str, matched: str, note: str, params: tuple) -> Resolution:
    r = index.regions[code]
    return Resolution(resolved=True, code=code, name=r.name, level=r.level, matched=matched,
                      city_code=r.city_id, province_code=r.province_id, note=note,
                      kind="old_name" if note else "", params=params)
