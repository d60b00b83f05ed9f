"""The national synthetic register: all 31 provinces, patents and trademarks filed 2008–2020, streamed
month by month as Parquet (the snapshot layout the duckdb and spark executors read) and as CNIPA-style
monthly export CSV files (the headers and row format of `files.py`, which the importers read).

It is the province generator's national mode, not a second generator: the monthly seasonality
(`season`), the grant lags and applicant mixes (`patents`), the trademark renewal rate and national
filing curve (`trademarks`), the name pools, IPC and Nice tables (`reference`), the parties (`applicants`)
and the export rows (`files.patent_row`, `files.trademark_row`) are the province generator's own. What
differs is the scale: the province generator holds its register in memory to hit published figures
exactly; this one draws each month's records with numpy from a seed of its own (seed, register, month),
writes them and drops them, so memory is bounded by the largest month, not the register, and any month
can be regenerated alone. It is not calibrated (no published figure is reproduced) — volumes follow the
national curves below and `patents`/`trademarks` scale them.

Everything below the seed is synthetic: the province shares are ipgov's weighting shaped like CNIPA's
published provincial rankings, counties weigh by their 2020 census population (districts ×3), and the
division codes are the real GB/T 2260 codes of `ipgov.regions` (mca_division_codes_2024.csv).
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from ipgov.demo.synth import files, season
from ipgov.demo.synth import reference as ref
from ipgov.demo.synth.applicants import (
    ENTERPRISE,
    GOVERNMENT,
    INDIVIDUAL,
    INSTITUTE,
    UNIVERSITY,
    Party,
)
from ipgov.demo.synth.patents import (
    APPLICANT_MIX,
    DESIGN_PRODUCTS,
    GRANT_LAGS,
    LAPSE,
    REJECTED,
    TITLE_SUFFIX,
    WITHDRAWN,
    Patent,
)
from ipgov.demo.synth.plan import DESIGN, INVENTION, TYPES, UTILITY, split
from ipgov.demo.synth.trademarks import MARK_CHARS, NATIONAL_FILINGS, NICE_WEIGHTS, RENEWAL_RATE, Mark
from ipgov.rights.numbers import make_application_number

FIRST_YEAR, LAST_YEAR = 2008, 2020
CUTOFF = dt.date(2020, 12, 31)  # the register is a snapshot at the end of 2020
# China's patent applications of all three types by year (CNIPA annual reports, rounded): ≈ 39 million.
PATENT_FILINGS = {2008: 828_000, 2009: 977_000, 2010: 1_222_000, 2011: 1_633_000, 2012: 2_051_000,
                  2013: 2_377_000, 2014: 2_361_000, 2015: 2_799_000, 2016: 3_465_000, 2017: 3_698_000,
                  2018: 4_323_000, 2019: 4_380_000, 2020: 5_194_000}
# invention / utility / design shares, interpolated linearly between these years
TYPE_SHARES = {2008: (0.35, 0.27, 0.38), 2014: (0.39, 0.37, 0.24), 2019: (0.32, 0.52, 0.16),
               2020: (0.30, 0.56, 0.14)}
GRANT_RATE = {INVENTION: 0.55, UTILITY: 0.92, DESIGN: 0.90}
LAPSE_RATE = {INVENTION: 0.35, UTILITY: 0.6, DESIGN: 0.6}  # of granted patents, before the cutoff
PCT_RATE = 0.02  # of enterprise/university/institute inventions
FOREIGN_RATE = 0.03  # of patent applications: first applicant abroad (no region)
TRADEMARK_REGISTRATION_RATE = 0.72
TRADEMARK_CANCELLATION_RATE = 0.02
FIRST_TRADEMARK_NUMBER = 6_000_000  # about where China's application numbers stood in January 2008
# Provinces' share of the national filings: ipgov's synthetic weighting, shaped like CNIPA's published
# provincial rankings (Guangdong first, then Jiangsu, Zhejiang, Shandong, Beijing …).
PROVINCE_SHARE = {
    "440000": 18.5, "320000": 13.5, "330000": 10.3, "370000": 6.0, "110000": 5.3, "340000": 4.0,
    "310000": 4.0, "350000": 3.2, "420000": 3.2, "510000": 3.0, "410000": 3.2, "430000": 2.3,
    "130000": 2.4, "120000": 2.3, "610000": 2.0, "500000": 1.7, "360000": 2.0, "210000": 1.5,
    "450000": 1.2, "530000": 0.9, "140000": 0.8, "520000": 1.0, "230000": 0.8, "220000": 0.6,
    "620000": 0.6, "150000": 0.5, "650000": 0.4, "640000": 0.3, "460000": 0.25, "630000": 0.12,
    "540000": 0.05,
}
# first applicants abroad (no region; Hong Kong and Taiwan, which the importer places in 810000/710000, left out)
ABROAD = tuple(a for a in ref.FOREIGN_APPLICANTS if not a[0].endswith(("(71)", "(81)", "(82)")))
APPLICANT_TYPE = {ENTERPRISE: "enterprise", UNIVERSITY: "university", INSTITUTE: "research_institute",
                  INDIVIDUAL: "individual", GOVERNMENT: "government_other"}
APPLICANT_KINDS = (ENTERPRISE, UNIVERSITY, INSTITUTE, INDIVIDUAL, GOVERNMENT)
UNIVERSITY_FORMS = ("大学", "理工大学", "师范大学", "科技大学", "工业大学", "职业技术学院", "学院")
INSTITUTE_FORMS = ("农业科学院", "科学院", "机械研究院", "化工研究院", "电力科学研究院")
MARK_KINDS = (("ordinary", "普通"), ("collective", "集体"), ("certification", "证明"))
PATENT_SOURCE, TRADEMARK_SOURCE, GI_SOURCE = "patents", "trademarks", "gi_products"
# batch ids of the Parquet files: yyyymm·10 + register (1 patents, 2 trademarks), unique across sources
BATCH_KIND = {PATENT_SOURCE: 1, TRADEMARK_SOURCE: 2}


# --- the divisions ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Division:
    code: str
    name: str  # the county's name
    province: str  # province code
    place: str  # how an address names it: 广东省广州市天河区, 北京市朝阳区, 河南省济源市
    local: str  # the same without the province where records leave it out: 广州市天河区


@dataclass
class Divisions:
    counties: list[Division]
    weights: np.ndarray  # probability of each county for a national record (sums to 1)
    province_share: dict[str, float] = field(default_factory=dict)


def _census_population() -> dict[str, int]:
    path = resources.files("ipgov.regions").joinpath("data").joinpath("census2020_county_yearbook_summary.csv")
    out = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["pop_total"] not in ("", "NA"):
                out[row["code"]] = int(float(row["pop_total"]))
    return out


@cache
def divisions() -> Divisions:
    """The county-level divisions of the 31 provinces (GB/T 2260, 2024), weighted for filings."""
    path = resources.files("ipgov.regions").joinpath("data").joinpath("mca_division_codes_2024.csv")
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    names = {r["code"]: r["name"] for r in rows}
    population = _census_population()
    counties, weights = [], []
    by_province: dict[str, list[int]] = {}
    for r in rows:
        if r["level"] != "county" or r["province_code"] not in PROVINCE_SHARE:
            continue
        code, parent = r["code"], r["parent_code"]
        province = r["province_code"]
        if parent == province:  # a municipality's district or a province-administered county
            place = names[province] + r["name"]
            local = place if code[:2] in ("11", "12", "31", "50") else r["name"]
        else:
            place = names[province] + names[parent] + r["name"]
            local = names[parent] + r["name"]
        by_province.setdefault(province, []).append(len(counties))
        counties.append(Division(code, r["name"], province, place, local))
        weights.append(population.get(code, 300_000) * (3.0 if r["name"].endswith("区") else 1.0))
    raw = np.array(weights, dtype=float)
    total_share = sum(PROVINCE_SHARE.values())
    out = np.zeros(len(counties))
    for province, idx in by_province.items():
        w = raw[idx]
        out[idx] = w / w.sum() * PROVINCE_SHARE[province] / total_share
    if set(by_province) != set(PROVINCE_SHARE):
        raise RuntimeError(f"provinces without counties: {sorted(set(PROVINCE_SHARE) - set(by_province))}")
    return Divisions(counties, out / out.sum(), {p: s / total_share for p, s in PROVINCE_SHARE.items()})


# --- the volume plan ----------------------------------------------------------------------------------
def months() -> list[tuple[int, int]]:
    return [(y, m) for y in range(FIRST_YEAR, LAST_YEAR + 1) for m in range(1, 13)]


def _trademark_curve() -> dict[int, int]:
    keys = sorted(NATIONAL_FILINGS)
    return {y: NATIONAL_FILINGS[max(k for k in keys if k <= y)] for y in range(FIRST_YEAR, LAST_YEAR + 1)}


def monthly_counts(total: int, curve: dict[int, int]) -> dict[tuple[int, int], int]:
    """`total` records spread over the years as `curve` and over each year's months as the filing
    seasonality of the province generator (working days, Spring Festival, June/December peaks)."""
    years = list(range(FIRST_YEAR, LAST_YEAR + 1))
    out = {}
    for year, n in zip(years, split(total, [curve[y] for y in years]), strict=True):
        for month, k in zip(range(1, 13), split(n, season.filing_weights(year, range(1, 13))), strict=True):
            out[(year, month)] = k
    return out


def type_shares(year: int) -> tuple[float, float, float]:
    keys = sorted(TYPE_SHARES)
    lo = max(k for k in keys if k <= year)
    hi = min(k for k in keys if k >= year)
    if lo == hi:
        return TYPE_SHARES[lo]
    f = (year - lo) / (hi - lo)
    return tuple(a + (b - a) * f for a, b in zip(TYPE_SHARES[lo], TYPE_SHARES[hi], strict=True))


@cache
def _workdays(year: int, month: int) -> np.ndarray:
    import chinese_calendar

    last = calendar.monthrange(year, month)[1]
    days = [dt.date(year, month, d) for d in range(1, last + 1)]
    work = [d for d in days if chinese_calendar.is_workday(d)] or days
    return np.array(work, dtype="datetime64[D]")


def _rng(seed: int, register: int, year: int, month: int) -> np.random.Generator:
    return np.random.default_rng([seed, register, year, month])


def _month_index(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[M]").astype(int)  # months since 1970-01


def _add_years(days: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Anniversaries (29 February → 28 February)."""
    months = days.astype("datetime64[M]")
    day_of_month = (days - months.astype("datetime64[D]")).astype(int)
    target = (months + (years * 12).astype("timedelta64[M]")).astype("datetime64[D]")
    last = ((months + (years * 12).astype("timedelta64[M]") + 1).astype("datetime64[D]") - target).astype(int)
    return target + np.minimum(day_of_month, last - 1).astype("timedelta64[D]")


