import pytest

from ipgov.core.actor import Actor, acting_as


@pytest.fixture
def actor():
    with acting_as(Actor.system("test")) as a:
        yield a


@pytest.fixture(autouse=True)
def _source_language():
    """The services' messages are asserted here as the source writes them (the English msgids); their
    zh-Hans text is checked by tests/core/test_translations.py (and by the zh-Hans cases below)."""
    from django.utils import translation

    with translation.override("en"):
        yield
