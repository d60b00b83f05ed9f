from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipgov.core import backup
from ipgov.core import commands as ipgov_commands


class Command(ipgov_commands.Command):
    help = gettext_lazy("Restore a backup written by `ipgov backup` into an empty home and database, after checking every "
            "file against its manifest; the restored row counts and cube hash are checked too.")

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help=gettext_lazy("the backup folder (holding manifest.json)"))

    def handle(self, *args, folder, **options):
        try:
            summary = backup.restore(folder)
        except (backup.BackupError, OSError) as exc:
            raise CommandError(_("not restored: %(reason)s") % {"reason": exc}) from exc
        self.stdout.write(_("restored %(folder)s: %(tables)s tables, %(rows)s rows and %(files)s documents, "
                            "all matching the manifest")
                          % {"folder": summary.folder, "tables": summary.tables, "rows": f"{summary.rows:,}",
                             "files": summary.files})
        for name, value in summary.digests.items():
            self.stdout.write("   " + _("%(name)s hash %(value)s") % {"name": name, "value": value})
