from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ipgov.core import backup


class Command(BaseCommand):
    help = ("Restore a backup written by `ipgov backup` into an empty home and database, after checking every "
            "file against its manifest; the restored row counts and cube hash are checked too.")

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="the backup folder (holding manifest.json)")

    def handle(self, *args, folder, **options):
        try:
            summary = backup.restore(folder)
        except (backup.BackupError, OSError) as exc:
            raise CommandError(f"not restored: {exc}") from exc
        self.stdout.write(f"restored {summary.folder}: {summary.tables} tables, {summary.rows:,} rows and "
                          f"{summary.files} documents, all matching the manifest")
        for name, value in summary.digests.items():
            self.stdout.write(f"   {name} hash {value}")
