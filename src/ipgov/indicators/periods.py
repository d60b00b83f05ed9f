"""Statistical periods: month `2020-05`, quarter `2020Q2`, half `2020H1`, year `2019`, range `2017..2019`.

A period is a closed span of whole months. Flows count records dated inside it; stocks are taken
on its last day. Parsing is strict: a bad period is an error that names the accepted forms.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from ipgov.indicators.choices import PeriodKind

FORMS = "2019, 2020H1, 2020Q2, 2020-05 or 2017..2019"
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
_HALF = re.compile(r"^(\d{4})H([12])$")
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4})(?:\.\.|-)(\d{4})$")


class BadPeriod(ValueError):
    pass


def month_index(year: int, month: int) -> int:
    """Months as integers yyyymm (what the compiled queries produce)."""
    return year * 100 + month


@dataclass(frozen=True, order=True)
class Period:
    first: int  # yyyymm of the first month
    last: int  # yyyymm of the last month
    kind: str
    code: str

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.first // 100, self.first % 100, 1)

    @property
    def end(self) -> datetime.date:
        y, m = divmod(self.last, 100)
        return datetime.date(y, m, calendar.monthrange(y, m)[1])

    @property
    def months(self) -> list[int]:
        out, (y, m) = [], divmod(self.first, 100)
        while month_index(y, m) <= self.last:
            out.append(month_index(y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    @property
    def end_year(self) -> int:
        return self.last // 100

    def shifted(self, years: int) -> Period:
        """The same period `years` later (negative: earlier), e.g. for YoY."""
        y0, y1 = self.first // 100 + years, self.last // 100 + years
        code = _shift_code(self, years)
        return Period(month_index(y0, self.first % 100), month_index(y1, self.last % 100), self.kind, code)

    def __str__(self) -> str:
        return self.code


def _shift_code(p: Period, years: int) -> str:
    if p.kind == PeriodKind.RANGE:
        return f"{p.first // 100 + years}..{p.last // 100 + years}"
    return str(int(p.code[:4]) + years) + p.code[4:]


def parse(text: str) -> Period:
    s = (text or "").strip().upper()
    if m := _MONTH.match(s):
        y, mo = int(m[1]), int(m[2])
        if not 1 <= mo <= 12:
            raise BadPeriod(f"bad month in period {text!r}; use {FORMS}")
        return Period(month_index(y, mo), month_index(y, mo), PeriodKind.MONTH, f"{y}-{mo:02d}")
    if m := _QUARTER.match(s):
        y, q = int(m[1]), int(m[2])
        return Period(month_index(y, 3 * q - 2), month_index(y, 3 * q), PeriodKind.QUARTER, f"{y}Q{q}")
    if m := _HALF.match(s):
        y, h = int(m[1]), int(m[2])
        return Period(month_index(y, 6 * h - 5), month_index(y, 6 * h), PeriodKind.HALF, f"{y}H{h}")
    if m := _YEAR.match(s):
        y = int(m[1])
        return Period(month_index(y, 1), month_index(y, 12), PeriodKind.YEAR, str(y))
    if m := _RANGE.match(s):
        y0, y1 = int(m[1]), int(m[2])
        if y1 < y0:
            raise BadPeriod(f"range {text!r} ends before it starts")
        if y0 == y1:
            return parse(str(y0))
        return Period(month_index(y0, 1), month_index(y1, 12), PeriodKind.RANGE, f"{y0}..{y1}")
    raise BadPeriod(f"unknown period {text!r}; use {FORMS}")


def month_code(yyyymm: int) -> str:
    return f"{yyyymm // 100}-{yyyymm % 100:02d}"


def standard_periods(first_month: int, last_month: int) -> list[Period]:
    """Every month, quarter, half-year and year wholly inside [first_month, last_month]."""
    out: list[Period] = []
    for year in range(first_month // 100, last_month // 100 + 1):
        codes = [f"{year}-{m:02d}" for m in range(1, 13)]
        codes += [f"{year}Q{q}" for q in range(1, 5)] + [f"{year}H{h}" for h in (1, 2)] + [str(year)]
        for code in codes:
            p = parse(code)
            if p.first >= first_month and p.last <= last_month:
                out.append(p)
    return out
