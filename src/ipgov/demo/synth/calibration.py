"""Calibration targets of the synthetic Henan register and the arithmetic that turns them into
whole numbers of records.

The published figures (``../shared/seed/FIGURES.md``, the work report of the Henan IP symposium of
14 August 2020, and the 2019/2017 headline facts in ``ip_headline_facts_from_pages.csv``) are
rounded values, ratios and year-on-year changes. The register is made of records, so every figure
must become a whole count that, put through the counting rules of DESIGN.md, gives back the
published value when rounded the way the source rounds it. This module finds those counts; the
generator then builds exactly that many records. Nothing here is counted from records: the tests
count the imported register through the ORM and compare with the published values.

Rounding is half-up on exact decimals (``Decimal``), as a statistician rounds, never float ``round``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

# 第七次全国人口普查: Henan resident population at 2020-11-01. ipgov holds only this census (no annual
# estimates), and `regions.services.population(code, year)` answers the earliest year when none is
# earlier, so every per-10k figure of 2017–2020 is divided by the 2020 census population.
HENAN = "410000"
HENAN_POPULATION_2020 = 99_365_519


def rounded(value: Fraction | Decimal | int, places: int) -> Decimal:
    """Half-up rounding of an exact value to `places` decimals."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    quantum = Decimal(1).scaleb(-places)
    return Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


def yoy_percent(current: int, previous: int, places: int = 1) -> Decimal:
    """Year-on-year change in percent: (current ÷ previous − 1) × 100, rounded half-up."""
    if previous <= 0:
        raise ValueError(f"previous value must be positive, got {previous}")
    return rounded((Fraction(current, previous) - 1) * 100, places)


def per_10k(stock: int, population: int, places: int = 2) -> Decimal:
    """每万人口拥有量: stock ÷ (population ÷ 10,000), rounded half-up."""
    return rounded(Fraction(stock * 10_000, population), places)


def in_wan(count: int, places: int = 1) -> Decimal:
    """A count in 万 (10,000s) as the sources quote it: 98.8万, 19万."""
    return rounded(Fraction(count, 10_000), places)


def solve_prior(current: int, percent: str, places: int) -> int:
    """The whole previous-period value nearest to current ÷ (1 + percent/100) whose YoY rounds to `percent`.

    Raises ValueError when no whole number gives the published change (e.g. 21 at +54%).
    """
    target = Decimal(percent)
    ideal = Fraction(current) / (1 + Fraction(target) / 100)
    centre = round(ideal)
    for delta in range(0, 50):
        for candidate in (centre - delta, centre + delta):
            if candidate > 0 and yoy_percent(current, candidate, places) == target:
                return candidate
    raise ValueError(f"no whole previous value gives {current} at {percent}% (rounded to {places} decimals)")


def whole_priors(current: int, percent: str, places: int, spread: int = 3) -> list[tuple[int, Decimal]]:
    """Whole previous values around the ideal one and the YoY each gives (to show an inconsistency)."""
    ideal = Fraction(current) / (1 + Fraction(Decimal(percent)) / 100)
    centre = round(ideal)
    return [(c, yoy_percent(current, c, places)) for c in range(centre - spread, centre + spread + 1) if c > 0]


def solve_stock_per_10k(value: str, population: int) -> int:
    """The whole stock nearest to value × population ÷ 10,000 that gives `value` when rounded."""
    target = Decimal(value)
    places = -target.as_tuple().exponent
    centre = round(Fraction(target) * population / 10_000)
    for delta in range(0, 50):
        for candidate in (centre - delta, centre + delta):
            if per_10k(candidate, population, places) == target:
                return candidate
    raise ValueError(f"no whole stock gives {value} per 10,000 of {population}")


def solve_wan(value: str) -> int:
    """The whole count nearest to a figure quoted in 万 (98.8万 → 988,000)."""
    return int(Fraction(Decimal(value)) * 10_000)