def _weekday_in(months: np.ndarray, weekday: int) -> np.ndarray:
    """The first `weekday` (Monday 0) of each month (datetime64[M])."""
    first = months.astype("datetime64[D]")
    wd = (first.astype(int) + 3) % 7  # 1970-01-01 was a Thursday
    return first + ((weekday - wd) % 7).astype("timedelta64[D]")


NONE_DAY = np.datetime64("NaT")


# --- one month of patents -----------------------------------------------------------------------------
@dataclass
class PatentMonth:
    """One month's patent filings as columns (the snapshot's columns and what the export rows need)."""

    county: np.ndarray  # index into divisions().counties, -1 abroad
    kind: np.ndarray  # 0 invention, 1 utility, 2 design
    applicant: np.ndarray  # index into APPLICANT_KINDS
    filed: np.ndarray
    granted: np.ndarray  # NaT when not granted
    published: np.ndarray
    ended: np.ndarray  # lapse or rejection/withdrawal (NaT when none)
    rejected: np.ndarray  # the end is a rejection/withdrawal before grant
    pct: np.ndarray
    ipc: np.ndarray  # index into reference.ipc_codes()
    numbers: list[str]
    serials: np.ndarray

    def __len__(self) -> int:
        return len(self.filed)


@cache
def _ipc() -> tuple[list, np.ndarray]:
    codes, weights = ref.ipc_codes()
    w = np.array(weights, dtype=float)
    return codes, w / w.sum()


