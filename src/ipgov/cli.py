"""`ipgov`: a thin front over Django's management commands plus the project's own verbs."""

from __future__ import annotations

import os
import sys

PROJECT_APP_PREFIX = "ipgov."
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

    django.setup()
    from django.utils import translation

    translation.activate(cli_language())
    if len(argv) < 2 or argv[1] in {"-h", "--help", "help"} and len(argv) == 2:
        print(_project_help())
        return
    from django.core.management import execute_from_command_line

    execute_from_command_line(["ipgov", *argv[1:]])


if __name__ == "__main__":
    main()
