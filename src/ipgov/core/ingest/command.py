"""The command-line front of the ingest path: `ipgov import FILE --kind K` and its aliases."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext_lazy

from ipgov.core import commands as ipgov_commands
from ipgov.core.actor import Actor, acting_as
from ipgov.core.ingest import registry
from ipgov.core.ingest.errors import ImportFailed
from ipgov.core.ingest.progress import ProgressBar

ERRORS_SHOWN = 50


class ImportCommand(ipgov_commands.Command):
    help = gettext_lazy("Import a file as one atomic, idempotent batch: the register (CSV, Excel, ST.36/ST.96 XML) or "
            "organizations, designations, awards, training, pledges, grants, funds, auctions, trusts (CSV, Excel).")
    kinds: tuple[str, ...] | None = None  # an alias restricted to some kinds takes the kind as first argument

    def add_arguments(self, parser):
        choices = list(self.kinds) if self.kinds else registry.kinds()
        if self.kinds:
            parser.add_argument("kind", choices=choices)
            parser.add_argument("file")
        else:
            parser.add_argument("file")
            parser.add_argument("--kind", choices=choices, help=gettext_lazy("what the file holds (default: a register "
                                "file — patents, trademarks or gi — detected from its header)"))
        parser.add_argument("--format", dest="fmt", default="auto",
                            choices=["auto", "csv", "xlsx", "xls", "st36", "st96"])
        parser.add_argument("--encoding", help=gettext_lazy("declare the text encoding of a CSV (default: detected)"))
        parser.add_argument("--strict", action="store_true", help=gettext_lazy("any invalid row fails the whole batch"))
        parser.add_argument("--force", action="store_true", help=gettext_lazy("read a file again even if it was already imported"))
        parser.add_argument("--quiet", action="store_true", help=gettext_lazy("no progress bar"))
        parser.add_argument("--errors", metavar="CSV", help=gettext_lazy("also write the refused rows to this CSV file"))
        parser.add_argument("--actor", default="import", help=gettext_lazy("who is importing (recorded in the audit trail)"))

    def handle(self, *args, file, kind, fmt, encoding, strict, force, quiet, errors, actor, **options):
        with acting_as(Actor.cli(actor)), ProgressBar(quiet) as progress:
            try:
                report = registry.import_path(file, kind=kind, fmt=fmt, strict=strict, encoding=encoding,
                                              progress=progress, force=force)
            except ImportFailed as exc:
                if exc.report is not None and exc.report.errors:
                    self._errors(exc.report, errors)
                raise CommandError(exc.report.summary() if exc.report else str(exc)) from None
        self._errors(report, errors)
        self.stdout.write(report.summary())
        if report.errors and report.status == "unchanged":
            raise CommandError(f"{report.invalid} row(s) are still refused (listed above)")
        if report.errors and not report.ok:
            raise CommandError(f"no row was imported: {report.invalid} invalid row(s)")
        if report.errors:
            raise CommandError(f"{report.invalid} invalid row(s) were not imported (the valid rows were)")

    def _errors(self, report, path):
        for e in report.errors[:ERRORS_SHOWN]:
            self.stderr.write(f"  {e}")
        if len(report.errors) > ERRORS_SHOWN:
            self.stderr.write(f"  … and {len(report.errors) - ERRORS_SHOWN} more")
        if path:
            try:
                report.write_errors(path)
            except ImportFailed as exc:
                raise CommandError(str(exc)) from None
