"""The data cut-off: derived from the register's statistics, settable, and where the cube stops."""

import datetime

import pytest

from ipgov.core.actor import Actor, acting_as
from ipgov.core.choices import Role
from ipgov.core.scope import OutOfScope
from ipgov.indicators import compute, cutoff
from ipgov.indicators.models import ComputationRun, DataCutoff
from tests.cases.conftest import make_staff
from tests.indicators.conftest import make_patent

D = datetime.date


@pytest.mark.parametrize(("latest", "month"), [
    (D(2020, 6, 30), 202006), (D(2020, 6, 24), 202006), (D(2020, 6, 23), 202005),
    (D(2020, 2, 23), 202002), (D(2020, 1, 2), 201912), (D(2019, 12, 31), 201912),
])
def test_a_month_is_complete_when_the_latest_record_is_in_its_last_week(latest, month):
    assert cutoff.complete_month(latest) == month


def test_the_register_cutoff_ignores_expiries_and_events(register):
    # the fixture's latest statistical date is a trademark filed 2020-02-01: January is the last complete month
    assert cutoff.register_cutoff() == 202001
    make_patent(filed=D(2016, 1, 4), granted=D(2017, 1, 3), ended=D(2031, 1, 1))  # an expiry years ahead
    assert cutoff.register_cutoff() == 202001
    make_patent(filed=D(2020, 6, 29))
    assert cutoff.register_cutoff() == 202006
    # never a month that has not ended
    assert cutoff.register_cutoff(today=D(2020, 6, 30)) == 202005


def test_stray_later_records_do_not_move_the_cutoff(db):
    # a snapshot of 2019-07..2020-06 with 150 filings a month, and 2 real records filed in 2023
    from ipgov.rights.models import Patent

    Patent.objects.bulk_create([
        Patent(application_number=f"2019{m:02d}{n:06d}", patent_type="utility", filing_date=D(y, m, 1 + n % 28),
               region_id="410102", is_domestic=True, title="x")
        for y, months in ((2019, range(7, 13)), (2020, range(1, 7))) for m in months for n in range(150)])
    make_patent(filed=D(2020, 6, 30))
    make_patent(filed=D(2023, 5, 23))
    make_patent(filed=D(2023, 6, 2), granted=D(2024, 4, 5))
    assert cutoff.register_cutoff(today=D(2026, 12, 3)) == 202006


def test_compute_stops_at_the_cutoff(register, system_actor):
    make_patent(filed=D(2020, 6, 29))
    make_patent(filed=D(2016, 1, 4), granted=D(2017, 1, 3), ended=D(2031, 1, 1))
    run = compute.compute("database", "2019-01")
    assert (run.period_from, run.period_to) == ("2019-01", "2020-06")
    assert cutoff.current().code == "2020-06"
    assert cutoff.note_zh() == "数据截至2020年6月30日"
    assert not cutoff.within("2020H2") and cutoff.within("2020H1")


def test_staff_setting_wins_and_is_audited(register, system_actor):
    assert cutoff.current() is None  # no computation yet
    cutoff.set_cutoff("2020-03", note="Q1 closed")
    assert cutoff.current().code == "2020-03"
    assert cutoff.for_compute() == 202003
    run = compute.compute("database", "2019-01")
    assert run.period_to == "2020-03"
    from ipgov.core.models import ObjectChange

    assert ObjectChange.objects.filter(message="data cut-off 2020-03").count() == 1


def test_only_a_province_administrator_sets_it(register):
    officer = make_staff("lyofficer", Role.CITY_OFFICER, "410300")
    with acting_as(Actor.for_user(officer)), pytest.raises(OutOfScope):
        cutoff.set_cutoff("2020-06")
    admin = make_staff("padmin", Role.PROVINCE_ADMIN, "410000")
    with acting_as(Actor.for_user(admin)):
        cutoff.set_cutoff("2020-06")
        with pytest.raises(cutoff.CutoffError):
            cutoff.set_cutoff("2020H1")
        with pytest.raises(cutoff.CutoffError):
            cutoff.set_cutoff("2999-01")
    assert list(DataCutoff.objects.values_list("month", flat=True)) == ["2020-06"]
    assert not ComputationRun.objects.exists()


def test_the_cutoff_command(register, capsys, system_actor):
    from django.core.management import call_command
    from django.utils import translation

    with translation.override("zh-hans"):
        call_command("cutoff", "set", "2020-06")
    out = capsys.readouterr().out
    assert "数据截至2020年6月30日" in out and "2020-01" in out


def test_an_office_holding_only_older_records_computes_from_its_first_month(db):
    """Records that end before the default first month (2015-01): `ipgov compute` without --from starts at the
    register's first month instead of stopping on "--to before --from"; a --from after the data still stops,
    with a sentence in the user's language."""
    import datetime

    import pytest
    from django.utils import translation

    from ipgov.core import periods
    from ipgov.indicators import catalogue
    from ipgov.indicators.compute import default_window
    from tests.programs.rights import cn_number, make_patent

    for serial in range(1, 13):
        make_patent(cn_number(2009, 1, serial), datetime.date(2011, 3, 8 + serial))  # filed 2009-03
    window = default_window(catalogue.default(), None, None)
    assert window.first == 200903 and window.first <= window.last <= 201103
    with translation.override("zh-hans"), pytest.raises(periods.PeriodError, match="之前"):
        default_window(catalogue.default(), "2015-01", None)
