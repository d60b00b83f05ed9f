"""The thin management-command front shared by `ipgov import_programs` and `ipgov import_finance`."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ipgov.core.actor import Actor, acting_as
from ipgov.programs.importing import ImportRejected, run_import


class ImportCommand(BaseCommand):
    importers: dict = {}

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(self.importers))
        parser.add_argument("file", type=Path, help=".csv (UTF-8 or GB18030) or .xlsx, header in row 1")
        parser.add_argument("--errors", type=Path, help="write the error report (CSV) here when rejected")
        parser.add_argument("--actor", default="cli", help="who is importing (recorded in the audit trail)")

    def handle(self, *args, kind, file, errors, actor, **options):
        if not file.exists():
            raise CommandError(f"{file}: no such file")
        try:
            with acting_as(Actor(label=f"cli:{actor}")):
                report = run_import(self.importers[kind], file)
        except ImportRejected as exc:
            for error in exc.report.errors:
                self.stderr.write(str(error))
            if errors:
                errors.write_text(exc.report.error_csv(), encoding="utf-8-sig")
            raise CommandError(exc.report.summary()) from None
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(report.summary())
