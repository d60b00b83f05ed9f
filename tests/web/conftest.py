import datetime

import pytest

from ipgov.core.actor import Actor, acting_as
from ipgov.core.choices import Role
from ipgov.core.services import save_staff_user

PASSWORD = "Correct-horse-9"


@pytest.fixture(autouse=True)
def reports_written_inline(monkeypatch):
    """Background report tasks run inside the request in tests (a thread would not see the test database)."""
    from ipgov.web import report_tasks

    monkeypatch.setattr(report_tasks, "RUN_IN_THREAD", False)


@pytest.fixture
def make_staff(db):
    def make(username, role, region, **kwargs):
        with acting_as(Actor.system("test-setup")):
            return save_staff_user(username, role, region, password=PASSWORD, **kwargs).user

    return make


@pytest.fixture
def admin_user(make_staff):
    return make_staff("prov_admin", Role.PROVINCE_ADMIN, "410000")


@pytest.fixture
def luoyang_officer(make_staff):
    return make_staff("ly_officer", Role.CITY_OFFICER, "410300")


@pytest.fixture
def zhengzhou_officer(make_staff):
    return make_staff("zz_officer", Role.CITY_OFFICER, "410100")


@pytest.fixture
def leader(make_staff):
    return make_staff("leader", Role.LEADER, "410000")


def login(client, user):
    client.force_login(user, backend="ipgov.web.auth.StaffBackend")
    return client


@pytest.fixture
def patents(db):
    return make_patents()


def make_patents():
    """Four patents: two in 郑州 (one in its 金水区), two in 洛阳, one granted then lapsed."""
    from ipgov.rights.models import Applicant, LegalEvent, Patent

    rows = [
        ("202010000001.X", "invention", "410105", datetime.date(2020, 1, 10), datetime.date(2020, 5, 6), "G06F"),
        ("202020000002.1", "utility", "410100", datetime.date(2020, 2, 11), None, "A01B"),
        ("202010000003.5", "invention", "410311", datetime.date(2020, 3, 12), datetime.date(2020, 6, 1), "G06N"),
        ("201930000004.2", "design", "410300", datetime.date(2019, 4, 13), datetime.date(2019, 9, 1), ""),
    ]
    out = {}
    for number, kind, region, filed, granted, ipc in rows:
        p = Patent.objects.create(application_number=number, patent_type=kind, region_id=region,
                                  filing_date=filed, grant_date=granted, title=f"测试专利 {number}",
                                  ipc_main=ipc, ipc_section=ipc[:1], is_domestic=True)
        Applicant.objects.create(patent=p, position=1, name=f"申请人{region}", region_id=region)
        out[number] = p
    lapsed = out["201930000004.2"]
    LegalEvent.objects.create(patent=lapsed, kind="lapse_non_payment", date=datetime.date(2020, 4, 1))
    Patent.objects.filter(pk=lapsed.pk).update(terminated_on=datetime.date(2020, 4, 1))
    return out


def compute_cube():
    """The real engine over the register as it stands (database executor), 2018-01..2020-12."""
    from django.core.cache import cache

    from ipgov.indicators.compute import compute

    cache.clear()
    with acting_as(Actor.system("test")):
        run = compute(executor="database", first="2018-01", last="2020-12")
    assert run.status == "finished", run.message
    return run


def drop_register_and_cube():
    from ipgov.indicators.models import ComputationRun, Observation
    from ipgov.rights.models import Applicant, LegalEvent, Patent

    Observation.objects.all().delete()
    ComputationRun.objects.all().delete()
    LegalEvent.objects.all().delete()
    Applicant.objects.all().delete()
    Patent.objects.all().delete()


@pytest.fixture(scope="module")
def cube(django_db_setup, django_db_blocker):
    """Hand-built patents and the cube computed from them, once per module (the engine takes ~20 s)."""
    with django_db_blocker.unblock():
        make_patents()
        run = compute_cube()
    yield run
    with django_db_blocker.unblock():
        drop_register_and_cube()
