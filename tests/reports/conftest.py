import pytest

from tests.reports import cube


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
