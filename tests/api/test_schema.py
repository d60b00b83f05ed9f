"""The OpenAPI schema, walked by schemathesis: every operation with generated requests (as a 洛阳 city
officer's token; the open ones without), no 5xx, every status code and JSON body as documented."""

import pytest
import schemathesis
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from ipgov.core.choices import Role
from ipgov.wsgi import application
from tests.reports import cube
from tests.web.scope_fixtures import FACTORIES

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@pytest.fixture
def _keep_connection():
    """The raw WSGI app closes the database connection after each request (Django's test client does not):
    keep the test's connection open, inside its transaction, as the test client does."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def world(db, token_for, settings, _keep_connection):
    settings.IPGOV_API_RATE_ANONYMOUS = settings.IPGOV_API_RATE_TOKEN = 10**6
    run = cube.run()
    cube.seed_creation(run)
    for make in FACTORIES.values():
        make("410300", 1)
        make("410105", 2)
    return token_for("walker", Role.CITY_OFFICER, "410300")[1]


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@schema.parametrize()
@hypothesis_settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_every_operation(case, world):
    case.call_and_validate(headers={"Authorization": world}, checks=CHECKS)
