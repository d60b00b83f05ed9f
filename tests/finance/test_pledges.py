import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ipgov.finance import stats
from ipgov.finance.choices import PledgeStatus
from ipgov.finance.models import Pledge, PledgedRight
from ipgov.finance.services.pledges import end_pledge, register_pledge
from ipgov.programs.choices import OrganizationKind
from ipgov.programs.services.organizations import create_organization
from tests.programs.rights import cn_number, make_patent, make_trademark

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def setup(actor):
    zz = create_organization("郑州某公司", OrganizationKind.ENTERPRISE, "410102")
    ly = create_organization("洛阳某公司", OrganizationKind.ENTERPRISE, "410302")
    numbers = [cn_number(2016, 1, i) for i in range(1, 7)]
    for n in numbers:
        make_patent(n, D(2017, 3, 1))
    make_trademark("12345678", D(2015, 1, 7))
    make_patent(cn_number(2010, 2, 1), D(2011, 1, 1), D(2019, 2, 1))
    return zz, ly, numbers


def pledge(pledgor, number, amount, day, rights):
    return register_pledge(registration_number=number, pledgor=pledgor, pledgee="中国银行", pledgee_kind="bank",
                           amount_yuan=amount, registration_date=day, term_start=day,
                           term_end=day.replace(year=day.year + 1), rights=rights)


def test_counts_by_project_and_exact_amounts(setup):
    zz, ly, n = setup
    pledge(zz, "Y2019001", "100000000.10", D(2019, 1, 2), [("patent", n[0]), ("patent", n[1]), ("trademark", "12345678")])
    pledge(ly, "Y2019002", Decimal("0.20"), D(2019, 12, 31), [("patent", n[2])])
    p3 = pledge(zz, "Y2020001", "5000000", D(2020, 6, 30), [("patent", n[3])])
    pledge(zz, "Y2020002", "7000000", D(2020, 7, 1), [("patent", n[4])])
    p5 = pledge(zz, "Y2020003", "9000000", D(2020, 3, 1), [("patent", n[5])])
    end_pledge(p3, PledgeStatus.RELEASED, D(2020, 8, 1))   # repaid: still financing of 2020H1
    end_pledge(p5, PledgeStatus.REVOKED, D(2020, 4, 1))    # void: never counted
    y2019 = stats.pledges("410000", D(2019, 1, 1), D(2019, 12, 31))
    assert y2019.amount == Decimal("100000000.30") and y2019.projects == 2  # 3 rights, 1 project
    assert stats.pledges("410300", D(2019, 1, 1), D(2019, 12, 31)).projects == 1
    h1 = stats.pledges("410000", D(2020, 1, 1), D(2020, 6, 30))
    assert (h1.amount, h1.projects) == (Decimal("5000000.00"), 1)
    assert stats.pledges("410000", D(2019, 1, 1), D(2019, 12, 31), patents_only=True).projects == 2
    assert Pledge.objects.get(registration_number="Y2019001").right_kinds == "patent_trademark"
    assert PledgedRight.objects.count() == 7


@pytest.mark.parametrize("amount, extra, message", [
    ("-5", [], "must be positive"),
    ("0", [], "must be positive"),
    (1.5, [], "not as float"),
    ("1e15", [], "check the unit"),
    ("12.345", [], "2 decimal places"),
    ("abc", [], "not an amount"),
    ("100", [("patent", cn_number(2099, 1, 1))], "not in the register"),
    ("100", [("patent", cn_number(2010, 2, 1))], "had ended on 2019-02-01"),
    ("100", [("patent", "ZL201610000001.5")], "listed twice"),
    ("100", [("design", "1")], "unknown right kind"),
])
def test_bad_pledges_write_nothing(setup, amount, extra, message):
    zz, _, n = setup
    with pytest.raises(ValidationError, match=message):
        pledge(zz, "BAD1", amount, D(2019, 6, 1), [("patent", n[0]), *extra])
    assert not Pledge.objects.exists() and not PledgedRight.objects.exists()


def test_pledge_without_rights(setup):
    with pytest.raises(ValidationError, match="at least one right"):
        pledge(setup[0], "NONE", "100", D(2019, 6, 1), [])


def test_right_not_yet_granted_on_registration_date(setup):
    zz, _, n = setup
    with pytest.raises(ValidationError, match="not yet granted"):
        pledge(zz, "EARLY", "100", D(2017, 2, 28), [("patent", n[0])])


def test_duplicate_registration_number(setup):
    zz, _, n = setup
    pledge(zz, "DUP", "100", D(2019, 6, 1), [("patent", n[0])])
    with pytest.raises(ValidationError, match="already registered"):
        pledge(zz, "DUP", "100", D(2019, 6, 2), [("patent", n[1])])
    assert Pledge.objects.count() == 1
