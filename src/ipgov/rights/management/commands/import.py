"""`ipgov import FILE`: import patents, trademarks or GI products as one atomic batch."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from ipgov.core.actor import Actor, acting_as
from ipgov.rights.importers import ImportFailed, import_file

ERRORS_SHOWN = 50


class Command(BaseCommand):
    help = "Import a register file (CSV, Excel, ST.36/ST.96 XML) as one atomic, idempotent batch."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--kind", choices=["patents", "trademarks", "gi"],
                            help="what the file holds (default: detected from the header)")
        parser.add_argument("--format", dest="fmt", default="auto",
                            choices=["auto", "csv", "xlsx", "xls", "st36", "st96"])
        parser.add_argument("--encoding", help="declare the text encoding of a CSV (default: detected)")
        parser.add_argument("--strict", action="store_true", help="any invalid row fails the whole batch")
        parser.add_argument("--quiet", action="store_true", help="no progress bar")
        parser.add_argument("--errors", metavar="CSV", help="also write the error report to this CSV file")

    def handle(self, *args, file, kind, fmt, encoding, strict, quiet, errors, **options):
        with acting_as(Actor(label="cli:import")), _progress(quiet) as progress:
            try:
                report = import_file(file, kind=kind, fmt=fmt, strict=strict, encoding=encoding,
                                     progress=progress)
            except ImportFailed as exc:
                if exc.report is not None and exc.report.errors:
                    self._errors(exc.report, errors)
                raise CommandError(exc.report.summary() if exc.report else str(exc)) from None
        self._errors(report, errors)
        self.stdout.write(report.summary())
        if report.errors:
            raise CommandError(f"{report.invalid} invalid row(s) were not imported (the valid rows were)")

    def _errors(self, report, path):
        for e in report.errors[:ERRORS_SHOWN]:
            self.stderr.write(f"  {e}")
        if len(report.errors) > ERRORS_SHOWN:
            self.stderr.write(f"  … and {len(report.errors) - ERRORS_SHOWN} more")
        if path:
            import csv

            with open(path, "w", newline="", encoding="utf-8-sig") as fh:
                w = csv.writer(fh)
                w.writerow(["row", "field", "value", "reason"])
                w.writerows([e.row, e.field, e.value, e.reason] for e in report.errors)


class _progress:
    """A rich progress bar fed by the importer's callback; nothing at all with --quiet."""

    def __init__(self, quiet: bool):
        self.quiet, self.bar, self.task = quiet, None, None

    def __enter__(self):
        if self.quiet:
            return None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(TextColumn("importing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                            transient=True)
        self.bar.start()
        self.task = self.bar.add_task("import", total=None)
        return self.update

    def update(self, done: int, total: int | None) -> None:
        self.bar.update(self.task, completed=done, total=max(total or 0, done) or None)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False