def _lag_table(kind: str) -> tuple[np.ndarray, np.ndarray]:
    lags = GRANT_LAGS[kind]
    w = np.array(list(lags.values()), dtype=float)
    return np.array(list(lags), dtype=int), w / w.sum()


def patent_month(seed: int, year: int, month: int, n: int, serial_start: dict[int, int]) -> PatentMonth:
    """The `n` patent applications filed in `year`-`month`; `serial_start` (type digit → last serial of
    the year) is advanced in place, so the national application numbers run on across months."""
    rng = _rng(seed, 1, year, month)
    div = divisions()
    county = rng.choice(len(div.counties), n, p=div.weights)
    county[rng.random(n) < FOREIGN_RATE] = -1
    kind = rng.choice(3, n, p=type_shares(year))
    applicant = np.empty(n, dtype=int)
    for k, name in enumerate(TYPES):
        kinds, weights = APPLICANT_MIX[name]
        w = np.array([weights[kinds.index(a)] if a in kinds else 0 for a in APPLICANT_KINDS], dtype=float)
        sel = kind == k
        applicant[sel] = rng.choice(len(APPLICANT_KINDS), int(sel.sum()), p=w / w.sum())
    filed = np.sort(rng.choice(_workdays(year, month), n))
    # grants: a lag of months drawn from the province generator's table, announced on a Tuesday
    granted = np.full(n, NONE_DAY, dtype="datetime64[D]")
    for k, name in enumerate(TYPES):
        sel = np.flatnonzero(kind == k)
        lags, p = _lag_table(name)
        lag = rng.choice(lags, len(sel), p=p)
        grant = _weekday_in(filed[sel].astype("datetime64[M]") + lag.astype("timedelta64[M]"), 1)
        ok = (rng.random(len(sel)) < GRANT_RATE[name]) & (grant <= np.datetime64(CUTOFF))
        granted[sel[ok]] = grant[ok]
    is_granted = ~np.isnat(granted)
    # publication: inventions 8–18 months after filing (before the grant); others with the grant
    published = np.where(kind == 0, filed + rng.integers(240, 548, n).astype("timedelta64[D]"), granted)
    early = (kind == 0) & is_granted & (published >= granted)
    published[early] = granted[early] - rng.integers(90, 200, int(early.sum())).astype("timedelta64[D]")
    published[published > np.datetime64(CUTOFF)] = NONE_DAY
    # ends: lapses of granted patents at an anniversary; rejections/withdrawals of old pending ones
    ended = np.full(n, NONE_DAY, dtype="datetime64[D]")
    years = np.where(kind == 0, rng.integers(3, 13, n), rng.integers(2, 9, n))
    lapse = _add_years(filed, years)
    rate = np.choose(kind, [LAPSE_RATE[t] for t in TYPES])
    lapses = is_granted & (rng.random(n) < rate) & (lapse > granted) & (lapse <= np.datetime64(CUTOFF))
    ended[lapses] = lapse[lapses]
    age = (np.datetime64(CUTOFF) - filed).astype(int)
    stale = ~is_granted & (county >= 0) & np.where(kind == 0, age > 3 * 365, age > 365)
    end = filed + np.where(kind == 0, rng.integers(400, 1100, n), rng.integers(120, 360, n)).astype("timedelta64[D]")
    ended[stale] = np.minimum(end[stale], np.datetime64(CUTOFF))
    # PCT applications of firms, universities and institutes, within the priority year
    pct_day = filed + rng.integers(200, 365, n).astype("timedelta64[D]")
    pct_ok = ((kind == 0) & (applicant <= 2) & (county >= 0) & (rng.random(n) < PCT_RATE)
              & (pct_day <= np.datetime64(CUTOFF)))
    pct = np.where(pct_ok, pct_day, NONE_DAY)
    _codes, ipc_p = _ipc()
    ipc = rng.choice(len(ipc_p), n, p=ipc_p)
    # national application numbers: one running serial per year and type, in filing order, with the
    # gap the full national volume would leave between consecutive records of a scaled-down register
    serials = np.empty(n, dtype=np.int64)
    numbers = []
    for k in range(3):
        sel = np.flatnonzero(kind == k)
        gaps = rng.integers(1, 3, len(sel))
        start = serial_start.get(k + 1, 0)
        serials[sel] = np.minimum(start + np.cumsum(gaps), 9_999_999)
        if len(sel):
            serial_start[k + 1] = int(serials[sel[-1]])
    for k, s in zip(kind.tolist(), serials.tolist(), strict=True):
        numbers.append("CN" + make_application_number(year, k + 1, s))
    return PatentMonth(county, kind, applicant, filed, granted, published, ended, stale, pct, ipc, numbers,
                       serials)


