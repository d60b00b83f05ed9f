"""What every ipgov management command shares."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter
from django.utils.translation import gettext, gettext_noop

# Django's own options and argparse's headings, which neither translates: in the CLI's language here.
DJANGO_OPTIONS = {
    "--version": gettext_noop("Show program's version number and exit."),
    "--verbosity": gettext_noop("Verbosity level; 0=minimal output, 1=normal output, 2=verbose output, 3=very verbose output"),
    "--settings": gettext_noop("The Python path to a settings module, e.g. \"myproject.settings.main\". If this isn't "
                     "provided, the DJANGO_SETTINGS_MODULE environment variable will be used."),
    "--pythonpath": gettext_noop("A directory to add to the Python path, e.g. \"/home/djangoprojects/myproject\"."),
    "--traceback": gettext_noop("Display a full stack trace on CommandError exceptions."),
    "--no-color": gettext_noop("Don't colorize the command output."),
    "--force-color": gettext_noop("Force colorization of the command output."),
    "--skip-checks": gettext_noop("Skip system checks."),
    "--help": gettext_noop("show this help message and exit"),
    # `ipgov check` is Django's check command with the cube's checks added
    "--tag": gettext_noop("Run only checks labeled with given tag."),
    "--list-tags": gettext_noop("List available tags. Specify --deploy to include available deployment tags."),
    "--deploy": gettext_noop("Check deployment settings."),
    "--fail-level": gettext_noop("Message level that will cause the command to exit with a non-zero status. Default is ERROR."),
    "--database": gettext_noop("Run database related checks against these aliases."),
}


class LocalizedHelpFormatter(DjangoHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, prefix=gettext("usage: ") if prefix is None else prefix)


def localize_parser(parser) -> None:
    """Translate what Django and argparse add to every command's --help (its options, the headings), in
    sub-commands too."""
    import argparse

    parser.formatter_class = LocalizedHelpFormatter
    parser._positionals.title = gettext("positional arguments")
    parser._optionals.title = gettext("options")
    for action in parser._actions:
        for flag in action.option_strings:
            if flag in DJANGO_OPTIONS:
                action.help = gettext(DJANGO_OPTIONS[flag])
                break
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                localize_parser(sub)


class Command(BaseCommand):
    """A command whose `help` may be a lazy translation: argparse needs a str, made here in the language
    the CLI chose (ipgov.cli.cli_language), not when the module was first imported."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        self.help = str(self.help)
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        localize_parser(parser)
        return parser

    # The URL configuration's checks import every view, the API's schemas and matplotlib: about 1 s of each
    # command's start. Only a command that serves the web runs them (`ipgov check` runs every check).
    checks_urls = False

    def check(self, *args, **kwargs):
        if self.checks_urls:
            return super().check(*args, **kwargs)
        from django.core.checks.registry import Tags, registry

        # Filtering by tags would also drop the checks registered without any (django-axes' own).
        registered = registry.registered_checks
        registry.registered_checks = {check for check in registered if Tags.urls not in getattr(check, "tags", ())}
        try:
            return super().check(*args, **kwargs)
        finally:
            registry.registered_checks = registered

    def execute(self, *args, **options):
        """Django's, but run from the command line a CommandError goes on as `Refused`, which `ipgov.cli.main`
        says as it says its other failures ("ipgov import: 没有该文件：…"); Django would print it after its class
        name ("CommandError: …"). `--traceback` and `call_command` still get the CommandError itself."""
        try:
            return super().execute(*args, **options)
        except CommandError as exc:
            if getattr(self, "_called_from_command_line", False) and not options.get("traceback"):
                raise Refused(str(exc), exc.returncode) from None
            raise


class Refused(Exception):
    """A command's CommandError on its way to `ipgov.cli.main` (a plain exception, which Django lets through)."""

    def __init__(self, message: str, returncode: int = 1):
        super().__init__(message)
        self.returncode = returncode
