"""Statistical periods, the one model: month `2020-05`, quarter `2020Q2`, half `2020H1`, year `2019`,
range of whole years `2017..2019`.

A period is a closed span of whole months. Flows count records dated inside it; stocks are taken on
its last day. Parsing is strict: a bad period is a `PeriodError` naming the accepted forms.

Labels are written as officials write them. Chinese (GB/T 15835 numerals, the 一字线 "—" of
GB/T 15834 for spans): 2020年上半年, 2020年1—6月, 2019年 / 2019年全年, 2020年第二季度, 2020年5月,
2017—2019年. English: 2020 H1, Jan–Jun 2020, 2019, 2020 Q2, May 2020, 2017–2019. A label is grammar
over numbers, not a phrase to translate, so each language's form is built here and `label` picks the
one of the active language (as Django picks a locale's date format); reports, which are Chinese
documents whatever the reader's UI language, use the `zh` forms directly.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ipgov.core.choices import PeriodKind

FORMS = "2019, 2020H1, 2020Q2, 2020-05, 2017..2019"
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})Q(\d)$")
_HALF = re.compile(r"^(\d{4})H(\d)$")
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4})(?:\.\.|-)(\d{4})$")
_ZH_ORDINAL = "一二三四"
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class PeriodError(ValueError):
    """A period code that is not one of the accepted forms; the message says which forms are."""


def month_index(year: int, month: int) -> int:
    """Months as integers yyyymm (what the compiled queries produce)."""
    return year * 100 + month


def month_code(yyyymm: int) -> str:
    """202005 → "2020-05"."""
    return f"{yyyymm // 100}-{yyyymm % 100:02d}"


def add_months(yyyymm: int, n: int) -> int:
    """202001 + (-1) → 201912."""
    y, m = divmod(yyyymm, 100)
    total = y * 12 + (m - 1) + n
    return (total // 12) * 100 + total % 12 + 1


@dataclass(frozen=True, order=True)
class Period:
    first: int  # yyyymm of the first month
    last: int  # yyyymm of the last month
    kind: str  # a PeriodKind value
    code: str  # the canonical code: 2019, 2020H1, 2020Q2, 2020-05, 2017..2019

    # --- the span -----------------------------------------------------------------------------
    @property
    def start(self) -> datetime.date:
        return datetime.date(self.first // 100, self.first % 100, 1)

    @property
    def end(self) -> datetime.date:
        y, m = divmod(self.last, 100)
        return datetime.date(y, m, calendar.monthrange(y, m)[1])

    @property
    def months(self) -> list[int]:
        """The months covered, as yyyymm integers: 2020Q2 → [202004, 202005, 202006]."""
        out, m = [], self.first
        while m <= self.last:
            out.append(m)
            m = add_months(m, 1)
        return out

    @property
    def month_codes(self) -> list[str]:
        """The months covered, as month period codes: 2020Q2 → ["2020-04", "2020-05", "2020-06"]."""
        return [month_code(m) for m in self.months]

    @property
    def first_year(self) -> int:
        return self.first // 100

    @property
    def end_year(self) -> int:
        return self.last // 100

    year = end_year  # the (last) year the period falls in

    @property
    def number(self) -> int:
        """The half, quarter or month number within its year (0 for years and ranges)."""
        m = self.first % 100
        return {PeriodKind.MONTH: m, PeriodKind.QUARTER: (m + 2) // 3, PeriodKind.HALF: (m + 5) // 6}.get(
            self.kind, 0)

    @property
    def is_subannual(self) -> bool:
        return self.kind in (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF)

    @property
    def full_year(self) -> Period:
        """The calendar year the period ends in: 2020H1 → 2020."""
        return parse(str(self.end_year))

    def shifted(self, years: int) -> Period:
        """The same period `years` later (negative: earlier): 2020H1 shifted -1 → 2019H1 (for YoY)."""
        if self.kind == PeriodKind.RANGE:
            return parse(f"{self.first_year + years}..{self.end_year + years}")
        return parse(f"{self.end_year + years}{self.code[4:]}")

    def previous(self) -> Period | None:
        """The period of the same kind just before: 2020H1 → 2019H2, 2020-01 → 2019-12; None for ranges."""
        if self.kind == PeriodKind.RANGE:
            return None
        first = add_months(self.first, -len(self.months))
        y, m = divmod(first, 100)
        return parse({
            PeriodKind.MONTH: f"{y}-{m:02d}", PeriodKind.QUARTER: f"{y}Q{(m + 2) // 3}",
            PeriodKind.HALF: f"{y}H{(m + 5) // 6}", PeriodKind.YEAR: str(y),
        }[self.kind])

    # --- Chinese, as officials write it -------------------------------------------------------
    @property
    def zh(self) -> str:
        """2019年, 2020年上半年, 2020年第二季度, 2020年5月, 2017—2019年 (the form of a report's prose)."""
        y, n = self.end_year, self.number
        if self.kind == PeriodKind.HALF:
            return f"{y}年{'上' if n == 1 else '下'}半年"
        if self.kind == PeriodKind.QUARTER:
            return f"{y}年第{_ZH_ORDINAL[n - 1]}季度"
        if self.kind == PeriodKind.MONTH:
            return f"{y}年{n}月"
        return f"{y}年" if self.kind == PeriodKind.YEAR else f"{self.first_year}—{y}年"

    @property
    def zh_full(self) -> str:
        """As a title or picker says it, where a bare year could be mistaken for part of one: 2019年全年."""
        return f"{self.end_year}年全年" if self.kind == PeriodKind.YEAR else self.zh

    @property
    def zh_months(self) -> str:
        """The month-range form of statistical tables: 2020年1—6月, 2019年1—12月, 2020年5月, 2017—2019年."""
        if self.kind == PeriodKind.RANGE:
            return self.zh
        a, b = self.first % 100, self.last % 100
        return f"{self.end_year}年{a}月" if a == b else f"{self.end_year}年{a}—{b}月"

    @property
    def zh_end(self) -> str:
        """The period's last day, for stocks: 2020H1 → 2020年6月30日."""
        e = self.end
        return f"{e.year}年{e.month}月{e.day}日"

    # --- English ------------------------------------------------------------------------------
    @property
    def en(self) -> str:
        """2019, 2020 H1, 2020 Q2, May 2020, 2017–2019."""
        y, n = self.end_year, self.number
        if self.kind == PeriodKind.HALF:
            return f"{y} H{n}"
        if self.kind == PeriodKind.QUARTER:
            return f"{y} Q{n}"
        if self.kind == PeriodKind.MONTH:
            return f"{_EN_MONTHS[n - 1]} {y}"
        return str(y) if self.kind == PeriodKind.YEAR else f"{self.first_year}–{y}"

    @property
    def en_months(self) -> str:
        """Jan–Jun 2020, Jan–Dec 2019, May 2020, 2017–2019."""
        if self.kind == PeriodKind.RANGE:
            return self.en
        a, b = self.first % 100, self.last % 100
        if a == b:
            return f"{_EN_MONTHS[a - 1]} {self.end_year}"
        return f"{_EN_MONTHS[a - 1]}–{_EN_MONTHS[b - 1]} {self.end_year}"

    @property
    def en_end(self) -> str:
        """2020H1 → 30 Jun 2020."""
        e = self.end
        return f"{e.day} {_EN_MONTHS[e.month - 1]} {e.year}"

    # --- in the active language ---------------------------------------------------------------
    @property
    def label(self):
        """The period in the active language (lazy): 2019年全年 / 2019, 2020年上半年 / 2020 H1, …"""
        return _lazy_label(self, "zh_full", "en")

    @property
    def months_label(self):
        """The month-range form in the active language (lazy): 2020年1—6月 / Jan–Jun 2020."""
        return _lazy_label(self, "zh_months", "en_months")

    @property
    def end_label(self):
        """The last day in the active language (lazy): 2020年6月30日 / 30 Jun 2020."""
        return _lazy_label(self, "zh_end", "en_end")

    def __str__(self) -> str:
        return self.code


def _pick(period: Period, zh: str, en: str) -> str:
    return getattr(period, zh if (get_language() or "zh").lower().startswith("zh") else en)


_lazy_label = lazy(_pick, str)


def _error(text: str, reason: str) -> PeriodError:
    return PeriodError(_("Period “%(text)s”: %(reason)s. Write it as one of %(forms)s.")
                       % {"reason": reason, "text": text, "forms": FORMS})


def parse(text) -> Period:
    """A period from its code; `PeriodError` (with the accepted forms) for anything else."""
    raw = "" if text is None else str(text)
    s = raw.strip().upper()
    if not s:
        raise PeriodError(_("No period given. Write it as one of %(forms)s.") % {"forms": FORMS})
    if m := _MONTH.match(s):
        y, mo = int(m[1]), int(m[2])
        if not 1 <= mo <= 12:
            raise _error(raw, _("month %(n)s does not exist") % {"n": mo})
        return Period(month_index(y, mo), month_index(y, mo), PeriodKind.MONTH, f"{y}-{mo:02d}")
    if m := _QUARTER.match(s):
        y, q = int(m[1]), int(m[2])
        if not 1 <= q <= 4:
            raise _error(raw, _("quarter %(n)s does not exist") % {"n": q})
        return Period(month_index(y, 3 * q - 2), month_index(y, 3 * q), PeriodKind.QUARTER, f"{y}Q{q}")
    if m := _HALF.match(s):
        y, h = int(m[1]), int(m[2])
        if not 1 <= h <= 2:
            raise _error(raw, _("half-year %(n)s does not exist") % {"n": h})
        return Period(month_index(y, 6 * h - 5), month_index(y, 6 * h), PeriodKind.HALF, f"{y}H{h}")
    if m := _YEAR.match(s):
        y = int(m[1])
        return Period(month_index(y, 1), month_index(y, 12), PeriodKind.YEAR, str(y))
    if m := _RANGE.match(s):
        y0, y1 = int(m[1]), int(m[2])
        if y1 < y0:
            raise _error(raw, _("the range ends before it starts"))
        if y0 == y1:
            return parse(str(y0))
        return Period(month_index(y0, 1), month_index(y1, 12), PeriodKind.RANGE, f"{y0}..{y1}")
    raise _error(raw, _("unknown form"))


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