def patent_arrow(m: PatentMonth, batch_id: int):
    import pyarrow as pa

    div = divisions()
    codes = np.array([c.code for c in div.counties] + [None], dtype=object)
    region = codes[m.county]  # -1 → the last (None)
    section = np.array([c.code[0] for c in _ipc()[0]], dtype=object)[m.ipc]
    section[m.kind == 2] = None  # designs carry a Locarno class, not an IPC section
    kinds = np.array(TYPES, dtype=object)
    applicant = np.array([APPLICANT_TYPE[a] for a in APPLICANT_KINDS], dtype=object)
    terminated = np.where(m.rejected, NONE_DAY, m.ended)
    return pa.table({
        "region_id": pa.array(region, type=pa.string()),
        "batch_id": pa.array(np.full(len(m), batch_id), type=pa.int64()),
        "patent_type": pa.array(kinds[m.kind], type=pa.string()),
        "filing_date": pa.array(m.filed, type=pa.date32()),
        "grant_date": pa.array(m.granted, type=pa.date32()),
        "pct_filing_date": pa.array(m.pct, type=pa.date32()),
        "is_pct": pa.array(~np.isnat(m.pct)),
        "is_domestic": pa.array(m.county >= 0),
        "applicant_type": pa.array(applicant[m.applicant], type=pa.string()),
        "ipc_section": pa.array(section, type=pa.string()),
        "terminated_on": pa.array(terminated, type=pa.date32()),
    }, schema=PATENT_SCHEMA())


