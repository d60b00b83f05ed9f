import pytest

from ipgov.core.actor import Actor, acting_as


def put_cell(indicator, region, period, value):
    from ipgov.core import periods
    from ipgov.indicators.choices import ObservationStatus
    from ipgov.indicators.models import Observation

    return Observation.objects.create(indicator=indicator, region_id=region, period=period,
                                      period_kind=periods.parse(period).kind, value=value, unit="件",
                                      status=ObservationStatus.COMPUTED)


@pytest.fixture
def cube(db):
    put_cell("patent_applications", "410000", "2020H1", 80868)
    put_cell("patent_applications", "410000", "2019H1", 66600)
    put_cell("gi_approvals", "410000", "2019", 14)
    put_cell("patent_applications", "410100", "2020H1", 30000)


@pytest.fixture
def seed(cube, tmp_path, settings):
    from ipgov.portal.seed import import_seed

    settings.IPGOV_HOME = tmp_path
    with acting_as(Actor.system("test")):
        return import_seed()


@pytest.fixture(autouse=True)
def _english_messages():
    """Service messages asserted in English (pages set zh-Hans per request, as the middleware does)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_staff(db):
    from ipgov.core.services import save_staff_user

    def make(username, role, region, **kwargs):
        with acting_as(Actor.system("test-setup")):
            return save_staff_user(username, role, region, password="Correct-horse-9", **kwargs).user

    return make


@pytest.fixture
def years(cube):
    """Patent applications of 2019 for the province and two cities (the open-data pages' tests)."""
    put_cell("patent_applications", "410000", "2019", 144010)
    put_cell("patent_applications", "410100", "2019", 60123)
    put_cell("patent_applications", "410300", "2019", 15000.4)
