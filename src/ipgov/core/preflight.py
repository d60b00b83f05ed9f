"""Checks run before long work starts, so that what can fail fails in the first second, not the 15th minute.

A check returns None when all is well, or a sentence saying what is wrong and what to do. `run`
collects them; the caller stops with every problem listed at once (CommandError).
"""

from __future__ import annotations

import re
import shlex
import shutil
import stat
import uuid
from collections.abc import Callable
from itertools import islice
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


def readable_file(path: str | Path, usage: str = "") -> str | None:
    """None when `path` is a regular file this user can read; else a sentence saying what is wrong (missing, a
    directory, a device or pipe, no read permission) and what to do. `usage` is the command line with `{file}`
    where the file goes ("ipgov import {file}"): for a directory, the sentence shows it with a file of the
    directory (the first one, or a placeholder), so the user can copy it."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
        if stat.S_ISREG(mode):
            with open(path, "rb"):
                pass
    except PermissionError:
        return _("%(path)s cannot be read: permission denied. Ask for read access to it, or copy it to a folder "
                 "you can read") % {"path": path}
    except (FileNotFoundError, NotADirectoryError):
        return _("no such file: %(path)s") % {"path": path}
    except OSError as exc:
        return _("%(path)s cannot be read: %(reason)s") % {"path": path, "reason": exc.strerror or exc}
    if stat.S_ISDIR(mode):
        if not usage:
            return _("%(path)s is a directory, not a file: name a file in it") % {"path": path}
        example = usage.replace("{file}", shell_word(str(path / _a_file_in(path))))
        return _("%(path)s is a directory, not a file: name a file in it, e.g. %(example)s") \
            % {"path": path, "example": example}
    if not stat.S_ISREG(mode):
        return _("%(path)s is not a regular file (it is a device, pipe or socket): name a regular file") \
            % {"path": path}
    return None


def require_file(path: str | Path, usage: str = "") -> None:
    """A command's check of the file it was given: CommandError with `readable_file`'s sentence."""
    problem = readable_file(path, usage)
    if problem:
        raise CommandError(problem)


def _a_file_in(folder: Path) -> str:
    """The name of the directory's first regular, visible file (of the first thousand entries), else a
    placeholder."""
    try:
        names = sorted(p.name for p in islice(folder.iterdir(), 1000) if not p.name.startswith(".") and p.is_file())
    except OSError:
        names = []
    return names[0] if names else _("FILE")


def shell_word(text: str) -> str:
    """`text` as a shell word: quoted only when the shell would split or expand it (a Chinese name stays as is)."""
    return shlex.quote(text) if re.search(r"[\s'\"$`\\!*?;&|<>(){}\[\]#~]", text) or not text else text


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