# --- export rows --------------------------------------------------------------------------------------
@cache
def _short(place: str) -> str:
    for suffix in ("特别行政区", "自治区", "自治州", "自治县", "地区", "省", "市", "县", "区", "盟", "旗"):
        if place.endswith(suffix) and len(place) > len(suffix) + 1:
            return place[: -len(suffix)]
    return place


PICKS = 8  # random integers drawn per export row for its names and address


def _party(pick: list[int], kind: str, division: Division | None) -> Party:
    """An applicant or owner of `kind` in `division` (None: abroad), names from the province generator's
    pools; `pick` are the row's random integers."""
    if division is None:
        tag, name, address, foreign_kind = ABROAD[pick[0] % len(ABROAD)]
        return Party(name, foreign_kind, address, "", "", province_tag=tag, domestic=False)
    words = ref.FIRM_WORDS
    place = _short(division.name)
    if kind == ENTERPRISE:
        name = (place + words[pick[0] % len(words)] + words[pick[1] % len(words)]
                + ref.FIRM_TRADES[pick[2] % len(ref.FIRM_TRADES)] + ref.FIRM_FORMS[pick[3] % len(ref.FIRM_FORMS)])
    elif kind == INDIVIDUAL:
        name = _person(pick[0], pick[1], pick[2])
    elif kind == UNIVERSITY:
        name = place + UNIVERSITY_FORMS[pick[0] % len(UNIVERSITY_FORMS)]
    elif kind == INSTITUTE:
        name = place + INSTITUTE_FORMS[pick[0] % len(INSTITUTE_FORMS)]
    else:
        name = place + ref.GOVERNMENT[pick[0] % len(ref.GOVERNMENT)]
    street = f"{ref.STREETS[pick[4] % len(ref.STREETS)]}{pick[5] % 300 + 1}号"
    address = (division.place if pick[4] % 4 else division.local) + street
    return Party(name, kind, address, division.province, division.code, province_tag=_tag(division.province))


def _person(a: int, b: int, c: int) -> str:
    return (ref.SURNAMES[a % len(ref.SURNAMES)] + ref.GIVEN[b % len(ref.GIVEN)]
            + ("" if c % 5 < 3 else ref.GIVEN[c % len(ref.GIVEN)][:1]))


@cache
def _province_names() -> dict[str, str]:
    path = resources.files("ipgov.regions").joinpath("data").joinpath("mca_division_codes_2024.csv")
    with path.open(encoding="utf-8", newline="") as f:
        return {r["code"]: r["name"] for r in csv.DictReader(f) if r["level"] == "province"}


@cache
def _tag(code: str) -> str:
    """国省代码 as the exports print it: `广东(44)` for 440000."""
    name = _province_names()[code]
    for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
        name = name.removesuffix(suffix)
    return f"{name}({code[:2]})"


