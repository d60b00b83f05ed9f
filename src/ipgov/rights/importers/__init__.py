"""Importers of the register: `import_file(path, …)` is the one entry point (CLI, demo, services).

One module per source format (`csvfile`, `excel`, `st36`, `st96`) over shared machinery: `base`
(batch report, records), `encoding`, `headers` (synonym table), `tabular`, `mapping` (validation),
`regionmatch` (address → region) and `writer` (chunked upsert with versions and bulk audit).
"""

from ipgov.rights.importers.base import ImportFailed, ImportReport, RowError
from ipgov.rights.importers.batch import detect_format, import_file

__all__ = ["ImportFailed", "ImportReport", "RowError", "detect_format", "import_file"]
