"""`ipgov concordance load FILE`: an IPC concordance file (对照表, IPC, 目标代码, 目标名称, 来源), the same as
`ipgov import FILE --kind concordance` (the one ingest path: one atomic, idempotent batch), then rewrites the
patents' concordance targets (the cube's industry breakdowns; after a plain `ipgov import` of a concordance
they follow at the next patent batch or `ipgov concordance load`)."""

from django.utils.translation import gettext_lazy as _

from ipgov.core.ingest.command import ImportCommand


class Command(ImportCommand):
    help = _("Load an IPC concordance (CSV or Excel: 对照表, IPC, 目标代码, 目标名称, 来源): ipgov concordance load FILE "
             "(= ipgov import FILE --kind concordance)")
    kinds = ("load",)  # the verb: `ipgov concordance load FILE`

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--layout", choices=["ipgov", "cnipa"], default="ipgov", help=_(
            "ipgov: the columns 对照表, IPC, 目标代码, 目标名称, 来源; cnipa: an official CNIPA table as distributed "
            "(industry code, name, IPC; an industry's IPC symbols on the rows below it), with --scheme"))
        parser.add_argument("--scheme", choices=["gbt4754", "sei2021", "wipo35"],
                            help=_("with --layout cnipa: which concordance the table is"))

    def handle(self, *args, kind, layout="ipgov", scheme=None, **options):
        if layout == "cnipa":
            return self._official(scheme, **options)
        result = super().handle(*args, kind="concordance", **options)
        from ipgov.analysis.services import refresh_patent_industries

        rows = refresh_patent_industries()  # the cube's industry breakdowns follow the loaded tables
        self.stdout.write(str(_("patents' concordance targets rewritten: %(rows)s") % {"rows": rows}))
        return result

    def usage(self, kind):
        return "ipgov concordance load {file}"

    def _official(self, scheme, *, file, **options):
        """Convert an official table to ipgov's columns (a file beside nothing: a temporary one), then load it
        on the one ingest path."""
        import tempfile
        from pathlib import Path

        from django.core.management.base import CommandError

        from ipgov.analysis import concordance
        from ipgov.core import preflight

        if not scheme:
            raise CommandError(_("--layout cnipa needs --scheme (gbt4754 or sei2021)"))
        preflight.require_file(file, f"ipgov concordance load {{file}} --layout cnipa --scheme {scheme}")
        try:
            rows = concordance.read_cnipa(Path(file), scheme)
        except (OSError, concordance.LayoutError) as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(str(_("%(file)s: %(rows)s IPC → industry rows read") % {"file": file, "rows": len(rows)}))
        with tempfile.TemporaryDirectory(prefix="ipgov-concordance-") as folder:
            converted = concordance.write_rows(rows, Path(folder) / f"{Path(file).stem}.{scheme}.csv")
            return self.handle(kind="load", file=str(converted), **options)
