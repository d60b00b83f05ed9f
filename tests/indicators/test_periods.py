import datetime

import pytest

from ipgov.indicators import periods


@pytest.mark.parametrize("text,kind,start,end", [
    ("2019", "year", datetime.date(2019, 1, 1), datetime.date(2019, 12, 31)),
    ("2020H1", "half", datetime.date(2020, 1, 1), datetime.date(2020, 6, 30)),
    ("2020h2", "half", datetime.date(2020, 7, 1), datetime.date(2020, 12, 31)),
    ("2020Q2", "quarter", datetime.date(2020, 4, 1), datetime.date(2020, 6, 30)),
    ("2020-02", "month", datetime.date(2020, 2, 1), datetime.date(2020, 2, 29)),
    ("2017..2019", "range", datetime.date(2017, 1, 1), datetime.date(2019, 12, 31)),
    ("2017-2019", "range", datetime.date(2017, 1, 1), datetime.date(2019, 12, 31)),
])
def test_parse(text, kind, start, end):
    p = periods.parse(text)
    assert (p.kind, p.start, p.end) == (kind, start, end)


def test_shifted_and_months():
    assert periods.parse("2020H1").shifted(-1).code == "2019H1"
    assert periods.parse("2017..2019").shifted(-1).code == "2016..2018"
    assert periods.parse("2020Q2").months == [202004, 202005, 202006]


@pytest.mark.parametrize("bad", ["2019Q5", "2020-13", "20", "2019..2017", "2019H3", ""])
def test_bad_periods_are_errors(bad):
    with pytest.raises(periods.BadPeriod):
        periods.parse(bad)


def test_standard_periods_in_window():
    ps = periods.standard_periods(201901, 202006)
    codes = {p.code for p in ps}
    assert {"2019", "2019H2", "2020H1", "2020Q2", "2020-06"} <= codes
    assert "2020" not in codes and "2020H2" not in codes
    assert len(ps) == 12 + 4 + 2 + 1 + 6 + 2 + 1
