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

    def handle(self, *args, kind, **options):
        result = super().handle(*args, kind="concordance", **options)
        from ipgov.analysis.services import refresh_patent_industries

        rows = refresh_patent_industries()  # the cube's industry breakdowns follow the loaded tables
        self.stdout.write(str(_("patents' concordance targets rewritten: %(rows)s") % {"rows": rows}))
        return result
