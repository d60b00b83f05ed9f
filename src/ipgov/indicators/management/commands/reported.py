from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext_lazy as _

from ipgov.core import commands as ipgov_commands
from ipgov.core.actor import Actor, acting_as
from ipgov.indicators import reported


class Command(ipgov_commands.Command):
    help = _("Load published figures (TOML) as `reported` observations (default: the seed's work report).")

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(reported.SEED_FIGURES))

    def handle(self, *args, file, **options):
        try:
            with acting_as(Actor.system("cli:reported")):
                written, unchanged = reported.load_file(Path(file))
        except reported.BadFigures as exc:
            raise CommandError(_("nothing loaded:") + "\n  " + "\n  ".join(exc.errors)) from None
        self.stdout.write(_("%(file)s: %(written)s figures written, %(unchanged)s unchanged")
                          % {"file": file, "written": written, "unchanged": unchanged})
