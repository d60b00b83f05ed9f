import pytest

from tests.reports import cube


@pytest.fixture(autouse=True)
def _reads_as_the_system(system_actor):
    """Reports read the cube under an actor; these tests read as the system (every region).
    Scope refusals are tested in tests/core/test_scope_services.py."""
    yield


@pytest.fixture
def seed_cube(db):
    """The seed's creation figures for Henan 2019 / 2020H1, computed by run #1."""
    run = cube.run()
    cube.seed_creation(run)
    return run


@pytest.fixture
def home(tmp_path, settings):
    settings.IPGOV_HOME = tmp_path
    return tmp_path
