"""A locked database gives the web user "an import is in progress, try again" (503), never a traceback."""

import pytest
from django.db import connection
from django.test import Client

from ipgov.core.dblocks import is_lock_timeout
from tests.web.busy_urls import locked_error

pytestmark = pytest.mark.urls("tests.web.busy_urls")


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def test_a_locked_view_says_an_import_is_running(client):
    response = client.get("/locked/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "导入正在进行" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_in_english_too(client):
    client.cookies["django_language"] = "en"
    assert "An import is in progress" in client.get("/locked/").content.decode()


def test_lock_met_outside_a_view_gets_the_same_page(client, settings):
    settings.MIDDLEWARE = ["tests.web.test_busy.LockingMiddleware", *settings.MIDDLEWARE]
    response = client.get("/fine/")
    assert response.status_code == 503 and "导入正在进行" in response.content.decode()


class LockingMiddleware:
    """Stands for a session save that meets the lock after the view returned."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        self.get_response(request)
        raise locked_error()


def test_other_database_errors_stay_errors(client):
    response = client.get("/broken/")
    assert response.status_code == 500 and "Retry-After" not in response


@pytest.mark.django_db
def test_postgres_lock_timeout_is_recognised():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    import psycopg
    from django.db import OperationalError

    from ipgov.core.models import ObjectChange

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    holder = psycopg.connect(**params)
    try:
        holder.execute("LOCK TABLE core_objectchange IN ACCESS EXCLUSIVE MODE")
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '100ms'")
        with pytest.raises(OperationalError) as caught:
            ObjectChange.objects.count()
        assert is_lock_timeout(caught.value)
    finally:
        holder.close()


def test_sqlite_lock_is_recognised_and_others_are_not():
    from django.db import OperationalError

    assert is_lock_timeout(locked_error())
    assert not is_lock_timeout(OperationalError("no such table: nowhere"))
    assert not is_lock_timeout(ValueError("database is locked?"))


# WAL, and the pages mapped with a 32 MB cache per connection (the register's lists read large indexes)
SQLITE_INIT = ("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=268435456; "
               "PRAGMA cache_size=-32768;")


@pytest.mark.parametrize("url, web, options", [
    ("", True, {"timeout": 5, "transaction_mode": "IMMEDIATE", "init_command": SQLITE_INIT}),
    ("", False, {"timeout": 60, "transaction_mode": "IMMEDIATE", "init_command": SQLITE_INIT}),
    ("postgresql://u@h:5432/d", True, {"options": "-c lock_timeout=5000"}),
    ("postgresql://u@h:5432/d", False, {}),  # commands queue behind each other's locks
])
def test_lock_waits_per_process(monkeypatch, tmp_path, url, web, options):
    from ipgov import configuration

    for name in ("IPGOV_WEB_LOCK_TIMEOUT", "IPGOV_LOCK_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("IPGOV_DATABASE_URL", url) if url else monkeypatch.delenv("IPGOV_DATABASE_URL", raising=False)
    assert configuration.database(tmp_path, web=web)["OPTIONS"] == options
