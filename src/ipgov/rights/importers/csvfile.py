"""CSV exports (CNIPA, incoPat-style and other databases): encoding detected, header row found,
rows streamed from the file."""

from __future__ import annotations

import csv
from pathlib import Path

from ipgov.rights.importers import encoding
from ipgov.rights.importers.base import ImportFailed
from ipgov.rights.importers.tabular import Table

csv.field_size_limit(16 * 1024 * 1024)  # abstracts and claims can be long


def read(path: Path, kind: str | None, declared_encoding: str | None = None) -> tuple[Table, str, int]:
    """The table of a CSV file, its encoding, and its line count (for progress)."""
    codec, used, lines = encoding.detect_file(path, declared_encoding)
    fh = open(path, encoding=codec, newline="")  # noqa: SIM115 — closed when the rows are exhausted
    sample = fh.read(8192)
    fh.seek(0)
    if not sample.strip():
        fh.close()
        raise ImportFailed("the file is empty")
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",\t;").delimiter
    except csv.Error:
        delimiter = ","
    return Table(_rows(fh, delimiter), kind, text_cells=True), used, lines


def _rows(fh, delimiter: str):
    reader = csv.reader(fh, delimiter=delimiter, strict=True)
    with fh:
        try:
            yield from reader
        except csv.Error as exc:
            raise ImportFailed(f"CSV syntax error at line {reader.line_num}: {exc} (is the file truncated?)") from None
