from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipgov.core import commands as ipgov_commands
from ipgov.core.actor import Actor, acting_as
from ipgov.indicators import releases


class Command(ipgov_commands.Command):
    help = gettext_lazy("Write a bulk release of the public cube: CSV and Parquet per indicator group + manifest.json "
            "(SHA-256, rows, run, data date) under IPGOV_HOME/releases/<id>/, served at /open/releases/. "
            "`ipgov release [--keep N]`.")

    def add_arguments(self, parser):
        parser.add_argument("--keep", type=int, default=5, help=gettext_lazy("releases kept, newest first (default 5)"))

    def handle(self, *args, keep, **options):
        try:
            with acting_as(Actor.cli("release")):
                manifest = releases.write_release(keep=keep)
        except releases.ReleaseError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(f["rows"] for f in manifest["files"] if f["format"] == "csv")
        self.stdout.write(_("release %(id)s: %(rows)s cells in %(files)s files (run %(run)s, data to %(date)s) "
                            "under %(folder)s") % {"id": manifest["id"], "rows": rows, "files": len(manifest["files"]),
                                                   "run": manifest["run_id"], "date": manifest["data_date"],
                                                   "folder": releases.root() / manifest["id"]})
        for f in manifest["files"]:
            self.stdout.write(f"  {f['name']:<24} " + _("%(rows)8s rows") % {"rows": f["rows"]} + f"  sha256 {f['sha256']}")
        self.stdout.write(_("served at %(url)s") % {"url": f"{releases.URL_ROOT}{manifest['id']}/"})