def patent_rows(seed: int, year: int, month: int, m: PatentMonth) -> Iterator[list[str]]:
    """The month's export rows (files.PATENT_HEADERS), through the province generator's own row format."""
    rng = _rng(seed, 11, year, month)
    n = len(m)
    picks = rng.integers(0, 1 << 30, (n, PICKS)).tolist()
    counties = divisions().counties
    codes, _p = _ipc()
    cols = zip(m.kind.tolist(), m.county.tolist(), m.applicant.tolist(), m.filed.tolist(), m.granted.tolist(),
               m.published.tolist(), m.ended.tolist(), m.rejected.tolist(), m.pct.tolist(), m.ipc.tolist(),
               m.serials.tolist(), m.numbers, picks, strict=True)
    for i, (k, c, who_kind, filed, granted, published, ended, rejected, pct, ipc_i, serial, number, pick) in enumerate(
            cols, 1):
        kind = TYPES[k]
        who = _party(pick, APPLICANT_KINDS[who_kind], counties[c] if c >= 0 else None)
        if kind == DESIGN:
            product, loc = DESIGN_PRODUCTS[ipc_i % len(DESIGN_PRODUCTS)]
            ipc, title = [loc], product
        else:
            code = codes[ipc_i]
            ipc = [code.code]
            suffixes = TITLE_SUFFIX[kind]
            title = ("一种" + code.title.split("（")[0].split("；")[0].split("，")[0].split("、")[0][:14]
                     + suffixes[serial % len(suffixes)])
        inventors = [who.name] if who.kind == INDIVIDUAL else [_person(pick[6], pick[7], pick[3])]
        p = Patent(kind, filed, [who], inventors, ipc, title, type_digit=k + 1, number=number,
                   published=published, granted=granted)
        # publication numbers: a running serial per kind (the national sequence is in publication order;
        # this one follows the application numbers — unique, the right kind letter, not the real sequence)
        pub = (k + 1) * 100_000_000 + (year - 2000) * 3_000_000 + serial
        if kind == INVENTION:
            p.pub_number = f"CN{pub}A" if published else ""
            p.grant_number = f"CN{pub}B" if granted else ""
        elif granted:
            p.pub_number = p.grant_number = f"CN{pub}{'U' if kind == UTILITY else 'S'}"
        if ended:
            p.events.append(((REJECTED if pick[6] % 5 < 2 else WITHDRAWN) if rejected else LAPSE, ended))
        if pct:
            p.pct = (f"PCT/CN{pct.year}/{serial % 1_000_000:06d}", pct, "", None)
        yield files.patent_row(i, p)


# --- one month of trademarks --------------------------------------------------------------------------
@dataclass
class TrademarkMonth:
    county: np.ndarray
    kind: np.ndarray  # index into MARK_KINDS
    cls: np.ndarray  # Nice class
    filed: np.ndarray
    registered: np.ndarray
    ended: np.ndarray
    status: np.ndarray  # 0 registered/pending, 1 refused, 2 expired, 3 cancelled
    renewed: np.ndarray
    is_gi: np.ndarray
    well_known: np.ndarray
    numbers: np.ndarray
    owner_kind: np.ndarray

    def __len__(self) -> int:
        return len(self.filed)


@cache
def _nice() -> tuple[np.ndarray, np.ndarray]:
    classes = np.array([c for c, _ in ref.nice_classes()], dtype=int)
    w = np.array([NICE_WEIGHTS.get(int(c), 1) for c in classes], dtype=float)
    return classes, w / w.sum()


def trademark_month(seed: int, year: int, month: int, n: int, last_number: list[int]) -> TrademarkMonth:
    """The `n` trademark applications filed in `year`-`month`; `last_number` ([int]) carries the national
    application-number sequence across months."""
    rng = _rng(seed, 2, year, month)
    div = divisions()
    county = rng.choice(len(div.counties), n, p=div.weights)
    kind = rng.choice(3, n, p=[0.995, 0.002, 0.003])
    classes, p = _nice()
    cls = rng.choice(classes, n, p=p)
    filed = np.sort(rng.choice(_workdays(year, month), n))
    lag = np.where(year < 2015, rng.integers(360, 600, n), np.where(year < 2018, rng.integers(240, 380, n),
                                                                     rng.integers(150, 270, n)))
    reg_month = (filed + lag.astype("timedelta64[D]")).astype("datetime64[M]")
    registered = reg_month.astype("datetime64[D]") + (rng.choice([6, 13, 20, 27], n) - 1).astype("timedelta64[D]")
    ok = (rng.random(n) < TRADEMARK_REGISTRATION_RATE) & (registered <= np.datetime64(CUTOFF))
    registered = np.where(ok, registered, NONE_DAY)
    status = np.where(ok, 0, np.where((np.datetime64(CUTOFF) - filed).astype(int) > 540, 1, 0))
    # ten-year terms: renewed, or expired the day after the term
    term_end = _add_years(registered, np.full(n, 10)) - np.timedelta64(1, "D")
    due = ok & (term_end <= np.datetime64(CUTOFF))
    renewed = due & (rng.random(n) < RENEWAL_RATE)
    ended = np.where(due & ~renewed, term_end + np.timedelta64(1, "D"), NONE_DAY)
    status = np.where(due & ~renewed, 2, status)
    life = (np.datetime64(CUTOFF) - registered).astype("timedelta64[D]").astype(float)
    cancel = ok & ~due & (rng.random(n) < TRADEMARK_CANCELLATION_RATE) & (life > 30)
    cancel_day = registered + (rng.random(n) * np.nan_to_num(life, nan=0)).astype(int).astype("timedelta64[D]")
    ended = np.where(cancel, cancel_day + np.timedelta64(1, "D"), ended)
    status = np.where(cancel, 3, status)
    is_gi = (kind > 0) & (rng.random(n) < 0.5)
    wk_day = registered + rng.integers(400, 3000, n).astype("timedelta64[D]")
    well = ok & ~np.isnat(wk_day) & (rng.random(n) < 0.0003) & (wk_day <= np.datetime64(CUTOFF)) & np.isnat(ended)
    well_known = np.where(well, wk_day, NONE_DAY)
    gaps = rng.integers(1, 3, n)
    numbers = last_number[0] + np.cumsum(gaps)
    if n:
        last_number[0] = int(numbers[-1])
    owner_kind = np.where(rng.random(n) < 0.3, 3, 0)  # individual / enterprise (APPLICANT_KINDS)
    return TrademarkMonth(county, kind, cls, filed, registered, ended, status, renewed, is_gi, well_known,
                          numbers, owner_kind)


