from ipgov.finance.importers import IMPORTERS
from ipgov.programs.commands import ImportCommand


class Command(ImportCommand):
    help = "Import pledges, grants, funds, fund projects/investments, auction lots or trusts from CSV/Excel."
    importers = IMPORTERS
