import pytest

from ipgov.core.actor import Actor, acting_as


@pytest.fixture
def actor():
    with acting_as(Actor.system("test")) as a:
        yield a
