import pytest
from django.core.cache import cache

from ipgov.core.actor import Actor, acting_as
from tests.web.conftest import make_staff  # noqa: F401 (fixture)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def token_for(make_staff):  # noqa: F811 (the fixture imported above)
    """(role, region, **token options) -> (user, bearer header value)."""
    from ipgov.api import tokens

    def make(username, role, scope_region, **options):
        user = make_staff(username, role, scope_region)
        with acting_as(Actor.cli("test")):
            _, secret = tokens.create_token(username, **options)
        return user, f"Bearer {secret}"

    return make
