import pytest

from ipgov.core.actor import Actor, acting_as


@pytest.fixture
def actor():
    with acting_as(Actor.system("test")) as a:
        yield a


@pytest.fixture(autouse=True)
def _source_language():
    """Messages asserted as the source writes them (English msgids); zh-Hans is checked by the i18n tests."""
    from django.utils import translation

    with translation.override("en"):
        yield
