"""Checks run before long work starts, so that what can fail fails in the first second, not the 15th minute.

A check returns None when all is well, or a sentence saying what is wrong and what to do. `run`
collects them; the caller stops with every problem listed at once (CommandError).
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

from django.core.management.base import CommandError
from django.db import DatabaseError, connection

GiB = 1024 ** 3


def home_writable(home: Path) -> str | None:
    probe = home / f".preflight-{uuid.uuid4().hex}"
    try:
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        return f"IPGOV_HOME {home} is not writable ({exc.strerror}): set IPGOV_HOME to a folder this user can write"
    return None


def disk_space(home: Path, needed: int, what: str) -> str | None:
    free = shutil.disk_usage(home).free
    if free < needed:
        return (f"only {free / GiB:.1f} GiB free under {home}; {what} needs about {needed / GiB:.0f} GiB: "
                "free some space or point IPGOV_HOME at a larger disk")
    return None


def database() -> str | None:
    try:
        connection.ensure_connection()
    except DatabaseError as exc:
        settings = connection.settings_dict
        where = settings.get("NAME") if connection.vendor == "sqlite" else \
            f"{settings.get('HOST') or 'localhost'}:{settings.get('PORT') or 5432}/{settings.get('NAME')}"
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"the database {where} is not reachable ({first_line}): start it or correct IPGOV_DATABASE_URL"
    return None


def run(checks: list[Callable[[], str | None]]) -> None:
    """Run every check; raise one CommandError listing all the problems found."""
    problems = [p for p in (check() for check in checks) if p]
    if problems:
        raise CommandError("cannot start:\n  - " + "\n  - ".join(problems))