def trademark_arrow(m: TrademarkMonth, batch_id: int):
    import pyarrow as pa

    codes = np.array([c.code for c in divisions().counties], dtype=object)
    kinds = np.array([k for k, _ in MARK_KINDS], dtype=object)
    return pa.table({
        "region_id": pa.array(codes[m.county], type=pa.string()),
        "batch_id": pa.array(np.full(len(m), batch_id), type=pa.int64()),
        "kind": pa.array(kinds[m.kind], type=pa.string()),
        "filing_date": pa.array(m.filed, type=pa.date32()),
        "registration_date": pa.array(m.registered, type=pa.date32()),
        "is_gi": pa.array(m.is_gi),
        "is_domestic": pa.array(np.ones(len(m), dtype=bool)),
        "well_known_on": pa.array(m.well_known, type=pa.date32()),
        "terminated_on": pa.array(m.ended, type=pa.date32()),
    }, schema=TRADEMARK_SCHEMA())


STATUS = {1: "驳回", 2: "期满未续展", 3: "撤销"}


def trademark_rows(seed: int, year: int, month: int, m: TrademarkMonth) -> Iterator[list[str]]:
    """The month's export rows (files.TRADEMARK_HEADERS), through the province generator's row format."""
    rng = _rng(seed, 12, year, month)
    picks = rng.integers(0, 1 << 30, (len(m), PICKS)).tolist()
    counties = divisions().counties
    chars = MARK_CHARS
    renewal = _add_years(m.registered, np.full(len(m), 10)) - np.timedelta64(30, "D")
    cols = zip(m.county.tolist(), m.owner_kind.tolist(), m.cls.tolist(), m.filed.tolist(), m.registered.tolist(),
               m.numbers.tolist(), m.kind.tolist(), m.is_gi.tolist(), m.well_known.tolist(), m.status.tolist(),
               m.ended.tolist(), m.renewed.tolist(), renewal.tolist(), picks, strict=True)
    for i, (c, owner_kind, cls, filed, registered, number, kind, is_gi, well_known, status, ended, renewed,
            renewed_on, pick) in enumerate(cols, 1):
        owner = _party(pick, APPLICANT_KINDS[owner_kind], counties[c])
        name = chars[pick[6] % len(chars)] + chars[pick[7] % len(chars)] + ("" if pick[3] % 2 else
                                                                             chars[pick[2] % len(chars)])
        mark = Mark(owner, [cls], name, filed, registered, number=str(number), kind=MARK_KINDS[kind][1],
                    is_gi=is_gi, well_known_on=well_known,
                    status=STATUS.get(status, "" if registered else "等待实质审查"), ended=ended)
        if renewed:
            mark.renewals.append(renewed_on)
        yield files.trademark_row(i, mark)


# --- schemas and the writer ---------------------------------------------------------------------------
def PATENT_SCHEMA():  # noqa: N802 - a constant built lazily (pyarrow imported on use)
    import pyarrow as pa

    return pa.schema([("region_id", pa.string()), ("batch_id", pa.int64()), ("patent_type", pa.string()),
                      ("filing_date", pa.date32()), ("grant_date", pa.date32()), ("pct_filing_date", pa.date32()),
                      ("is_pct", pa.bool_()), ("is_domestic", pa.bool_()), ("applicant_type", pa.string()),
                      ("ipc_section", pa.string()), ("terminated_on", pa.date32())])


def TRADEMARK_SCHEMA():  # noqa: N802
    import pyarrow as pa

    return pa.schema([("region_id", pa.string()), ("batch_id", pa.int64()), ("kind", pa.string()),
                      ("filing_date", pa.date32()), ("registration_date", pa.date32()), ("is_gi", pa.bool_()),
                      ("is_domestic", pa.bool_()), ("well_known_on", pa.date32()), ("terminated_on", pa.date32())])


