"""Synthetic Henan patent records following the plan: filings, grants with realistic lags, publications,
lapses, invalidations, rejections and withdrawals, PCT filings, and a few records whose first applicant
is outside Henan (foreign, Hong Kong, Taiwan, other provinces).
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate

from ipgov.demo.synth import reference as ref
from ipgov.demo.synth import season
from ipgov.demo.synth.applicants import (
    ENTERPRISE,
    GOVERNMENT,
    INDIVIDUAL,
    INSTITUTE,
    UNIVERSITY,
    Applicants,
    Party,
    below,
    between,
    choose,
    draw,
    foreign_party,
    out_of_province_pair,
    person_name,
)
from ipgov.demo.synth.calibration import halves
from ipgov.demo.synth.plan import (
    DESIGN,
    GRANTS_FROM,
    INVENTION,
    LAST,
    SNAPSHOT,
    TYPES,
    UTILITY,
    PatentPlan,
    split,
)
from ipgov.rights.numbers import make_application_number

TYPE_DIGIT = {INVENTION: 1, UTILITY: 2, DESIGN: 3}
# national filings per year ÷ Henan's, as the mean gap between consecutive Henan serial numbers
SERIAL_GAP = {1: 36, 2: 23, 3: 26, 8: 400}
APPLICANT_MIX = {  # type → (kinds, weights)
    INVENTION: ((ENTERPRISE, UNIVERSITY, INSTITUTE, INDIVIDUAL, GOVERNMENT), (60, 25, 5, 8, 2)),
    UTILITY: ((ENTERPRISE, UNIVERSITY, INSTITUTE, INDIVIDUAL, GOVERNMENT), (70, 8, 2, 18, 2)),
    DESIGN: ((ENTERPRISE, UNIVERSITY, INDIVIDUAL), (62, 3, 35)),
}
APPLICANT_CUM = {kind: (kinds, list(accumulate(weights))) for kind, (kinds, weights) in APPLICANT_MIX.items()}
GRANT_LAGS = {  # months between filing and grant announcement → weight
    INVENTION: {m: w for m, w in zip(range(14, 49), [1, 2, 3, 5, 7, 9, 11, 12, 12, 12, 11, 10, 9, 8, 7, 6, 5,
                                                       4, 4, 3, 3, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
                                          strict=True)},
    UTILITY: {5: 2, 6: 8, 7: 12, 8: 12, 9: 8, 10: 4, 11: 2, 12: 1},
    DESIGN: {3: 2, 4: 10, 5: 12, 6: 8, 7: 3, 8: 1},
}
DESIGN_PRODUCTS = (("包装盒", "09-03"), ("灯具", "26-05"), ("座椅", "06-01"), ("茶杯", "07-01"), ("酒瓶", "09-01"),
                   ("电动车", "12-11"), ("手机壳", "03-01"), ("服装", "02-02"), ("玩具车", "21-01"),
                   ("标签", "19-08"), ("数控机床", "15-09"), ("防盗门", "25-02"), ("地毯", "06-11"),
                   ("路灯", "26-02"), ("茶叶罐", "09-03"), ("月饼包装", "09-05"), ("饮水机", "07-02"),
                   ("配电柜", "13-02"), ("输液器", "24-02"), ("收割机", "15-03"))
TITLE_SUFFIX = {INVENTION: ("方法", "装置", "系统", "及其制备方法", "的制备方法", "设备", "组合物"),
                UTILITY: ("装置", "结构", "设备", "机构", "组件", "", "系统")}


@dataclass(slots=True)
class Patent:
    kind: str
    filed: dt.date
    applicants: list[Party]
    inventors: list[str]
    ipc: list[str]  # main first; Locarno class for designs
    title: str
    agency: str = ""
    type_digit: int = 0
    number: str = ""
    published: dt.date | None = None
    pub_number: str = ""
    granted: dt.date | None = None
    grant_number: str = ""
    # legal events after grant or instead of it: (event kind, date); kinds in `EVENT_KINDS`
    events: list[tuple[str, dt.date]] = field(default_factory=list)
    pct: tuple[str, dt.date, str, dt.date | None] | None = None  # PCT/CN…, date, WO…, WO date
    national_phase: tuple[str, dt.date, dt.date] | None = None  # PCT/…, international date, entry date
    priority: tuple[str, dt.date] | None = None

    @property
    def first(self) -> Party:
        return self.applicants[0]

    @property
    def henan(self) -> bool:
        return bool(self.first.city)

    def terminated_on(self) -> dt.date | None:
        ends = [d for k, d in self.events if k in TERMINATING]
        return min(ends) if ends else None

    def valid_at(self, day: dt.date) -> bool:
        end = self.terminated_on()
        return self.granted is not None and self.granted <= day and (end is None or end > day)


LAPSE, INVALID, PARTIAL, REJECTED, WITHDRAWN = "lapse", "invalidation", "partial_invalidation", "rejection", "withdrawal"
TERMINATING = {LAPSE, INVALID}


def month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def month_start(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def month_end(index: int) -> dt.date:
    y, m = index // 12, index % 12 + 1
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def working_day(rng: random.Random, index: int) -> dt.date:
    start, end = month_start(index), month_end(index)
    while True:
        day = start + dt.timedelta(days=below(rng, (end - start).days + 1))
        if day.weekday() < 5:
            return day


def weekday_in_month(rng: random.Random, index: int, weekday: int) -> dt.date:
    return choose(rng, _weekdays(index, weekday))


@cache  # asked for every grant: a few hundred months
def _weekdays(index: int, weekday: int) -> tuple[dt.date, ...]:
    """The days of month `index` that fall on `weekday` (0 = Monday)."""
    start, end = month_start(index), month_end(index)
    first = start + dt.timedelta(days=(weekday - start.weekday()) % 7)
    return tuple(first + dt.timedelta(weeks=k) for k in range(6) if first + dt.timedelta(weeks=k) <= end)


def anniversary(day: dt.date, year: int) -> dt.date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return dt.date(year, 2, 28)


class PatentGenerator:
    def __init__(self, plan: PatentPlan, rng: random.Random, applicants: Applicants):
        self.plan, self.rng, self.who = plan, rng, applicants
        self.codes, weights = ref.ipc_codes()
        self.code_cum = list(accumulate(weights))  # cumulative weights: choices() then bisects
        self.records: list[Patent] = []
        self.pools: dict[tuple[str, int], list[Patent]] = {}

    # --- records --------------------------------------------------------------------------------
    def _new(self, kind: str, filed: dt.date, applicants: list[Party] | None = None) -> Patent:
        rng = self.rng
        if applicants is None:
            kinds, cum = APPLICANT_CUM[kind]
            first = self.who.pick(draw(rng, kinds, cum), filed.year)
            applicants = [first]
            if rng.random() < 0.10:
                second = self.who.pick(choose(rng, (ENTERPRISE, UNIVERSITY, INDIVIDUAL)), filed.year)
                if second.name != first.name:
                    applicants.append(second)
        inventors = [person_name(rng) for _ in range(1 if applicants[0].kind == INDIVIDUAL else between(rng, 1, 6))]
        if applicants[0].kind == INDIVIDUAL:
            inventors = [applicants[0].name]
        if kind == DESIGN:
            product, loc = choose(rng, DESIGN_PRODUCTS)
            ipc, title = [loc], product + ("" if rng.random() < 0.5 else f"（{between(rng, 1, 12)}）")
        else:
            main = draw(rng, self.codes, self.code_cum)
            extra = rng.choices(self.codes, cum_weights=self.code_cum, k=between(rng, 0, 3))
            ipc = [main.code] + [c.code for c in extra if c.code != main.code]
            topic = main.title.split("（")[0].split("；")[0].split("，")[0].split("、")[0][:14]
            title = "一种" + topic + choose(rng, TITLE_SUFFIX[kind])
        agency = choose(rng, ref.AGENCIES) if applicants[0].kind != INDIVIDUAL or rng.random() < 0.5 else ""
        p = Patent(kind, filed, applicants, inventors, ipc, title, agency, TYPE_DIGIT[kind])
        self.records.append(p)
        return p

    def filings(self) -> None:
        rng = self.rng
        for h, counts in self.plan.filings.items():
            for kind in TYPES:
                # working days, the Spring Festival dip, June and December peaks (synth/season.py)
                weights = season.filing_weights(h.year, h.months)
                for m, n in zip(h.months, split(counts[kind], weights), strict=True):
                    index = h.year * 12 + m - 1
                    pool = self.pools.setdefault((kind, index), [])
                    for _ in range(n):
                        pool.append(self._new(kind, working_day(rng, index)))
        for pool in self.pools.values():
            rng.shuffle(pool)

    def grants(self) -> None:
        """Grant exactly the planned number per half-year, each from a filing a realistic lag earlier."""
        rng = self.rng
        first_pool = month_index(dt.date(2014, 1, 1))
        for h in halves(GRANTS_FROM, LAST):
            for kind in TYPES:
                lags = GRANT_LAGS[kind]
                months = [h.year * 12 + m - 1 for m in h.months]
                weights = season.grant_weights(h.year, h.months)
                for index, n in zip(months, split(self.plan.grants[h][kind], weights), strict=True):
                    for _ in range(n):
                        self._grant_one(kind, index, lags, first_pool, rng)

    def _grant_one(self, kind, index, lags, first_pool, rng) -> None:
        choices = [lag for lag in lags if index - lag < first_pool or self.pools.get((kind, index - lag))]
        if not choices:
            raise RuntimeError(f"no {kind} filing left to grant in {month_start(index):%Y-%m}")
        lag = rng.choices(choices, [lags[c] for c in choices])[0]
        source = index - lag
        if source < first_pool:  # an older invention, filed before the synthetic filings begin
            p = self._new(kind, working_day(rng, source))
        else:
            p = self.pools[(kind, source)].pop()
        weekday = 1 if kind == INVENTION else rng.choice((1, 4))  # announced on Tuesdays (and Fridays)
        p.granted = weekday_in_month(rng, index, weekday)

    def older_in_force(self) -> None:
        """Invention patents granted 2010H2–2014H2 and still in force at the start of 2015."""
        rng = self.rng
        first, last = month_index(dt.date(2010, 7, 1)), month_index(dt.date(2014, 12, 1))
        months = list(range(first, last + 1))
        weights = [1 + (m - first) / 12 for m in months]  # grants grew year by year
        lags = GRANT_LAGS[INVENTION]
        for _ in range(self.plan.initial_invention_stock):
            index = rng.choices(months, weights)[0]
            lag = rng.choices(list(lags), list(lags.values()))[0]
            p = self._new(INVENTION, working_day(rng, index - lag))
            p.granted = weekday_in_month(rng, index, 1)

    def fates(self) -> None:
        """What became of filings never granted: rejected, withdrawn, or still pending at the snapshot."""
        rng = self.rng
        for p in self.records:
            if p.granted or not p.henan:
                continue
            age = (SNAPSHOT - p.filed).days
            if p.kind == INVENTION:
                if age > 3 * 365 or (age > 400 and rng.random() < 0.12):
                    end = min(SNAPSHOT, p.filed + dt.timedelta(days=rng.randint(400, 1100)))
                    p.events.append((REJECTED if rng.random() < 0.3 else WITHDRAWN, end))
            elif age > 365:
                end = min(SNAPSHOT, p.filed + dt.timedelta(days=rng.randint(120, 360)))
                p.events.append((REJECTED if rng.random() < 0.5 else WITHDRAWN, end))

    def invention_terminations(self) -> None:
        """Exactly the planned number of Henan invention patents lapse or are invalidated each half-year."""
        rng = self.rng
        inventions = [p for p in self.records if p.kind == INVENTION and p.granted and p.henan]
        for h, n in self.plan.invention_terminations.items():
            candidates = [p for p in inventions if p.granted < h.start and p.filed.month in h.months
                          and p.terminated_on() is None]
            if len(candidates) < n:
                raise RuntimeError(f"only {len(candidates)} invention patents can lapse in {h}, {n} planned")
            for p in rng.sample(candidates, n):
                if rng.random() < 0.04:
                    p.events.append((INVALID, working_day(rng, h.year * 12 + rng.choice(h.months) - 1)))
                else:
                    p.events.append((LAPSE, anniversary(p.filed, h.year)))
            for p in rng.sample(inventions, max(1, n // 100)):
                if p.terminated_on() is None and p.granted < h.start:
                    p.events.append((PARTIAL, working_day(rng, h.year * 12 + rng.choice(h.months) - 1)))

    def other_lapses(self) -> None:
        """Utility models and designs lapse for non-payment (not calibrated)."""
        rng = self.rng
        for p in self.records:
            if p.kind != INVENTION and p.granted and rng.random() < 0.22:
                day = anniversary(p.filed, p.filed.year + rng.randint(2, 5))
                if p.granted < day <= SNAPSHOT:
                    p.events.append((LAPSE, day))

    def publications(self) -> None:
        rng = self.rng
        for p in self.records:
            if p.kind == INVENTION:
                day = p.filed + dt.timedelta(days=rng.randint(240, 548))
                if p.granted and day >= p.granted:
                    day = p.granted - dt.timedelta(days=rng.randint(90, 200))
                ended = p.events[0][1] if p.events and not p.granted else None
                if day <= SNAPSHOT and (ended is None or day < ended):
                    p.published = day
            elif p.granted:
                p.published = p.granted

    def pct_filings(self) -> None:
        """Henan applicants' PCT applications (CNIPA as receiving office), claiming a CN filing's priority."""
        rng = self.rng
        by_year: dict[int, list[Patent]] = {}
        for p in self.records:
            if p.kind == INVENTION and p.henan and p.first.kind in (ENTERPRISE, UNIVERSITY, INSTITUTE):
                by_year.setdefault(p.filed.year, []).append(p)
        serial = 90_000
        for year, n in sorted(self.plan.pct.items()):
            pool = by_year.get(year - 1, []) + by_year.get(year, [])
            rng.shuffle(pool)
            chosen = []
            for p in pool:
                if len(chosen) == n:
                    break
                day = p.filed + dt.timedelta(days=rng.randint(200, 364))
                if day.year == year and day <= SNAPSHOT and p.pct is None:
                    chosen.append((day, p))
            if len(chosen) < n:
                raise RuntimeError(f"only {len(chosen)} CN filings can carry a PCT application in {year}")
            for day, p in sorted(chosen, key=lambda c: (c[0], c[1].filed)):
                serial += rng.randint(1, 400)
                wo_day = p.filed + dt.timedelta(days=548)
                wo = f"WO{wo_day.year}/{rng.randint(10_000, 250_000):06d}" if wo_day <= SNAPSHOT else ""
                p.pct = (f"PCT/CN{year}/{serial % 1_000_000:06d}", day, wo, wo_day if wo else None)

    def outsiders(self) -> None:
        """First applicants outside Henan: foreign and HK/Taiwan firms (direct and PCT national phase),
        and other provinces' firms with a Henan co-applicant. None of them counts for 410000."""
        rng = self.rng
        n = self.plan.s(2_400)
        for i in range(n):
            index = rng.randrange(month_index(dt.date(2015, 1, 1)), month_index(SNAPSHOT) + 1)
            day = working_day(rng, index)
            if i % 3 == 2:
                p = self._new(rng.choice((INVENTION, UTILITY)), day, out_of_province_pair(rng, self.who))
                continue
            party = foreign_party(rng)
            if i % 3 == 0:  # PCT national phase: the CN filing date is the international filing date
                intl = day - dt.timedelta(days=rng.randint(600, 900))
                p = self._new(INVENTION, intl, [party])
                p.type_digit = 8
                country = party.province_tag[-3:-1]
                p.national_phase = (f"PCT/{country}{intl.year}/{rng.randint(1, 99_999):06d}", intl, day)
            else:  # Paris route with a foreign priority
                p = self._new(INVENTION, day, [party])
                p.priority = (f"{party.province_tag[-3:-1]}{day.year - 1}-{rng.randint(10_000, 999_999)}",
                              day - dt.timedelta(days=rng.randint(200, 360)))
            lag = rng.randint(20, 40)
            grant_index = month_index(p.filed) + lag
            if grant_index <= month_index(SNAPSHOT) and rng.random() < 0.6:
                p.granted = weekday_in_month(rng, grant_index, 1)
                if p.national_phase and p.granted <= p.national_phase[2]:
                    p.granted = None

    # --- numbers --------------------------------------------------------------------------------
    def numbers(self) -> None:
        """Application numbers in filing order (year and type of the number), with check digits;
        publication numbers in publication order."""
        rng = self.rng
        def number_year(p: Patent) -> int:
            return p.national_phase[2].year if p.national_phase else p.filed.year
        def number_day(p: Patent) -> dt.date:
            return p.national_phase[2] if p.national_phase else p.filed
        self.records.sort(key=lambda p: (number_day(p), p.type_digit))
        serials: dict[tuple[int, int], int] = {}
        for p in self.records:
            key = (number_year(p), p.type_digit)
            serials[key] = serials.get(key, 0) + rng.randint(1, 2 * SERIAL_GAP[p.type_digit] - 1)
            p.number = "CN" + make_application_number(key[0], key[1], serials[key])
        _publication_numbers(self.records)

    def run(self) -> list[Patent]:
        self.filings()
        self.grants()
        self.older_in_force()
        self.fates()
        self.invention_terminations()
        self.other_lapses()
        self.publications()
        self.pct_filings()
        self.outsiders()
        self.numbers()
        return self.records


