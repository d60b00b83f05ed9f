"""Chinese working-day arithmetic for statutory deadlines (official holidays and make-up workdays).

Rules (docs/cases.md): the day a period starts on is not counted; "N个工作日" counts working days
as published by the State Council (a make-up Saturday counts, a holiday weekday does not);
"N日" and "N个月" are calendar periods, and a calendar period whose last day is not a working day
ends on the next working day. Years the `chinese-calendar` package has no data for yet are
computed with Monday–Friday only and reported as provisional, never refused.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from functools import lru_cache

import chinese_calendar

from ipgov.cases.choices import DeadlineUnit

FIRST_YEAR = min(chinese_calendar.holidays).year
LAST_YEAR = max(chinese_calendar.holidays).year


@dataclass(frozen=True)
class Due:
    date: datetime.date
    provisional: bool  # True when a year beyond the holiday data was involved


def covered(day: datetime.date) -> bool:
    return FIRST_YEAR <= day.year <= LAST_YEAR


@lru_cache(maxsize=65536)
def is_working_day(day: datetime.date) -> bool:
    if covered(day):
        return chinese_calendar.is_workday(day)
    return day.weekday() < 5


def next_working_day(day: datetime.date) -> datetime.date:
    """`day` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def add_working_days(start: datetime.date, n: int) -> Due:
    """The n-th working day after `start` (the start day is not counted)."""
    if n < 1:
        raise ValueError("a working-day period is at least 1 day")
    day, provisional = start, not covered(start)
    while n:
        day += datetime.timedelta(days=1)
        provisional |= not covered(day)
        if is_working_day(day):
            n -= 1
    return Due(day, provisional)


def add_months(start: datetime.date, n: int) -> datetime.date:
    """Same day number n months later; the month's last day when the month is shorter."""
    month = start.month - 1 + n
    year, month = start.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def due_date(start: datetime.date, amount: int, unit: str) -> Due:
    """The last day of a period of `amount` `unit`s starting on `start`."""
    if unit == DeadlineUnit.WORKING_DAYS:
        return add_working_days(start, amount)
    if unit == DeadlineUnit.DAYS:
        end = start + datetime.timedelta(days=amount)
    elif unit == DeadlineUnit.MONTHS:
        end = add_months(start, amount)
    else:
        raise ValueError(f"unknown deadline unit {unit!r}")
    rolled = next_working_day(end)
    return Due(rolled, not (covered(end) and covered(rolled)))


def extend(due: datetime.date, amount: int, unit: str) -> Due:
    """A period extended by `amount` `unit`s counts on from its current last day."""
    return due_date(due, amount, unit)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        count += is_working_day(day)
    return count
