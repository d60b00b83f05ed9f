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
from django.utils.translation import gettext as _

GiB = 1024 ** 3


def home_writable(home: Path) -> str | None:
    probe = home / f".preflight-{uuid.uuid4().hex}"
    try:
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        return _("IPGOV_HOME %(home)s is not writable (%(reason)s): set IPGOV_HOME to a folder this user can write") \
            % {"home": home, "reason": exc.strerror}
    return None


def disk_space(home: Path, needed: int, what: str) -> str | None:
    free = shutil.disk_usage(home).free
    if free < needed:
        return (_("only %(free).1f GiB free under %(home)s; %(what)s needs about %(needed).0f GiB: "
                  "free some space or point IPGOV_HOME at a larger disk")
                % {"free": free / GiB, "home": home, "what": what, "needed": needed / GiB})
    return None


def database() -> str | None:
    try:
        connection.ensure_connection()
    except DatabaseError as exc:
        settings = connection.settings_dict
        where = settings.get("NAME") if connection.vendor == "sqlite" else \
            f"{settings.get('HOST') or 'localhost'}:{settings.get('PORT') or 5432}/{settings.get('NAME')}"
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return _("the database %(where)s is not reachable (%(reason)s): start it or correct IPGOV_DATABASE_URL") \
            % {"where": where, "reason": first_line}
    return None


def run(checks: list[Callable[[], str | None]]) -> None:
    """Run every check; raise one CommandError listing all the problems found."""
    problems = [p for p in (check() for check in checks) if p]
    if problems:
        raise CommandError(_("cannot start:") + "\n  - " + "\n  - ".join(problems))
