"""Monthly seasonality of the synthetic register: how a half-year's whole counts spread over its months.

Real filing and grant series are not flat: they follow the working days (the State Council calendar of
`chinese-calendar`, so the Spring Festival holiday — late January or February — takes a week out of its
month), drop further around the Spring Festival (staff away before and after the holiday), peak in
December (year-end filings, annual targets) and less in June (the half-year close), and in 2020 fell in
February and March with the epidemic. The weights only split a half-year's planned total
(`plan.split`, largest remainder), so every calibrated half-year and year total stays exactly as planned.
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import cache

import chinese_calendar

SPRING_FESTIVAL = chinese_calendar.Holiday.spring_festival.value
AWAY = 0.85  # the Spring Festival month beyond its lost working days
FILING_PEAK = {6: 1.12, 11: 1.05, 12: 1.35}
GRANT_PEAK = {6: 1.05, 12: 1.15}  # grants are announced weekly; year-end examination closes lift December
EPIDEMIC = {(2020, 2): 0.55, (2020, 3): 0.85}  # COVID-19: offices and agencies closed into March 2020


@cache
def _month(year: int, month: int) -> tuple[int, bool]:
    """(working days, whether the Spring Festival holiday falls in the month)."""
    days = [dt.date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)]
    work = sum(1 for d in days if chinese_calendar.is_workday(d))
    festival = any(chinese_calendar.get_holiday_detail(d)[1] == SPRING_FESTIVAL for d in days)
    return work, festival


def _weight(year: int, month: int, peaks: dict[int, float]) -> float:
    work, festival = _month(year, month)
    return work * (AWAY if festival else 1.0) * peaks.get(month, 1.0) * EPIDEMIC.get((year, month), 1.0)


def filing_weights(year: int, months) -> list[float]:
    return [_weight(year, m, FILING_PEAK) for m in months]


def grant_weights(year: int, months) -> list[float]:
    return [_weight(year, m, GRANT_PEAK) for m in months]