# CN publication numbers run through all publications of a kind in date order (e.g. CN110xxxxxxA in
# 2019). ipgov approximates the national sequence by a linear base per kind and day.
PUB_BASE = {"A": (104_000_000, 3_200), "B": (104_000_000, 3_200), "U": (204_000_000, 4_800), "S": (303_000_000, 1_300)}


def _publication_numbers(records: list[Patent]) -> None:
    epoch = dt.date(2015, 1, 1)
    items = []
    for p in records:
        if p.kind == INVENTION:
            if p.published:
                items.append((p.published, "A", p))
            if p.granted:
                items.append((p.granted, "B", p))
        elif p.granted:
            items.append((p.granted, "U" if p.kind == UTILITY else "S", p))
    items.sort(key=lambda x: (x[0], x[1], x[2].number))
    last: dict[tuple[dt.date, str], int] = {}
    for day, kind, p in items:
        base, per_day = PUB_BASE[kind]
        pub_kind = "A" if kind in "AB" else kind
        offset = last.get((day, pub_kind), 0) + 1
        last[(day, pub_kind)] = offset
        n = base + (day - epoch).days * per_day + offset
        number = f"CN{n}{kind}"
        if kind == "A":
            p.pub_number = number
        elif kind == "B":
            # a granted invention keeps its A publication's serial with kind B
            p.grant_number = (p.pub_number[:-1] + "B") if p.pub_number else number
        else:
            p.pub_number = p.grant_number = number


def generate_patents(plan: PatentPlan, rng: random.Random, applicants: Applicants) -> list[Patent]:
    return PatentGenerator(plan, rng, applicants).run()
