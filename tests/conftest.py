import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real division list and census population once per test session."""
    from ipgov.regions import loader, resolver

    with django_db_blocker.unblock():
        loader.load_divisions()
        loader.load_census_2020()
        resolver.invalidate()
    yield
