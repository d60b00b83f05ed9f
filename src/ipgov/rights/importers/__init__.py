"""Importers of the register: `import_file(path, …)` is the one entry point (CLI, demo, services).

One module per source format (`st36`, `st96` for XML; CSV and Excel are read by `core.ingest`)
over the one ingest path (`core.ingest`: reading, batch, report): `headers` (synonym table),
`mapping` (validation), `regionmatch` (address → region) and `writer` (chunked upsert with
versions and bulk audit).
"""

from ipgov.core.ingest.errors import ImportFailed, RowError
from ipgov.core.ingest.report import ImportReport
from ipgov.rights.importers.batch import detect_format, import_file

__all__ = ["ImportFailed", "ImportReport", "RowError", "detect_format", "import_file"]
