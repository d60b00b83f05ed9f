"""Tabular imports (CSV/Excel, Chinese headers) for programs and finance: atomic and idempotent.

A file is read whole, each row parsed (headers → fields) and applied through the write
services inside one transaction; every problem is collected as (row, field, value, reason).
Any problem rolls the whole file back: nothing is half-written, and the report lists every
bad row at once. A file whose checksum was already imported for the same kind is skipped
("unchanged"). Batches are recorded in the register's `ImportBatch` (one provenance table
for all imports); rows already present (same natural key) count as unchanged, so a file
that overlaps an earlier one can be imported again safely.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ipgov.core.actor import require_actor
from ipgov.rights.choices import BatchStatus, ImportFormat
from ipgov.rights.models import ImportBatch


class ImportRejected(Exception):
    def __init__(self, report: ImportReport):
        super().__init__(report.summary())
        self.report = report


@dataclass(frozen=True)
class Column:
    name: str  # field name handed to the row handler
    headers: tuple[str, ...]  # accepted Chinese (and English) headers
    kind: str = "text"  # text | int | date | yuan | wanyuan (万元, converted to 元) | choice
    required: bool = True
    choices: type | None = None  # a TextChoices class, for kind == "choice"
    names: dict | None = None  # Chinese names accepted for the choices (value → code)


@dataclass
class RowError:
    row: int
    field: str
    value: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.field}={self.value!r}: {self.reason}"


@dataclass
class ImportReport:
    kind: str
    file_name: str
    rows: int = 0
    created: int = 0
    unchanged: int = 0
    status: str = ""
    batch_id: int | None = None
    errors: list[RowError] = field(default_factory=list)

    def summary(self) -> str:
        if self.errors:
            return (f"{self.file_name}: rejected, {len(self.errors)} problem(s) in {self.rows} rows; "
                    "nothing was written")
        return f"{self.file_name}: {self.status}, {self.rows} rows, {self.created} created, {self.unchanged} unchanged"

    def error_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["行号", "字段", "值", "原因"])
        writer.writerows([e.row, e.field, e.value, e.reason] for e in self.errors)
        return out.getvalue()


@dataclass(frozen=True)
class Importer:
    kind: str
    columns: tuple[Column, ...]
    apply: Callable[[dict], bool]  # writes one parsed row through the services; True if created

    def column_for(self, service_field: str) -> Column | None:
        """The column a service's error is about: same name, a known alias, or `amount` → `amount_yuan`."""
        name = SERVICE_FIELD_ALIASES.get(service_field, service_field)
        return next((c for c in self.columns if c.name == name), None) or next(
            (c for c in self.columns if c.name.startswith(f"{service_field}_")), None)


SERVICE_FIELD_ALIASES = {"organization": "org_name", "pledgor": "org_name", "investee": "org_name",
                         "patent_number": "patent_number", "rights": "patents"}


