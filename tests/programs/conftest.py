import pytest

from ipgov.core.actor import Actor, acting_as
from ipgov.programs.rights_link import use_register
from tests.programs.fakes import InMemoryRegister


@pytest.fixture
def actor():
    with acting_as(Actor.system("test")) as a:
        yield a


@pytest.fixture
def fake_register():
    reg = InMemoryRegister()
    old = use_register(reg)
    yield reg
    use_register(old)
