from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipgov.core import backup
from ipgov.core import commands as ipgov_commands


class Command(ipgov_commands.Command):
    help = gettext_lazy("Write a consistent backup: the database, the uploaded case documents and a manifest of "
            "SHA-256s, row counts and the cube hash (default folder: $IPGOV_HOME/backups/ipgov-<time>).")

    def add_arguments(self, parser):
        parser.add_argument("--to", type=Path, help=gettext_lazy("the folder to write (new or empty)"))

    def handle(self, *args, to, **options):
        try:
            summary = backup.backup(to)
        except (backup.BackupError, OSError) as exc:
            raise CommandError(_("backup not written: %(reason)s") % {"reason": exc}) from exc
        self.stdout.write(_("backup written to %(folder)s: %(vendor)s database, %(tables)s tables, %(rows)s rows, "
                            "%(files)s documents")
                          % {"folder": summary.folder, "vendor": summary.vendor, "tables": summary.tables,
                             "rows": f"{summary.rows:,}", "files": summary.files})
        for name, value in summary.digests.items():
            self.stdout.write("   " + _("%(name)s hash %(value)s") % {"name": name, "value": value})