def read_table(path: Path) -> tuple[str, list[str], list[list]]:
    """(format, header, rows) of a CSV (UTF-8 with or without BOM, or GB18030) or Excel file (first sheet)."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xls"):
        from python_calamine import CalamineWorkbook  # the register's Excel reader too

        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        rows = [list(r) for r in sheet.to_python(skip_empty_area=False)]
        rows = [r for r in rows if any(c not in (None, "") for c in r)]
        fmt = ImportFormat.XLSX if suffix == ".xlsx" else ImportFormat.XLS
        return fmt, [str(c or "").strip() for c in (rows[0] if rows else [])], rows[1:]
    if suffix != ".csv":
        raise ValueError(f"{path.name}: only .csv, .xlsx and .xls files can be imported")
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValueError(f"{path.name}: neither UTF-8 nor GB18030 text")
    rows = [r for r in csv.reader(io.StringIO(text)) if any(c.strip() for c in r)]
    return ImportFormat.CSV, [c.strip() for c in (rows[0] if rows else [])], rows[1:]


def choice(name: str, headers: tuple[str, ...], choices: type, names: dict, required: bool = True) -> Column:
    return Column(name, headers, "choice", required=required, choices=choices, names=names)


def _parse(col: Column, raw) -> object:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if col.required:
            raise ValueError("required")
        return None
    if col.kind == "date":
        if isinstance(raw, datetime.datetime):
            return raw.date()
        if isinstance(raw, datetime.date):
            return raw
        text = str(raw).strip().replace("/", "-").replace(".", "-")
        if len(text) == 8 and text.isdigit():
            text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise ValueError("not a date (YYYY-MM-DD)") from None
    if col.kind == "int":
        text = str(raw).strip().replace(",", "")
        if text.endswith(".0"):
            text = text[:-2]
        if not text.lstrip("-").isdigit():
            raise ValueError("not a whole number")
        return int(text)
    if col.kind in ("yuan", "wanyuan"):
        try:  # str() of an Excel float is its shortest exact repr: 3000.6 stays 3000.6
            value = Decimal(str(raw).strip().replace(",", ""))
        except InvalidOperation:
            raise ValueError("not an amount") from None
        if not value.is_finite():
            raise ValueError("not an amount")
        return value * 10000 if col.kind == "wanyuan" else value
    if col.kind == "choice":
        text = str(raw).strip()
        if text in col.choices.values:
            return text
        names = col.names or {}
        if text not in names:
            raise ValueError(f"unknown value; expected one of {', '.join(names or col.choices.values)}")
        return names[text]
    return str(raw).strip()


def _messages(exc: ValidationError) -> list[tuple[str, str]]:
    if hasattr(exc, "error_dict"):
        return [(name, str(m)) for name, errs in exc.message_dict.items() for m in errs]
    return [("", m) for m in exc.messages]


def run_import(importer: Importer, path: Path) -> ImportReport:
    """Import `path` with `importer`; raise ImportRejected (nothing written) when any row is bad."""
    actor = require_actor()
    path = Path(path)
    fmt, header, rows = read_table(path)
    report = ImportReport(importer.kind, path.name, rows=len(rows))
    checksum = hashlib.sha256(path.read_bytes()).hexdigest()
    index, missing = {}, []
    for col in importer.columns:
        found = next((header.index(h) for h in col.headers if h in header), None)
        if found is None and col.required:
            missing.append(col.headers[0])
        index[col.name] = found
    if missing:
        report.errors.append(RowError(1, "表头", "", f"missing column(s): {', '.join(missing)}"))
        raise ImportRejected(report)
    started = timezone.now()
    with transaction.atomic():
        if ImportBatch.objects.filter(kind=importer.kind, checksum=checksum,
                                      status=BatchStatus.COMMITTED).exists():
            report.status, report.unchanged = BatchStatus.UNCHANGED, len(rows)
        else:
            for number, raw_row in enumerate(rows, start=2):  # row 1 is the header
                _apply_row(importer, index, header, number, raw_row, report)
            if report.errors:
                transaction.set_rollback(True)
            else:
                report.status = BatchStatus.COMMITTED
        if not report.errors:
            batch = ImportBatch.objects.create(
                file_name=path.name, checksum=checksum, size=path.stat().st_size, format=fmt, kind=importer.kind,
                status=report.status, rows_total=len(rows), rows_ok=len(rows), rows_created=report.created,
                rows_unchanged=report.unchanged, actor=actor.label, started=started, finished=timezone.now())
            report.batch_id = batch.pk
    if report.errors:
        raise ImportRejected(report)
    return report


def _apply_row(importer: Importer, index: dict, header: list[str], number: int, raw_row: list,
               report: ImportReport) -> None:
    values, bad = {}, False
    for col in importer.columns:
        pos = index[col.name]
        raw = raw_row[pos] if pos is not None and pos < len(raw_row) else None
        try:
            values[col.name] = _parse(col, raw)
        except ValueError as exc:
            report.errors.append(RowError(number, col.headers[0], "" if raw is None else str(raw), str(exc)))
            bad = True
    if bad:
        return
    try:
        with transaction.atomic():  # a savepoint: a failing row leaves nothing behind, later rows still checked
            created = importer.apply(values)
    except ValidationError as exc:
        for name, message in _messages(exc):
            col = importer.column_for(name)
            label = col.headers[0] if col else name
            shown = values.get(col.name, "") if col else ""
            report.errors.append(RowError(number, label, "" if shown is None else str(shown), message))
        return
    except LookupError as exc:  # unknown region code and the like
        report.errors.append(RowError(number, "", "", str(exc)))
        return
    if created:
        report.created += 1
    else:
        report.unchanged += 1
