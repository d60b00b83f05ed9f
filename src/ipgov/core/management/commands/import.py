"""`ipgov import FILE [--kind K]`: the one import verb, for every kind (see core.ingest)."""

from ipgov.core.ingest.command import ImportCommand


class Command(ImportCommand):
    pass
