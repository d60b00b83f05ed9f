"""Recognising "another writer holds the lock and we gave up waiting", on SQLite and PostgreSQL."""

from __future__ import annotations

from django.db import OperationalError

SQLITE_LOCKED = ("database is locked", "database table is locked")
POSTGRES_LOCK_NOT_AVAILABLE = "55P03"  # lock_timeout expired (configuration.lock_options)


def is_lock_timeout(exc: BaseException | None) -> bool:
    while exc is not None:
        if isinstance(exc, OperationalError) or type(exc).__module__.startswith(("sqlite3", "psycopg")):
            if str(exc).strip() in SQLITE_LOCKED or getattr(exc, "sqlstate", None) == POSTGRES_LOCK_NOT_AVAILABLE:
                return True
        exc = exc.__cause__ or exc.__context__
    return False
