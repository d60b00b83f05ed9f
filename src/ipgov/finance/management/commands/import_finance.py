"""`ipgov import_finance KIND FILE`: an alias of `ipgov import FILE --kind KIND`."""

from django.utils.translation import gettext_lazy

from ipgov.core.ingest.command import ImportCommand
from ipgov.finance.importers import SPECS


class Command(ImportCommand):
    help = gettext_lazy("Alias of `ipgov import FILE --kind KIND` for pledges, grants, funds, fund projects/investments, "
            "auction lots and trusts.")
    kinds = tuple(s.kind for s in SPECS)