def GI_SCHEMA():  # noqa: N802
    import pyarrow as pa

    return pa.schema([("region_id", pa.string()), ("batch_id", pa.int64()), ("approval_date", pa.date32())])


@dataclass
class Written:
    patents: int = 0
    trademarks: int = 0
    months: int = 0
    csv_files: list[str] = field(default_factory=list)
    peak_rss_mb: float = 0.0


def _rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate(out: Path, patents: int, trademarks: int, seed: int = 2020, parquet: bool = True,
             csv_files: bool = True, months_only: set[tuple[int, int]] | None = None,
             progress=None) -> Written:
    """Write the national register under `out`: `snapshot/<source>/batch-<id>.parquet` (+ `empty.parquet`,
    `manifest.json`; the regions table is the caller's, see `write_regions`) and
    `exports/patents_YYYY-MM.csv`, `exports/trademarks_YYYY-MM.csv`. Month by month: each month is drawn,
    written and dropped. `months_only` regenerates just those months (the same bytes as a full run)."""
    import pyarrow.parquet as pq

    out = Path(out)
    snap, exports = out / "snapshot", out / "exports"
    written = Written()
    p_counts = monthly_counts(patents, PATENT_FILINGS)
    t_counts = monthly_counts(trademarks, _trademark_curve())
    manifest: dict[str, dict[str, list]] = {PATENT_SOURCE: {}, TRADEMARK_SOURCE: {}, GI_SOURCE: {}}
    if parquet:
        for source, schema in ((PATENT_SOURCE, PATENT_SCHEMA()), (TRADEMARK_SOURCE, TRADEMARK_SCHEMA()),
                               (GI_SOURCE, GI_SCHEMA())):
            (snap / source).mkdir(parents=True, exist_ok=True)
            pq.write_table(schema.empty_table(), snap / source / "empty.parquet")
    if csv_files:
        exports.mkdir(parents=True, exist_ok=True)
    serials: dict[int, int] = {}
    tm_number = [FIRST_TRADEMARK_NUMBER]
    year_seen = None
    for year, month in months():
        if year != year_seen:
            serials, year_seen = {}, year
        # the month's records are drawn even when skipped: the number sequences run on
        pm = patent_month(seed, year, month, p_counts[(year, month)], serials)
        tm = trademark_month(seed, year, month, t_counts[(year, month)], tm_number)
        if months_only is not None and (year, month) not in months_only:
            continue
        for source, m, arrow, rows, headers in (
                (PATENT_SOURCE, pm, patent_arrow, patent_rows, files.PATENT_HEADERS),
                (TRADEMARK_SOURCE, tm, trademark_arrow, trademark_rows, files.TRADEMARK_HEADERS)):
            batch = (year * 100 + month) * 10 + BATCH_KIND[source]
            if parquet:
                path = snap / source / f"batch-{batch}.parquet"
                tmp = path.with_suffix(".tmp")
                pq.write_table(arrow(m, batch), tmp)
                os.replace(tmp, path)
                manifest[source][str(batch)] = [len(m), "synthetic"]
            if csv_files:
                name = f"{source}_{year}-{month:02d}.csv"
                with open(exports / name, "w", encoding="utf-8-sig", newline="") as fh:
                    w = csv.writer(fh, lineterminator="\r\n")
                    w.writerow(headers)
                    w.writerows(rows(seed, year, month, m))
                written.csv_files.append(name)
        written.patents += len(pm)
        written.trademarks += len(tm)
        written.months += 1
        written.peak_rss_mb = max(written.peak_rss_mb, _rss_mb())
        del pm, tm
        if progress:
            progress(year, month, written)
    if parquet:
        if months_only is None:
            (snap / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return written


def write_regions(snapshot_dir: Path) -> None:
    """The regions table of the snapshot (code, city_id, province_id) from the packaged divisions, as
    `regions.loader.build_regions` makes the Region rows (needs Django's app registry)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ipgov.regions.loader import build_regions

    rows, _versions = build_regions()
    codes = sorted(rows)
    folder = Path(snapshot_dir) / "regions"
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table({"code": pa.array(codes, type=pa.string()),
                             "city_id": pa.array([rows[c]["city_id"] for c in codes], type=pa.string()),
                             "province_id": pa.array([rows[c]["province_id"] for c in codes], type=pa.string())}),
                   folder / "regions.parquet")
