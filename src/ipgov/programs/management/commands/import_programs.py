from ipgov.programs.commands import ImportCommand
from ipgov.programs.importers import IMPORTERS


class Command(ImportCommand):
    help = "Import organizations, designations, awards or training events from CSV/Excel (Chinese headers)."
    importers = IMPORTERS