# --- periods ---------------------------------------------------------------------------------------

@dataclass(frozen=True, order=True)
class Half:
    """A half-year: H1 = Jan–Jun, H2 = Jul–Dec. The calibration works on half-years."""

    year: int
    half: int  # 1 or 2

    @classmethod
    def of(cls, day: dt.date) -> Half:
        return cls(day.year, 1 if day.month <= 6 else 2)

    @classmethod
    def parse(cls, text: str) -> Half:
        return cls(int(text[:4]), int(text[-1]))

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 6, 30) if self.half == 1 else dt.date(self.year, 12, 31)

    @property
    def months(self) -> range:
        return range(1, 7) if self.half == 1 else range(7, 13)

    def next(self) -> Half:
        return Half(self.year, 2) if self.half == 1 else Half(self.year + 1, 1)

    def prev(self) -> Half:
        return Half(self.year - 1, 2) if self.half == 1 else Half(self.year, 1)

    def __str__(self) -> str:
        return f"{self.year}H{self.half}"


def halves(first: Half, last: Half) -> list[Half]:
    out, h = [], first
    while h <= last:
        out.append(h)
        h = h.next()
    return out


# --- the targets -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Published:
    """One published figure and where it comes from."""

    indicator: str
    period: str
    value: str
    source: str
    note: str = ""


SEED = "seed FIGURES.md (Henan IP symposium work report, 2020-08-14)"
FACTS_2019 = "ip_headline_facts_from_pages.csv: zjxx.hnpatent.gov.cn 2020-04-27 (去年河南每万人拥有发明专利3.88件)"
FACTS_2017 = "ip_headline_facts_from_pages.csv: bj.cri.cn 2017-08-01 (上半年河南专利申请量达51228件)"

PUBLISHED = [
    Published("patent_applications", "2019", "144010", SEED),
    Published("patent_grants", "2019", "86247", SEED),
    Published("pct_applications", "2019", "217", SEED),
    Published("patent_applications", "2020H1", "80868", SEED, "YoY +21.4%"),
    Published("patent_grants", "2020H1", "52106", SEED, "YoY +25.4%"),
    Published("valid_invention_patents_per_10k", "2020-06-30", "4.12", SEED, "YoY +10.64%"),
    Published("trademark_applications", "2020H1", "19万", SEED),
    Published("trademarks_valid", "2020-06-30", "98.8万", SEED, "YoY +30.7%"),
    Published("gi_approvals", "2019", "21", SEED, "YoY +54% (no whole 2018 count gives it)"),
    Published("well_known_marks_new", "2019", "7", SEED),
    Published("well_known_marks_total", "2019-12-31", "274", SEED),
    Published("valid_invention_patents_per_10k", "2019-12-31", "3.88", FACTS_2019),
    Published("trademarks_valid", "2019-12-31", "87.4万", FACTS_2019),
    Published("patent_applications", "2017H1", "51228", FACTS_2017, "YoY +26.7%"),
    Published("invention_applications", "2017H1", "14391", FACTS_2017, "YoY +39.5%"),
    Published("patent_grants", "2017H1", "24074", FACTS_2017, "YoY +6.4%"),
    Published("valid_invention_patents", "2017-06-30", "25310", FACTS_2017),
    Published("valid_invention_patents_per_10k", "2017-06-30", "2.67", FACTS_2017,
              "not reproducible with the 2020 census population (gives 2.55): the source divided by "
              "an earlier annual estimate (≈9,479万)"),
]


@dataclass(frozen=True)
class Finding:
    """A published figure the register cannot reproduce, and why (a consistency check, not a fix)."""

    figure: str
    reason: str


