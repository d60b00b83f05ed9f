import pytest


def _load_regions():
    from ipgov.regions import loader, resolver

    loader.load_divisions()
    loader.load_census_2020()
    resolver.invalidate()


@pytest.fixture
def system_actor():
    """Run the test as the system actor (CLI, importers, demo): scoped reads see every region."""
    from ipgov.core.actor import Actor, acting_as

    with acting_as(Actor.system("test")) as actor:
        yield actor


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real division list and census population once per test session."""
    with django_db_blocker.unblock():
        _load_regions()
    yield


@pytest.fixture(autouse=True)
def _regions_survive_flushes(request, django_db_blocker):
    """Transactional (live-server) tests flush every table at their end; put the shared regions back
    before the next database test instead of letting it see an empty division list."""
    if request.node.get_closest_marker("django_db") is None and not {"db", "transactional_db"} & set(
            request.fixturenames):
        yield
        return
    from ipgov.regions.models import Region

    request.getfixturevalue("django_db_setup")
    with django_db_blocker.unblock():
        if not Region.objects.exists():
            _load_regions()
    yield


@pytest.fixture(autouse=True)
def _office_language():
    """Each test starts in the office's language (zh-Hans): a request in English mode leaves its language
    active in the thread, which would otherwise carry over into the next test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
