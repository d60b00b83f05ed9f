"""Batch machinery shared by every importer: one file → one ImportBatch, atomic, idempotent.

An importer (one module per format) turns a file into `SourceRow`s (row number + header→value)
or directly into `Record`s; a mapper (`mapping.py`) turns rows into `Record`s or `RowError`s; the
writer (`writer.py`) upserts records in chunks. Everything of a batch happens in one transaction:
with `strict`, any invalid row rolls the whole batch back and the register is unchanged.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from pathlib import Path


class ImportFailed(Exception):
    """The file cannot be imported at all (unreadable, wrong format, unsafe XML, strict failure…)."""

    def __init__(self, message: str, report: ImportReport | None = None):
        super().__init__(message)
        self.report = report


@dataclass
class RowError:
    row: int
    field: str
    value: str
    reason: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", {self.field}" if self.field else "")
        value = f" = {self.value!r}" if self.value else ""
        return f"{where}{value}: {self.reason}"


@dataclass
class SourceRow:
    """One data row of a tabular file: its row number as a spreadsheet shows it, and its cells by header."""

    row: int
    cells: dict[str, str]


@dataclass
class Record:
    """A validated record ready to write: model field values and child rows, with its identity and hash."""

    row: int
    key: str
    fields: dict
    children: dict[str, list[dict]] = field(default_factory=dict)
    record_date: datetime.date | None = None
    unresolved: int = 0  # applicants/owners whose region could not be resolved
    _hash: str | None = None

    @property
    def hash(self) -> str:
        if self._hash is None:
            # repr is stable here: mappers build fields and children in a fixed order
            self._hash = hashlib.blake2b(repr((self.fields, self.children)).encode(), digest_size=16).hexdigest()
        return self._hash


@dataclass
class ImportReport:
    file_name: str
    kind: str
    format: str
    checksum: str
    encoding: str = ""
    size: int = 0
    batch_id: int | None = None
    status: str = "committed"  # committed | unchanged | failed
    message: str = ""
    rows_total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    stale: int = 0
    duplicates: int = 0
    unresolved: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def invalid(self) -> int:
        return len({e.row for e in self.errors})

    @property
    def ok(self) -> int:
        return self.created + self.updated + self.unchanged + self.stale

    def summary(self) -> str:
        if self.status == "unchanged":
            return f"{self.file_name}: unchanged — {self.message}"
        head = f"{self.file_name} ({self.kind}, {self.format}{', ' + self.encoding if self.encoding else ''})"
        counts = (f"{self.rows_total} row{'' if self.rows_total == 1 else 's'}: {self.created} created, {self.updated} updated, "
                  f"{self.unchanged} unchanged, {self.stale} older than the register, "
                  f"{self.duplicates} duplicates, {self.invalid} invalid; "
                  f"{self.unresolved} applicants without a region")
        if self.status == "failed" and not self.rows_total:
            return f"{head}: FAILED, nothing written — {self.message}"
        if self.status == "failed":
            return f"{head}: FAILED, nothing written — {self.message}\n  {counts}"
        return f"{head}: batch #{self.batch_id} committed — {counts}"


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()

