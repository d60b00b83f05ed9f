"""`ipgov`: a thin front over Django's management commands plus the project's own verbs."""

from __future__ import annotations

import os
import sys

PROJECT_APP_PREFIX = "ipgov."
# Verbs that read or write records against the reference data (regions, classifications): on a home
# without it they stop at once with a sentence naming `ipgov init`, before reading any file.
NEEDS_REFERENCE_DATA = {"import", "compute", "indicator", "region", "report", "evaluate", "concordance", "case", "reported", "user",
                        "import_programs", "import_finance"}
DJANGO_VERBS_SHOWN = ("migrate", "createsuperuser", "changepassword", "shell", "dbshell", "check",
                      "collectstatic", "showmigrations")


def _project_help() -> str:
    from django.core.management import get_commands, load_command_class
    from django.utils.translation import gettext as _

    lines = [_("usage: ipgov VERB [options]   (ipgov VERB --help for a verb's options)"), "", _("ipgov verbs:")]
    verbs = sorted((name, app) for name, app in get_commands().items() if app.startswith(PROJECT_APP_PREFIX))
    width = max((len(name) for name, _app in verbs), default=10) + 2
    for name, app in verbs:
        summary = str(load_command_class(app, name).help or "").strip().splitlines()
        lines.append(f"  {name:<{width}}{summary[0] if summary else ''}")
    lines += ["", _("A new installation: `ipgov init` (reference data, first administrator), then `ipgov import` …")]
    lines += ["", _("Django verbs (all of `django-admin help` work too):"), "  " + ", ".join(DJANGO_VERBS_SHOWN)]
    lines += ["", _("Environment: IPGOV_HOME (default ./var), IPGOV_DATABASE_URL (default SQLite under IPGOV_HOME),"),
              _("             IPGOV_SECRET_KEY (generated under IPGOV_HOME when unset), IPGOV_LANGUAGE (zh-hans or "
                "en; default from LANG, else zh-hans).")]
    return "\n".join(lines)


def cli_language(environ=os.environ) -> str:
    """The language of the CLI's help and messages: IPGOV_LANGUAGE (zh-hans or en) when set; else the
    locale (LC_ALL, LC_MESSAGES, LANG) when it is Chinese or English; else the office's zh-Hans."""
    from django.conf import settings

    supported = {code for code, _name in settings.LANGUAGES}
    chosen = environ.get("IPGOV_LANGUAGE", "").strip().lower().replace("_", "-")
    if chosen in supported:
        return chosen
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var, "").lower()
        if value.startswith("zh"):
            return "zh-hans"
        if value.startswith("en"):
            return "en"
        if value:
            break
    return settings.LANGUAGE_CODE


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipgov.settings")
    argv = list(sys.argv if argv is None else argv)
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as exc:  # the environment's settings: a sentence, not a traceback
        sys.stderr.write(f"ipgov: {exc}\n")
        sys.exit(2)
    from django.utils import translation

    translation.activate(cli_language())
    if len(argv) < 2 or argv[1] in {"-h", "--help", "help"} and len(argv) == 2:
        print(_project_help())
        return
    from django.core.management import execute_from_command_line

    from ipgov.core.reference import ReferenceDataMissing, require

    try:
        if argv[1] in NEEDS_REFERENCE_DATA and not {"-h", "--help"} & set(argv[2:]):
            require()
        execute_from_command_line(["ipgov", *argv[1:]])
    except ReferenceDataMissing as exc:
        sys.stderr.write(f"ipgov {argv[1]}: {exc}\n")
        sys.exit(2)
    except Exception as exc:
        said = _sentence_for(exc)
        if said is None:
            raise
        if isinstance(exc, BrokenPipeError):  # nothing more can go there, not even at the interpreter's exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        message, code = said
        sys.stderr.write(f"ipgov {argv[1]}: {message}\n")
        sys.exit(code)


EXIT_BUSY = 75  # EX_TEMPFAIL: try again later
EXIT_DISK_FULL = 74  # EX_IOERR
EXIT_PIPE_CLOSED = 141  # what a shell reports for a command ended by SIGPIPE


def _sentence_for(exc: BaseException) -> tuple[str, int] | None:
    """A command's refusal, and the few failures no command can prevent, said in a sentence instead of a
    traceback, with the exit status."""
    from django.utils.translation import gettext

    from ipgov.core.commands import Refused
    from ipgov.core.dblocks import is_lock_timeout
    from ipgov.core.diskfull import disk_full_where

    if isinstance(exc, Refused):  # a command's own refusal (its CommandError), already a sentence
        return str(exc), exc.returncode
    if isinstance(exc, BrokenPipeError):  # `ipgov compute | head`: the reader stopped reading
        return gettext(
            "its output was closed before it ended (the program reading it stopped, as `head` does). This command "
            "stopped; its unfinished database transaction was rolled back. To keep only part of the output, write "
            "it to a file first (ipgov … > out.txt)."), EXIT_PIPE_CLOSED
    if is_lock_timeout(exc):
        return gettext(
            "the database is busy: another import or computation is writing to it and did not finish in time. "
            "This command stopped and its unfinished transaction was rolled back; run it again when the other "
            "one is done (IPGOV_LOCK_TIMEOUT sets how many seconds to wait)."), EXIT_BUSY
    where = disk_full_where(exc)
    if where is not None:
        place = {"database": gettext("the database file's disk"), "database server": gettext("the database server's disk"),
                 "file": gettext("a file being written")}.get(where, where)
        return gettext(
            "the disk is full (%(where)s). This command stopped; its unfinished database transaction was rolled "
            "back, so no half-written records remain. Free some space there and run it again.") % {"where": place}, \
            EXIT_DISK_FULL
    return None


if __name__ == "__main__":
    main()
