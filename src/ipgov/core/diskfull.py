"""Recognising "the disk is full" wherever it is met: a file being written (ENOSPC, EDQUOT), SQLite's
database (SQLITE_FULL) or the PostgreSQL server (SQLSTATE 53100, disk_full)."""

from __future__ import annotations

import errno

SQLITE_FULL = "database or disk is full"
POSTGRES_DISK_FULL = "53100"


def disk_full_where(exc: BaseException | None) -> str | None:
    """Where the disk filled up — a file's path, "database" or "database server" — or None when `exc` (or
    what caused it) is not a full disk."""
    while exc is not None:
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return str(exc.filename) if exc.filename else "file"
        if str(exc).strip() == SQLITE_FULL:
            return "database"
        if getattr(exc, "sqlstate", None) == POSTGRES_DISK_FULL:
            return "database server"
        exc = exc.__cause__ or exc.__context__
    return None
