"""`ipgov`: a thin front over Django's management commands plus the project's own verbs."""

from __future__ import annotations

import os
import sys

PROJECT_APP_PREFIX = "ipgov."
DJANGO_VERBS_SHOWN = ("migrate", "createsuperuser", "changepassword", "shell", "dbshell", "check",
                      "collectstatic", "showmigrations")


def _project_help() -> str:
    from django.core.management import get_commands, load_command_class

    lines = ["usage: ipgov VERB [options]   (ipgov VERB --help for a verb's options)", "", "ipgov verbs:"]
    verbs = sorted((name, app) for name, app in get_commands().items() if app.startswith(PROJECT_APP_PREFIX))
    width = max((len(name) for name, _ in verbs), default=10) + 2
    for name, app in verbs:
        summary = (load_command_class(app, name).help or "").strip().splitlines()
        lines.append(f"  {name:<{width}}{summary[0] if summary else ''}")
    lines += ["", "Django verbs (all of `django-admin help` work too):", "  " + ", ".join(DJANGO_VERBS_SHOWN)]
    lines += ["", "Environment: IPGOV_HOME (default ./var), IPGOV_DATABASE_URL (default SQLite under IPGOV_HOME),",
              "             IPGOV_SECRET_KEY (generated under IPGOV_HOME when unset)."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipgov.settings")
    argv = list(sys.argv if argv is None else argv)
    import django

    django.setup()
    if len(argv) < 2 or argv[1] in {"-h", "--help", "help"} and len(argv) == 2:
        print(_project_help())
        return
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["ipgov", *argv[1:]])
    except Exception as exc:
        message = _sentence_for(exc)
        if message is None:
            raise
        sys.stderr.write(f"ipgov {argv[1]}: {message}\n")
        sys.exit(EXIT_BUSY)


EXIT_BUSY = 75  # EX_TEMPFAIL: try again later


def _sentence_for(exc: BaseException) -> str | None:
    """The few failures no command can prevent, said in a sentence instead of a traceback."""
    from ipgov.core.dblocks import is_lock_timeout

    if is_lock_timeout(exc):
        return ("the database is busy: another import or computation is writing to it and did not finish in "
                "time. This command stopped and its unfinished transaction was rolled back; run it again when "
                "the other one is done (IPGOV_LOCK_TIMEOUT sets how many seconds to wait).")
    return None


if __name__ == "__main__":
    main()
