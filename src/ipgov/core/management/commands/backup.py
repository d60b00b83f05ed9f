from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ipgov.core import backup


class Command(BaseCommand):
    help = ("Write a consistent backup: the database, the uploaded case documents and a manifest of "
            "SHA-256s, row counts and the cube hash (default folder: $IPGOV_HOME/backups/ipgov-<time>).")

    def add_arguments(self, parser):
        parser.add_argument("--to", type=Path, help="the folder to write (new or empty)")

    def handle(self, *args, to, **options):
        try:
            summary = backup.backup(to)
        except (backup.BackupError, OSError) as exc:
            raise CommandError(f"backup not written: {exc}") from exc
        self.stdout.write(f"backup written to {summary.folder}: {summary.vendor} database, {summary.tables} tables, "
                          f"{summary.rows:,} rows, {summary.files} documents")
        for name, value in summary.digests.items():
            self.stdout.write(f"   {name} hash {value}")
