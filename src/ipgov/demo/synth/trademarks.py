"""Synthetic Henan trademarks: ordinary marks, GI collective/certification marks, well-known marks
(驰名商标), and GI products (地理标志产品), calibrated to the valid-registration stocks, the 2020H1
applications, GI approvals and well-known marks of the published figures.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate

from ipgov.demo.synth import reference as ref
from ipgov.demo.synth.applicants import (
    GOVERNMENT,
    INDIVIDUAL,
    Applicants,
    Party,
    between,
    choose,
    draw,
    foreign_party,
)
from ipgov.demo.synth.calibration import Half, Targets, derive_targets, halves
from ipgov.demo.synth.patents import month_index, working_day
from ipgov.demo.synth.plan import SNAPSHOT

# Plausible yearly Henan registrations (synthetic) before the calibrated half-years 2019H1–2020H1.
REGISTRATIONS = {2005: 9_000, 2006: 10_000, 2007: 12_000, 2008: 14_000, 2009: 17_000, 2010: 21_000,
                 2011: 26_000, 2012: 32_000, 2013: 38_000, 2014: 42_000, 2015: 60_000, 2016: 78_000,
                 2017: 105_000, 2018: 200_000}
CALIBRATED = (Half(2019, 1), Half(2019, 2), Half(2020, 1))
RENEWAL_RATE = 0.45
CANCELLATION_RATE = 0.004  # of the stock, per half-year (撤三, 注销)
REFUSED_RATE = 0.12  # of 2015+ filings
PENDING_2019H2 = 0.15  # of 2019H2's filings still pending at the snapshot
# Nice classes most filed in Henan (ipgov's weighting): advertising/business, foods, clothing, restaurants…
NICE_WEIGHTS = {35: 12, 30: 8, 29: 6, 25: 6, 43: 6, 9: 6, 3: 4, 5: 4, 41: 4, 31: 4, 33: 4, 32: 3, 20: 3,
                21: 3, 11: 3, 7: 3, 16: 2, 44: 2, 42: 3, 36: 2, 37: 2, 39: 2, 40: 1, 45: 1, 1: 2, 2: 1, 4: 1,
                6: 2, 8: 1, 10: 2, 12: 2, 14: 1, 17: 1, 18: 1, 19: 2, 22: 1, 23: 1, 24: 1, 26: 1, 27: 1,
                28: 1, 34: 1, 13: 1, 15: 1, 38: 1}
MARK_CHARS = ("豫", "中原", "嵩", "洛", "牡丹", "黄河", "伏牛", "太行", "商", "宛", "汴", "鼎", "福", "禾", "麦",
              "香", "源", "康", "乐", "佳", "美", "润", "丰", "金", "泰", "隆", "红", "绿", "青", "春", "和",
              "家", "味", "道", "坊", "居", "优", "品", "尚", "悦", "星", "辰", "云", "山", "水", "田")
LATIN = ("YU", "ZY", "HN", "KANG", "LE", "JIA", "FU", "TAI", "STAR", "SUN", "GOLD", "GREEN")
# GI marks and GI products: real Henan specialties and places; registration/approval dates synthetic.
GI_MARKS = (
    ("410100", "新郑", "大枣"), ("410100", "中牟", "大蒜"), ("410100", "荥阳", "柿子"), ("410200", "兰考", "蜜瓜"),
    ("410200", "杞县", "大蒜"), ("410200", "开封", "菊花"), ("410300", "孟津", "梨"), ("410300", "洛宁", "苹果"),
    ("410300", "栾川", "槲包"), ("410300", "嵩县", "柴胡"), ("410400", "叶县", "岩盐"), ("410400", "鲁山", "柞蚕"),
    ("410400", "汝州", "汝瓷"), ("410500", "内黄", "红枣"), ("410500", "林州", "花椒"), ("410500", "滑县", "小麦"),
    ("410600", "浚县", "小米"), ("410600", "淇县", "缠丝蛋"), ("410700", "原阳", "大米"), ("410700", "封丘", "金银花"),
    ("410700", "延津", "小麦"), ("410700", "辉县", "山楂"), ("410800", "温县", "铁棍山药"), ("410800", "武陟", "油茶"),
    ("410800", "博爱", "清化姜"), ("410800", "沁阳", "怀菊花"), ("410900", "清丰", "食用菌"), ("410900", "南乐", "西瓜"),
    ("411000", "鄢陵", "花木"), ("411000", "禹州", "钧瓷"), ("411000", "长葛", "蜂产品"), ("411100", "临颍", "辣椒"),
    ("411100", "舞阳", "黄金梨"), ("411200", "灵宝", "苹果"), ("411200", "卢氏", "连翘"), ("411200", "渑池", "丹参"),
    ("411300", "西峡", "猕猴桃"), ("411300", "西峡", "香菇"), ("411300", "内乡", "山茱萸"), ("411300", "南召", "辛夷"),
    ("411300", "桐柏", "茶"), ("411300", "唐河", "红薯"), ("411300", "新野", "甘蓝"), ("411300", "淅川", "绿茶"),
    ("411400", "宁陵", "酥梨"), ("411400", "夏邑", "西瓜"), ("411400", "柘城", "辣椒"), ("411400", "永城", "面粉"),
    ("411500", "信阳", "毛尖"), ("411500", "固始", "鸡"), ("411500", "潢川", "甲鱼"), ("411500", "商城", "山茶油"),
    ("411500", "光山", "麻鸭"), ("411500", "息县", "香稻"), ("411600", "沈丘", "槐山羊"), ("411600", "淮阳", "黄花菜"),
    ("411600", "西华", "胡辣汤"), ("411600", "项城", "白芝麻"), ("411600", "郸城", "红薯"), ("411600", "扶沟", "辣椒"),
    ("411700", "正阳", "花生"), ("411700", "泌阳", "花菇"), ("411700", "确山", "板栗"), ("411700", "平舆", "白芝麻"),
    ("411700", "西平", "小麦"), ("411700", "遂平", "山羊"), ("419001", "济源", "冬凌草"), ("411500", "新县", "葛根"),
    ("411500", "罗山", "大米"), ("410300", "伊川", "小米"), ("410300", "新安", "樱桃"), ("411300", "方城", "裕丹参"),
)
GI_MARKS_PER_YEAR = {2008: 3, 2009: 4, 2010: 5, 2011: 6, 2012: 7, 2013: 8, 2014: 8, 2015: 9, 2016: 10,
                     2017: 9, 2018: 11, 2019: 17, 2020: 6}
GI_PRODUCTS_PER_YEAR = {2008: 2, 2009: 2, 2010: 3, 2011: 3, 2012: 3, 2013: 2, 2014: 2, 2015: 2, 2016: 2,
                        2017: 2, 2018: 3, 2019: 4, 2020: 1}
NATIONAL_FILINGS = {  # all of China, by year (for the national numbering of applications)
    1980: 20_000, 1990: 55_000, 1995: 100_000, 2000: 180_000, 2003: 450_000, 2005: 660_000, 2008: 700_000, 2010: 1_070_000,
    2012: 1_650_000, 2014: 2_280_000, 2015: 2_870_000, 2016: 3_690_000, 2017: 5_750_000, 2018: 7_370_000,
    2019: 7_830_000, 2020: 9_110_000,
}


@dataclass(slots=True)
class Mark:
    owner: Party
    classes: list[int]
    name: str
    filed: dt.date
    registered: dt.date | None = None
    number: str = ""
    kind: str = "普通"
    is_gi: bool = False
    well_known_on: dt.date | None = None
    renewals: list[dt.date] = field(default_factory=list)
    status: str = ""  # 状态 as the export writes it
    ended: dt.date | None = None  # 失效日期 of a terminating status

    @property
    def term_end(self) -> dt.date | None:
        if self.registered is None:
            return None
        return _term_end(self.registered, len(self.renewals))

    def valid_at(self, day: dt.date) -> bool:
        return (self.registered is not None and self.registered <= day
                and (self.ended is None or self.ended > day))


@dataclass(slots=True)
class GIProductRecord:
    name: str
    region: str
    area: str
    approved: dt.date
    announcement: str
    users: list[str]
    users_on: dt.date


@cache  # asked of every mark in each half-year's cancellations: a few thousand distinct days
def _term_end(registered: dt.date, renewals: int) -> dt.date:
    return _add_years(registered, 10 * (1 + renewals)) - dt.timedelta(days=1)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 2, 28)


class TrademarkGenerator:
    def __init__(self, targets: Targets, scale: float, rng: random.Random, applicants: Applicants):
        self.t, self.scale, self.rng, self.who = targets, scale, rng, applicants
        self.marks: list[Mark] = []
        self.products: list[GIProductRecord] = []
        classes = [number for number, _ in ref.nice_classes()]  # the 45 classes of the Nice table
        self.classes, self.class_cum = classes, list(accumulate(NICE_WEIGHTS.get(c, 1) for c in classes))

    def s(self, n: float) -> int:
        return round(n * self.scale)

    # --- building blocks ---------------------------------------------------------------------------
    def _owner(self) -> Party:
        return self.who.pick(INDIVIDUAL if self.rng.random() < 0.3 else "企业")

    def _name(self) -> str:
        rng = self.rng
        if rng.random() < 0.08:
            return choose(rng, LATIN) + choose(rng, LATIN)
        return "".join(choose(rng, MARK_CHARS) for _ in range(between(rng, 2, 3)))

    def _lag_days(self, registered: dt.date) -> int:
        rng = self.rng
        if registered.year < 2015:
            return between(rng, 360, 600)
        if registered.year < 2018:
            return between(rng, 240, 380)
        return between(rng, 150, 270)

    def _mark(self, registered: dt.date | None, filed: dt.date | None = None, owner: Party | None = None) -> Mark:
        rng = self.rng
        if filed is None:
            filed = registered - dt.timedelta(days=self._lag_days(registered))
            while filed.weekday() > 4:
                filed -= dt.timedelta(days=1)
        m = Mark(owner or self._owner(), [draw(rng, self.classes, self.class_cum)],
                 self._name(), filed, registered)
        self.marks.append(m)
        return m

    def _registrations(self, h: Half, n: int) -> None:
        months = [h.year * 12 + m - 1 for m in h.months]
        for _ in range(n):
            # registrations are announced on the 6th, 13th, 20th and 27th (公告日), as CNIPA's gazette
            index = choose(self.rng, months)
            day = dt.date(index // 12, index % 12 + 1, choose(self.rng, (6, 13, 20, 27)))
            self._mark(day)

    def _renew_or_expire(self, m: Mark) -> None:
        """Apply the 10-year terms up to the snapshot: renewed, or expired (期满未续展)."""
        rng = self.rng
        while m.ended is None and m.term_end is not None and m.term_end <= SNAPSHOT:
            end = m.term_end
            if m.well_known_on is not None or rng.random() < RENEWAL_RATE:
                m.renewals.append(end - dt.timedelta(days=rng.randint(10, 330)))
            else:
                m.status, m.ended = "期满未续展", end + dt.timedelta(days=1)

    def _cancel(self, h: Half, rate: float) -> None:
        """Cancel (撤三, 注销) or invalidate `rate` of the Henan stock at the start of `h`."""
        rng = self.rng
        day, end = h.start - dt.timedelta(days=1), h.end
        # Mark.valid_at(day) and .term_end written out: this runs over every mark once per half-year
        valid = [m for m in self.marks if m.registered is not None and m.registered <= day
                 and (m.ended is None or m.ended > day) and m.owner.city]
        n = round(rate * len(valid))
        stock = [m for m in valid if m.well_known_on is None and not m.is_gi
                 and _term_end(m.registered, len(m.renewals)) > end]
        for m in rng.sample(stock, min(n, len(stock))):
            m.ended = working_day(rng, h.year * 12 + rng.choice(h.months) - 1)
            m.status = "撤销" if rng.random() < 0.7 else ("无效" if rng.random() < 0.3 else "注销")

    def stock(self, day: dt.date) -> int:
        return sum(1 for m in self.marks if m.owner.city and m.valid_at(day))

    # --- the register ------------------------------------------------------------------------------
    def well_known(self) -> None:
        """274 marks recognized as well-known by the end of 2019, 7 of them in 2019."""
        rng = self.rng
        total = self.t.well_known_total[dt.date(2019, 12, 31)]  # small sets are not scaled
        new = self.t.well_known_new[2019]
        years = list(range(2001, 2019))
        earlier = [rng.choice(years) for _ in range(total - new)] + [2019] * new
        for year in earlier:
            recognized = working_day(rng, year * 12 + rng.randrange(12))
            # registered 3–15 years before, not before 1996: older filings would name counties by names
            # the resolver only knows from later years (偃师市 dates from 1993)
            registered = working_day(rng, max(month_index(dt.date(1996, 1, 1)),
                                              month_index(recognized) - rng.randint(36, 180)))
            m = self._mark(registered, owner=self.who.pick("企业"))
            m.well_known_on = recognized

    def gi_marks(self) -> None:
        rng = self.rng
        pool = list(GI_MARKS)
        rng.shuffle(pool)
        for year, n in sorted(GI_MARKS_PER_YEAR.items()):
            for _ in range(n):
                city, place, product = pool.pop() if pool else rng.choice(GI_MARKS)
                last_month = 6 if year == SNAPSHOT.year else 12
                registered = dt.date(year, rng.randint(1, last_month), rng.choice((6, 13, 20, 27)))
                text, county = self.who.book.address(city)
                owner = Party(f"{place}县{product}协会" if not place.endswith(("市", "州")) else f"{place}{product}协会",
                              GOVERNMENT, text, city, county)
                m = self._mark(registered, owner=owner)
                m.name, m.kind, m.is_gi = place + product, rng.choice(("集体", "证明")), True
                m.classes = [31 if product in ("苹果", "梨", "猕猴桃", "大枣", "红枣", "板栗") else 30]

    def gi_products(self) -> None:
        rng = self.rng
        pool = list(GI_MARKS)
        rng.shuffle(pool)
        seen = set()
        serial = 0
        for year, n in sorted(GI_PRODUCTS_PER_YEAR.items()):
            for _ in range(n):
                city, place, product = pool.pop()
                name = place + product
                if name in seen:
                    raise RuntimeError(f"GI product {name} listed twice")
                seen.add(name)
                serial += 1
                last_month = 6 if year == SNAPSHOT.year else 12
                approved = working_day(rng, year * 12 + rng.randrange(last_month))
                area = f"河南省{ref.CITIES[city][0]}{place}{'' if place.endswith('市') else '县'}现辖行政区域"
                users = [f"{place}{rng.choice(ref.FIRM_WORDS)}{rng.choice(ref.FIRM_WORDS)}{product}有限公司"
                         for _ in range(rng.randint(1, 4))]
                self.products.append(GIProductRecord(
                    name, city, area, approved, f"{year}年第{serial:02d}号", list(dict.fromkeys(users)),
                    approved + dt.timedelta(days=rng.randint(60, 200))))

    def run(self) -> tuple[list[Mark], list[GIProductRecord]]:
        self.well_known()
        self.gi_marks()
        for year, n in sorted(REGISTRATIONS.items()):
            for h, part in zip((Half(year, 1), Half(year, 2)), (0.45, 0.55), strict=True):
                self._registrations(h, self.s(n * part))
        for m in self.marks:
            self._renew_or_expire(m)
        for h in halves(Half(2008, 1), Half(2018, 2)):
            self._cancel(h, CANCELLATION_RATE)
        for h in CALIBRATED:
            self._cancel(h, CANCELLATION_RATE)
            # GI marks registered in this half are already in; add just enough ordinary registrations
            needed = self.s(self.t.trademarks_valid[h.end]) - self.stock(h.end)
            if needed < 0:
                raise RuntimeError(f"trademark plan overshoots the {h.end} stock by {-needed}")
            before = len(self.marks)
            self._registrations(h, needed)
            for m in self.marks[before:]:
                self._renew_or_expire(m)
        self._unregistered()
        self._outsiders()
        self.gi_products()
        self._numbers()
        return self.marks, self.products

    def _unregistered(self) -> None:
        """Refused and pending applications; 2020H1's filings made up to the published count."""
        rng = self.rng
        by_half = Counter((m.filed.year, 1 if m.filed.month <= 6 else 2) for m in self.marks if m.owner.city)
        registered_filings = {Half(year, half): n for (year, half), n in by_half.items()}
        for h in halves(Half(2015, 1), Half(2019, 2)):
            n = registered_filings.get(h, 0)
            extra = REFUSED_RATE + (PENDING_2019H2 if h == Half(2019, 2) else 0)
            for _ in range(round(n * extra / (1 - extra))):
                m = self._mark(None, filed=working_day(rng, h.year * 12 + rng.choice(h.months) - 1))
                if h != Half(2019, 2) or rng.random() < REFUSED_RATE / extra:
                    m.status = "驳回"
        target = self.s(self.t.trademark_applications["2020H1"])
        have = registered_filings.get(Half(2020, 1), 0)
        if have > target:
            raise RuntimeError(f"{have} 2020H1 filings are already registered, more than the {target} target")
        for _ in range(target - have):
            m = self._mark(None, filed=working_day(rng, 2020 * 12 + rng.randrange(6)))
            m.status = "等待实质审查"

    def _outsiders(self) -> None:
        rng = self.rng
        for _ in range(self.s(600)):
            registered = working_day(rng, rng.randrange(2015 * 12, 2020 * 12 + 6))
            self._mark(registered, owner=foreign_party(rng))

    def _numbers(self) -> None:
        """Application (= registration) numbers in filing order, along China's national numbering."""
        rng = self.rng
        self.marks.sort(key=lambda m: (m.filed, m.owner.name, m.name))
        years = sorted(NATIONAL_FILINGS)
        base: dict[int, int] = {}
        total = 3_000
        for y in range(1980, 2022):
            base[y] = total
            prev = max(k for k in years if k <= y) if y >= years[0] else years[0]
            total += NATIONAL_FILINGS[prev]
        last = 0
        for m in self.marks:
            y = m.filed.year
            yearly = base[y + 1] - base[y]
            n = base[y] + yearly * (m.filed.timetuple().tm_yday - 1) // 366 + rng.randint(0, 40)
            last = max(n, last + 1)
            m.number = str(last)


def generate_trademarks(rng: random.Random, applicants: Applicants, scale: float = 1.0,
                        targets: Targets | None = None) -> tuple[list[Mark], list[GIProductRecord]]:
    return TrademarkGenerator(targets or derive_targets(), scale, rng, applicants).run()
