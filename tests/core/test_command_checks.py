"""ipgov's commands run Django's system checks without the URL configuration's (which import every view and
take about a second of each command's start); the commands that serve the web run them all."""

import pytest
from django.core import checks
from django.core.checks.registry import registry
from django.core.management.base import SystemCheckError

from ipgov.core.management.commands.init import Command as InitCommand
from ipgov.web.management.commands.serve import Command as ServeCommand


@pytest.fixture
def failing_checks():
    """A failing check tagged `urls` and an untagged one that passes and counts its runs."""
    runs = []

    def broken_urls(app_configs, **kwargs):
        return [checks.Error("the URL configuration is broken", id="test.E001")]

    def untagged(app_configs, **kwargs):
        runs.append(1)
        return []

    registry.register(broken_urls, checks.Tags.urls)
    registry.register(untagged)
    yield runs
    registry.registered_checks.discard(broken_urls)
    registry.registered_checks.discard(untagged)


def test_a_data_command_skips_the_url_checks_and_runs_the_untagged_ones(failing_checks):
    InitCommand().check()
    assert failing_checks == [1]
    assert any(getattr(check, "tags", ()) == ("urls",) for check in registry.registered_checks)


def test_the_serving_command_runs_the_url_checks(failing_checks):
    with pytest.raises(SystemCheckError, match="the URL configuration is broken"):
        ServeCommand().check()
    assert failing_checks == [1]
