"""`ipgov import_programs KIND FILE`: an alias of `ipgov import FILE --kind KIND`."""

from django.utils.translation import gettext_lazy

from ipgov.core.ingest.command import ImportCommand
from ipgov.programs.importers import SPECS


class Command(ImportCommand):
    help = gettext_lazy("Alias of `ipgov import FILE --kind KIND` for organizations, designations, awards and training.")
    kinds = tuple(s.kind for s in SPECS)
