"""`ipgov concordance load FILE`: an IPC concordance file (对照表, IPC, 目标代码, 目标名称, 来源), the same as
`ipgov import FILE --kind concordance` (the one ingest path: one atomic, idempotent batch)."""

from django.utils.translation import gettext_lazy as _

from ipgov.core.ingest.command import ImportCommand


class Command(ImportCommand):
    help = _("Load an IPC concordance (CSV or Excel: 对照表, IPC, 目标代码, 目标名称, 来源): ipgov concordance load FILE "
             "(= ipgov import FILE --kind concordance)")
    kinds = ("load",)  # the verb: `ipgov concordance load FILE`

    def handle(self, *args, kind, **options):
        return super().handle(*args, kind="concordance", **options)
