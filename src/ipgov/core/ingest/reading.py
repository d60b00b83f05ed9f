"""Reading a file of any supported format: detect the format, open CSV (encoding detected, delimiter
sniffed) or Excel (python-calamine, after checking the archive) as a `Table`.

An .xlsx is a zip archive: its declared sizes are checked against absolute and ratio limits
before anything is inflated, so a zip bomb is refused in milliseconds, not after gigabytes.
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from ipgov.core.ingest import encoding
from ipgov.core.ingest.errors import ImportFailed
from ipgov.core.ingest.headers import HeaderSet
from ipgov.core.ingest.table import Table

FIELD_LIMIT = 16 * 1024 * 1024  # abstracts and claims can be long; anything longer is not a real cell
csv.field_size_limit(FIELD_LIMIT)

EXTENSIONS = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls",
              ".xml": "xml"}
XLSX_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
MAX_INFLATED = 1 << 30  # 1 GiB inflated: ~ten times the largest real export seen
MAX_RATIO = 200  # real sheets compress 5–30×; a bomb compresses thousands of times
RATIO_FLOOR = 1 << 20  # small members may compress well without being suspicious


def detect_format(path: Path) -> str:
    """csv, xlsx, xls or xml, from the extension, else from the first bytes."""
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt:
        return fmt
    with open(path, "rb") as fh:
        head = fh.read(512)
    if head.startswith(b"PK"):
        return "xlsx"
    if head.startswith(OLE_MAGIC):
        return "xls"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return "xml"
    return "csv"


def read_csv(path: Path, headers: HeaderSet, kind: str | None,
             declared_encoding: str | None = None) -> tuple[Table, str, int]:
    """The table of a CSV file, its encoding, and its line count (for progress)."""
    codec, used, lines = encoding.detect_file(path, declared_encoding)
    fh = open(path, encoding=codec, newline="")  # noqa: SIM115 — closed when the rows are exhausted
    sample = fh.read(8192)
    fh.seek(0)
    if not sample.strip():
        fh.close()
        raise ImportFailed(_("the file is empty"))
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",\t;").delimiter
    except csv.Error:
        delimiter = ","
    try:
        return Table(_csv_rows(fh, delimiter), headers, kind, text_cells=True), used, lines
    except ImportFailed:
        fh.close()
        raise


def _csv_rows(fh, delimiter: str):
    reader = csv.reader(fh, delimiter=delimiter, strict=True)
    with fh:
        try:
            yield from reader
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise ImportFailed(_("line %(line)s: a cell longer than %(mb)s MB — not a real export (an unclosed "
                                     "quote?)") % {"line": reader.line_num + 1, "mb": FIELD_LIMIT // (1 << 20)}) from None
            raise ImportFailed(_("CSV syntax error at line %(line)s: %(error)s (is the file truncated?)")
                               % {"line": reader.line_num, "error": exc}) from None


def check_container(path: Path, fmt: str) -> None:
    """Refuse what is not an Excel workbook, and zip bombs, before calamine inflates anything."""
    with open(path, "rb") as fh:
        head = fh.read(8)
    if not head:
        raise ImportFailed(_("the file is empty"))
    if fmt == "xls":
        if head != OLE_MAGIC:
            raise ImportFailed(_("not an Excel 97 (.xls) workbook: no OLE2 signature"))
        return
    if not zipfile.is_zipfile(path):
        raise ImportFailed(_("not a valid .xlsx: it is not a zip archive, or the archive is truncated"))
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            _check_inflation(infos)
            bad = zf.testzip()
    except zipfile.BadZipFile as exc:
        raise ImportFailed(_("not a valid .xlsx: corrupt zip archive (%(error)s)") % {"error": exc}) from None
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError, OSError) as exc:
        raise ImportFailed(_("not a valid .xlsx: unreadable zip archive (%(error)s)") % {"error": exc}) from None
    if bad is not None:
        raise ImportFailed(_("not a valid .xlsx: member %(member)s of the zip archive is corrupt (truncated?)")
                           % {"member": bad})
    names = [i.filename for i in infos]
    missing = [p for p in XLSX_PARTS if p not in names]
    if missing:
        listed = ", ".join(names[:5]) + (" …" if len(names) > 5 else "")
        raise ImportFailed(_("a zip archive but not an Excel workbook (no %(missing)s; it contains: %(listed)s)")
                           % {"missing": ", ".join(missing), "listed": listed or _("nothing")})


def _check_inflation(infos: list[zipfile.ZipInfo]) -> None:
    total = sum(i.file_size for i in infos)
    if total > MAX_INFLATED:
        raise ImportFailed(_("refused: the workbook would inflate to %(size)s (limit %(limit)s) — a zip bomb, or "
                             "split the export") % {"size": _size(total), "limit": _size(MAX_INFLATED)})
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ImportFailed(_("refused: member %(member)s inflates %(ratio)s times (limit %(limit)s) — a zip bomb, "
                                 "not a workbook") % {"member": info.filename, "limit": MAX_RATIO,
                                                      "ratio": f"{info.file_size // max(info.compress_size, 1):,}"})


def _size(n: int) -> str:
    return f"{n / (1 << 20):,.0f} MB" if n >= 1 << 20 else f"{n:,} bytes"


def read_excel(path: Path, headers: HeaderSet, kind: str | None, fmt: str,
               typed: bool = False) -> tuple[Table, int]:
    """The table of the first sheet of a workbook, and its row count (for progress)."""
    check_container(path, fmt)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheet = workbook.get_sheet_by_index(0)
        rows = sheet.iter_rows()
    except Exception as exc:  # calamine raises its own error types (ZipError, XmlError…) for every corruption
        raise ImportFailed(_("cannot read the workbook: %(error)s") % {"error": exc}) from None
    return Table(_guarded(rows), headers, kind, typed=typed), (sheet.end[0] + 1) if sheet.end else 0


def _guarded(rows):
    try:
        yield from rows
    except Exception as exc:  # a corrupt sheet found while streaming
        raise ImportFailed(_("cannot read the workbook: %(error)s") % {"error": exc}) from None