@dataclass
class Targets:
    """Whole-number targets for region 410000 (Henan), derived from the published figures."""

    population: int = HENAN_POPULATION_2020
    # flows by half-year (all three patent types; domestic = Henan first applicant)
    applications: dict[str, int] = field(default_factory=dict)
    invention_applications: dict[str, int] = field(default_factory=dict)
    grants: dict[str, int] = field(default_factory=dict)
    pct: dict[int, int] = field(default_factory=dict)  # by year of international filing date
    # stocks at a date
    valid_inventions: dict[dt.date, int] = field(default_factory=dict)
    trademark_applications: dict[str, int] = field(default_factory=dict)
    trademarks_valid: dict[dt.date, int] = field(default_factory=dict)
    gi_approvals: dict[int, int] = field(default_factory=dict)  # GI trademarks + GI products, by year
    well_known_new: dict[int, int] = field(default_factory=dict)
    well_known_total: dict[dt.date, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def derive_targets() -> Targets:
    """Every whole-number target, with the arithmetic that justifies it."""
    t = Targets()
    pop = t.population
    # Patent flows. Half-year targets: a year's figure fixes H1 + H2, a YoY fixes the prior H1.
    t.applications["2019"] = 144_010
    t.applications["2020H1"] = 80_868
    t.applications["2019H1"] = solve_prior(80_868, "21.4", 1)
    t.applications["2017H1"] = 51_228
    t.applications["2016H1"] = solve_prior(51_228, "26.7", 1)
    t.invention_applications["2017H1"] = 14_391
    t.invention_applications["2016H1"] = solve_prior(14_391, "39.5", 1)
    t.grants["2019"] = 86_247
    t.grants["2020H1"] = 52_106
    t.grants["2019H1"] = solve_prior(52_106, "25.4", 1)
    t.grants["2017H1"] = 24_074
    t.grants["2016H1"] = solve_prior(24_074, "6.4", 1)
    t.pct[2019] = 217
    # Invention stock (domestic valid invention patents), from per-10k values and the YoY.
    june20 = solve_stock_per_10k("4.12", pop)
    t.valid_inventions[dt.date(2020, 6, 30)] = june20
    t.valid_inventions[dt.date(2019, 6, 30)] = solve_prior(june20, "10.64", 2)
    t.valid_inventions[dt.date(2019, 12, 31)] = solve_stock_per_10k("3.88", pop)
    t.valid_inventions[dt.date(2017, 6, 30)] = 25_310
    if per_10k(25_310, pop) != Decimal("2.67"):
        t.findings.append(Finding(
            "2017-06-30 valid invention patents 25,310 = 2.67 per 10,000",
            f"25,310 ÷ {pop / 10_000:,.4f}万 = {per_10k(25_310, pop)}: with the 2020 census the published "
            "2.67 is not reproduced (it implies a population of about 94.8 million); ipgov keeps the "
            "stock 25,310 and reports 2.55"))
    # Trademarks (counts quoted in 万).
    t.trademark_applications["2020H1"] = solve_wan("19")
    tm_june20 = solve_wan("98.8")
    t.trademarks_valid[dt.date(2020, 6, 30)] = tm_june20
    t.trademarks_valid[dt.date(2019, 6, 30)] = solve_prior(tm_june20, "30.7", 1)
    t.trademarks_valid[dt.date(2019, 12, 31)] = solve_wan("87.4")
    # GI approvals: 21 in 2019 at "+54%". No whole 2018 count gives +54%: 14 → +50.0%, 13 → +61.5%.
    t.gi_approvals[2019] = 21
    try:
        t.gi_approvals[2018] = solve_prior(21, "54", 0)
    except ValueError:
        t.gi_approvals[2018] = 14  # nearest: |50.0 − 54| < |61.5 − 54|
        t.findings.append(Finding(
            "2019 GI approvals 21, YoY +54%",
            "21 ÷ 1.54 = 13.64 is not a whole number: 14 gives +50.0%, 13 gives +61.5%; ipgov uses 14 "
            "(the nearer) and reports +50.0%, so the published +54% is flagged as inconsistent"))
    t.well_known_new[2019] = 7
    t.well_known_total[dt.date(2019, 12, 31)] = 274
    return t
