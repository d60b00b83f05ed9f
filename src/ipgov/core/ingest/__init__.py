"""The one ingest path: reading files (CSV/Excel/XML, encodings, header rows), row errors, the
batch (`ImportBatch`) with its commit rule and report, and the hook for a bulk writer.

Modules: `errors` (ImportFailed, RowError), `report` (ImportReport, the errors CSV), `encoding`,
`reading` (format detection, CSV and Excel readers, archive limits), `table` (header row → rows),
`xml` (safe streamed XML), `batch` (one file → one batch, atomic, idempotent), `columns` (typed
columns of a tabular spec), `rows` (a spec whose rows go through a domain's services), `models`.
"""
