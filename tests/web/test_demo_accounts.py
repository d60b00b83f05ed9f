import pytest
from django.contrib.auth import get_user_model

from ipgov.core.models import ObjectChange
from ipgov.demo.web import DEMO_ACCOUNTS, ensure_demo_accounts
from ipgov.web.dashboard import previous_periods

pytestmark = pytest.mark.django_db


def test_demo_accounts_are_created_once_and_repaired():
    first = ensure_demo_accounts()
    assert [changed for _, changed in first] == [True, True, True]
    users = get_user_model().objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS])
    scopes = {u.username: (u.staff_profile.role, u.staff_profile.region_id) for u in users}
    assert scopes == {"henan_admin": ("province_admin", "410000"), "zhengzhou_officer": ("city_officer", "410100"),
                      "luoyang_officer": ("city_officer", "410300")}
    for account in DEMO_ACCOUNTS:
        assert users.get(username=account.username).check_password(account.password)
    audit_rows = ObjectChange.objects.count()
    second = ensure_demo_accounts()
    assert [changed for _, changed in second] == [False, False, False]
    assert ObjectChange.objects.count() == audit_rows  # nothing written the second time
    officer = users.get(username="luoyang_officer")
    officer.set_password("something-else-1")
    officer.save()
    third = dict((a.username, c) for a, c in ensure_demo_accounts())
    assert third == {"henan_admin": False, "zhengzhou_officer": False, "luoyang_officer": True}
    officer.refresh_from_db()
    assert officer.check_password("Luoyang-demo-2020")


@pytest.mark.parametrize("period, expected", [
    ("2020H1", ["2018H1", "2018H2", "2019H1", "2019H2", "2020H1"]),
    ("2020Q1", ["2019Q1", "2019Q2", "2019Q3", "2019Q4", "2020Q1"]),
    ("2020-02", ["2019-10", "2019-11", "2019-12", "2020-01", "2020-02"]),
    ("2019", ["2015", "2016", "2017", "2018", "2019"]),
    ("2017..2019", ["2017..2019"]),
])
def test_sparkline_periods(period, expected):
    assert previous_periods(period, 5) == expected


@pytest.mark.parametrize("value, unit, shown", [
    (1_189_000_000, "元", (11.89, 2, "亿元")),
    (30_006_000, "元", (3000.6, 1, "万元")),
    (200_000_000, "元", (2, 0, "亿元")),
    (5_000, "元", (5_000, 0, "元")),
    (80_868, "件", (80_868, 0, "件")),
    (None, "元", (None, 0, "元")),
])
def test_money_is_shown_in_yi_or_wan_yuan(value, unit, shown):
    from django.utils import translation

    from ipgov.web.dashboard import Figure

    expected = (pytest.approx(shown[0]) if shown[0] is not None else None, *shown[1:])
    with translation.override("zh-hans"):  # the unit is in the reader's language
        assert Figure("x", "x", unit, 0, value, None).shown == expected
