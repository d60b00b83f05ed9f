"""CSV exports (CNIPA, incoPat-style and other databases): encoding detected, header row found."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ipgov.rights.importers import encoding
from ipgov.rights.importers.base import ImportFailed
from ipgov.rights.importers.tabular import Table

csv.field_size_limit(16 * 1024 * 1024)  # abstracts and claims can be long


def read(path: Path, kind: str | None, declared_encoding: str | None = None) -> tuple[Table, str, int]:
    """The table of a CSV file, its encoding, and an estimate of its row count (for progress)."""
    data = path.read_bytes()
    text, used = encoding.decode(data, declared_encoding)
    if "\x00" in text:
        raise ImportFailed("the file contains NUL bytes: it is binary, not a CSV export")
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",\t;")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    return Table(_guarded(reader), kind, text_cells=True), used, text.count("\n")


def _guarded(reader):
    try:
        yield from reader
    except csv.Error as exc:
        raise ImportFailed(f"CSV syntax error at line {reader.line_num}: {exc} (is the file truncated?)") from None
