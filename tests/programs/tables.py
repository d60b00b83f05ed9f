"""Writing small CSV/Excel files with Chinese headers for the import tests."""

from __future__ import annotations

import csv
from pathlib import Path


def write_table(path: Path, header: list[str], rows: list[list]) -> Path:
    if path.suffix == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        sheet = wb.active
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        wb.save(path)
    else:
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f).writerows([header, *rows])
    return path
