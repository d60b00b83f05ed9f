"""Deadline arithmetic against the State Council's published holidays and make-up workdays."""

import datetime

import pytest

from ipgov.cases import workdays
from ipgov.cases.choices import DeadlineUnit

D = datetime.date


def test_spring_festival_2020_extended_holiday():
    # 2020: holiday 24 Jan – 2 Feb (extended by the State Council), 19 Jan (Sunday) a make-up workday.
    assert workdays.is_working_day(D(2020, 1, 19))
    assert not workdays.is_working_day(D(2020, 1, 31))
    assert workdays.add_working_days(D(2020, 1, 20), 5).date == D(2020, 2, 4)
    # 15 working days (market-regulation filing decision) across the festival
    assert workdays.add_working_days(D(2020, 1, 10), 15).date == D(2020, 2, 7)


def test_spring_festival_2019_make_up_weekend():
    # 2019: holiday 4–10 Feb; Saturday 2 Feb and Sunday 3 Feb were working days.
    assert workdays.add_working_days(D(2019, 1, 31), 3).date == D(2019, 2, 3)
    assert workdays.add_working_days(D(2019, 2, 3), 1).date == D(2019, 2, 11)


def test_national_day_2019():
    # Sunday 29 Sep and Saturday 12 Oct were make-up workdays; 1–7 Oct holiday.
    assert workdays.add_working_days(D(2019, 9, 27), 5).date == D(2019, 10, 10)
    assert workdays.add_working_days(D(2019, 10, 10), 2).date == D(2019, 10, 12)
    assert workdays.working_days_between(D(2019, 9, 27), D(2019, 10, 12)) == 7


def test_calendar_period_ending_on_a_holiday_moves_to_the_next_working_day():
    assert workdays.due_date(D(2019, 9, 1), 1, DeadlineUnit.MONTHS).date == D(2019, 10, 8)
    assert workdays.due_date(D(2019, 7, 3), 90, DeadlineUnit.DAYS).date == D(2019, 10, 8)
    # a calendar period ending on a make-up Saturday ends that Saturday
    assert workdays.due_date(D(2019, 9, 12), 30, DeadlineUnit.DAYS).date == D(2019, 10, 12)


def test_months_clamp_to_month_end_and_roll_over_weekends():
    assert workdays.add_months(D(2019, 11, 30), 3) == D(2020, 2, 29)
    assert workdays.due_date(D(2019, 11, 30), 3, DeadlineUnit.MONTHS).date == D(2020, 3, 2)
    assert workdays.add_months(D(2019, 1, 31), 1) == D(2019, 2, 28)


def test_years_without_published_holidays_are_provisional():
    due = workdays.add_working_days(D(workdays.LAST_YEAR, 12, 28), 5)
    assert due.provisional
    assert not workdays.add_working_days(D(2019, 6, 3), 5).provisional


def test_a_working_day_period_is_at_least_one_day():
    with pytest.raises(ValueError):
        workdays.add_working_days(D(2019, 6, 3), 0)
