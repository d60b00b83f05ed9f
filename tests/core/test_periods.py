import datetime

import pytest
from django.utils import translation

from ipgov.core import periods


@pytest.mark.parametrize("text,kind,code,start,end", [
    ("2019", "year", "2019", datetime.date(2019, 1, 1), datetime.date(2019, 12, 31)),
    ("2020H1", "half", "2020H1", datetime.date(2020, 1, 1), datetime.date(2020, 6, 30)),
    ("2020h2", "half", "2020H2", datetime.date(2020, 7, 1), datetime.date(2020, 12, 31)),
    ("2020Q2", "quarter", "2020Q2", datetime.date(2020, 4, 1), datetime.date(2020, 6, 30)),
    ("2020-02", "month", "2020-02", datetime.date(2020, 2, 1), datetime.date(2020, 2, 29)),
    ("2019-2", "month", "2019-02", datetime.date(2019, 2, 1), datetime.date(2019, 2, 28)),
    (" 2017..2019 ", "range", "2017..2019", datetime.date(2017, 1, 1), datetime.date(2019, 12, 31)),
    ("2017-2019", "range", "2017..2019", datetime.date(2017, 1, 1), datetime.date(2019, 12, 31)),
    ("2019..2019", "year", "2019", datetime.date(2019, 1, 1), datetime.date(2019, 12, 31)),
])
def test_parse(text, kind, code, start, end):
    p = periods.parse(text)
    assert (p.kind, p.code, p.start, p.end) == (kind, code, start, end)


# code, prose (reports), picker/title, month-range form, English, English month range
LABELS = [
    ("2019", "2019年", "2019年全年", "2019年1—12月", "2019", "Jan–Dec 2019"),
    ("2020H1", "2020年上半年", "2020年上半年", "2020年1—6月", "2020 H1", "Jan–Jun 2020"),
    ("2020H2", "2020年下半年", "2020年下半年", "2020年7—12月", "2020 H2", "Jul–Dec 2020"),
    ("2020Q2", "2020年第二季度", "2020年第二季度", "2020年4—6月", "2020 Q2", "Apr–Jun 2020"),
    ("2020Q3", "2020年第三季度", "2020年第三季度", "2020年7—9月", "2020 Q3", "Jul–Sep 2020"),
    ("2020-05", "2020年5月", "2020年5月", "2020年5月", "May 2020", "May 2020"),
    ("2017..2019", "2017—2019年", "2017—2019年", "2017—2019年", "2017–2019", "2017–2019"),
]


@pytest.mark.parametrize("code,zh,zh_full,zh_months,en,en_months", LABELS)
def test_labels_as_officials_write_them(code, zh, zh_full, zh_months, en, en_months):
    p = periods.parse(code)
    assert (p.zh, p.zh_full, p.zh_months, p.en, p.en_months) == (zh, zh_full, zh_months, en, en_months)


@pytest.mark.parametrize("code,zh,zh_full,zh_months,en,en_months", LABELS)
def test_label_follows_the_active_language(code, zh, zh_full, zh_months, en, en_months):
    p = periods.parse(code)
    label, months_label = p.label, p.months_label  # lazy: resolved in the language active when shown
    with translation.override("zh-hans"):
        assert (str(label), str(months_label)) == (zh_full, zh_months)
    with translation.override("en"):
        assert (str(label), str(months_label)) == (en, en_months)


def test_end_labels():
    assert periods.parse("2020H1").zh_end == "2020年6月30日"
    assert periods.parse("2019").zh_end == "2019年12月31日"
    assert periods.parse("2020-02").zh_end == "2020年2月29日"
    assert periods.parse("2020H1").en_end == "30 Jun 2020"
    with translation.override("en"):
        assert str(periods.parse("2017..2019").end_label) == "31 Dec 2019"


def test_shifted_for_year_on_year():
    assert periods.parse("2020H1").shifted(-1).code == "2019H1"
    assert periods.parse("2020Q2").shifted(-1).code == "2019Q2"
    assert periods.parse("2020-02").shifted(-1).code == "2019-02"
    assert periods.parse("2019").shifted(-1).code == "2018"
    assert periods.parse("2017..2019").shifted(-1).code == "2016..2018"
    assert periods.parse("2017..2019").shifted(1).code == "2018..2020"


def test_previous_of_the_same_kind():
    assert periods.parse("2020H1").previous().code == "2019H2"
    assert periods.parse("2020Q1").previous().code == "2019Q4"
    assert periods.parse("2020-01").previous().code == "2019-12"
    assert periods.parse("2019").previous().code == "2018"
    assert periods.parse("2017..2019").previous() is None


def test_months_and_parts():
    p = periods.parse("2020Q2")
    assert p.months == [202004, 202005, 202006]
    assert p.month_codes == ["2020-04", "2020-05", "2020-06"]
    assert len(periods.parse("2017..2019").months) == 36
    assert (p.number, p.year, p.first_year, p.is_subannual) == (2, 2020, 2020, True)
    assert periods.parse("2020H1").full_year.code == "2020"
    assert not periods.parse("2019").is_subannual and not periods.parse("2017..2019").is_subannual
    assert periods.month_code(202005) == "2020-05" and periods.add_months(202001, -1) == 201912


@pytest.mark.parametrize("bad,message", [
    ("", "No period given. Write it as one of 2019, 2020H1, 2020Q2, 2020-05, 2017..2019."),
    (None, "No period given."),
    ("2019Q5", "Period “2019Q5”: quarter 5 does not exist. Write it as one of 2019, 2020H1"),
    ("2020-13", "Period “2020-13”: month 13 does not exist."),
    ("2019H3", "Period “2019H3”: half-year 3 does not exist."),
    ("2019..2017", "Period “2019..2017”: the range ends before it starts."),
    ("20", "Period “20”: unknown form."),
    ("2020H1..2021", "Period “2020H1..2021”: unknown form."),
    ("2020年上半年", "Period “2020年上半年”: unknown form."),
])
def test_bad_periods_say_what_and_how(bad, message):
    with translation.override("en"), pytest.raises(periods.PeriodError) as err:
        periods.parse(bad)
    assert str(err.value).startswith(message)


def test_standard_periods_in_window():
    ps = periods.standard_periods(201901, 202006)
    codes = {p.code for p in ps}
    assert {"2019", "2019H2", "2020H1", "2020Q2", "2020-06"} <= codes
    assert "2020" not in codes and "2020H2" not in codes
    assert len(ps) == 12 + 4 + 2 + 1 + 6 + 2 + 1
