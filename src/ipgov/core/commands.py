"""What every ipgov management command shares."""

from __future__ import annotations

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    """A command whose `help` may be a lazy translation: argparse needs a str, made here in the language
    the CLI chose (ipgov.cli.cli_language), not when the module was first imported."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        self.help = str(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)
