"""Excel exports (.xlsx, .xls), read with python-calamine (fast, no formula evaluation)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from python_calamine import CalamineWorkbook

from ipgov.rights.importers.base import ImportFailed
from ipgov.rights.importers.tabular import Table

XLSX_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")


def check_container(path: Path, fmt: str) -> None:
    with open(path, "rb") as fh:
        head = fh.read(8)
    if not head:
        raise ImportFailed("the file is empty")
    if fmt == "xls":
        if head != OLE_MAGIC:
            raise ImportFailed("not an Excel 97 (.xls) workbook: no OLE2 signature")
        return
    if not zipfile.is_zipfile(path):
        raise ImportFailed("not a valid .xlsx: it is not a zip archive, or the archive is truncated")
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            bad = zf.testzip()
    except zipfile.BadZipFile as exc:
        raise ImportFailed(f"not a valid .xlsx: corrupt zip archive ({exc})") from None
    if bad is not None:
        raise ImportFailed(f"not a valid .xlsx: member {bad} of the zip archive is corrupt (truncated?)")
    missing = [p for p in XLSX_PARTS if p not in names]
    if missing:
        listed = ", ".join(names[:5]) + (" …" if len(names) > 5 else "")
        raise ImportFailed(f"a zip archive but not an Excel workbook (no {', '.join(missing)}; "
                           f"it contains: {listed or 'nothing'})")


def read(path: Path, kind: str | None, fmt: str) -> tuple[Table, str, int]:
    check_container(path, fmt)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheet = workbook.get_sheet_by_index(0)
        rows = sheet.iter_rows()
    except Exception as exc:  # calamine raises its own error types for every kind of corruption
        raise ImportFailed(f"cannot read the workbook: {exc}") from None
    return Table(rows, kind), "", (sheet.end[0] + 1) if sheet.end else 0
