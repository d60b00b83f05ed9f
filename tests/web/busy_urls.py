"""URLs for test_busy.py: a view and a middleware that meet a database another writer has locked."""

from django.db import OperationalError
from django.http import HttpResponse
from django.urls import path

from ipgov.urls import handler500  # noqa: F401  (the project's error handler, under test)


def locked_error():
    """A real SQLite lock timeout, wrapped the way Django wraps it."""
    import sqlite3
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        holder = sqlite3.connect(Path(folder) / "db.sqlite3", isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        waiter = sqlite3.connect(Path(folder) / "db.sqlite3", timeout=0.05, isolation_level=None)
        try:
            waiter.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            error = OperationalError(*exc.args)
            error.__cause__ = exc
            return error
        finally:
            waiter.close()
            holder.close()
    raise AssertionError("the second writer was not refused")


def locked_view(request):
    raise locked_error()


def broken_view(request):
    raise OperationalError("no such table: nowhere")


def fine_view(request):
    return HttpResponse("ok")


urlpatterns = [
    path("locked/", locked_view),
    path("broken/", broken_view),
    path("fine/", fine_view),
]
