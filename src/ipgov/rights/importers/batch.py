"""Running one import batch: detect the format, read, validate, write — all or nothing."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from ipgov.core.actor import require_actor
from ipgov.core.audit import record
from ipgov.core.models import ObjectChange
from ipgov.rights.choices import BatchStatus, ImportFormat, ImportKind
from ipgov.rights.importers import csvfile, excel, regionmatch, xmlsafe
from ipgov.rights.importers.base import ImportFailed, ImportReport, Record, RowError, sha256_of
from ipgov.rights.importers.headers import COLUMNS, KEY_FIELD
from ipgov.rights.importers.mapping import MAPPERS
from ipgov.rights.importers.writer import Writer
from ipgov.rights.models import ImportBatch, ImportRowError

CHUNK = 5000
EXTENSIONS = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls",
              ".xml": "xml"}
Progress = Callable[[int, int | None], None]


class _StrictFailure(Exception):
    pass


def detect_format(path: Path) -> str:
    """csv, xlsx, xls or xml, from the extension, else from the first bytes."""
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt:
        return fmt
    with open(path, "rb") as fh:
        head = fh.read(512)
    if head.startswith(b"PK"):
        return "xlsx"
    if head.startswith(excel.OLE_MAGIC):
        return "xls"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return "xml"
    return "csv"


def import_file(path: str | Path, *, kind: str | None = None, fmt: str = "auto", strict: bool = False,
                encoding: str | None = None, progress: Progress | None = None) -> ImportReport:
    """Import one file as one batch. Returns the report; raises ImportFailed (with `.report`) when
    nothing could be written: unreadable file, unsafe XML, or invalid rows under `strict`."""
    actor = require_actor()
    path = Path(path)
    if not path.is_file():
        raise ImportFailed(f"no such file: {path}")
    if kind is not None and kind not in ImportKind.values:
        raise ImportFailed(f"unknown kind {kind!r} (patents, trademarks or gi)")
    if path.stat().st_size == 0:
        raise ImportFailed(f"{path.name}: the file is empty")
    fmt = detect_format(path) if fmt in (None, "auto") else fmt
    if fmt not in ("csv", "xlsx", "xls", "xml", "st36", "st96"):
        raise ImportFailed(f"unknown format {fmt!r} (auto, csv, xlsx, xls, st36, st96)")
    report = ImportReport(path.name, kind or "", fmt, sha256_of(path), size=path.stat().st_size)
    regionmatch.clear()
    try:
        source, total = _open(path, fmt, kind, encoding, report)
        previous = ImportBatch.objects.filter(checksum=report.checksum, kind=report.kind).order_by("pk").first()
        if previous is not None:
            report.status, report.batch_id = "unchanged", previous.pk
            report.message = (f"this file (sha256 {report.checksum[:12]}…) was already imported as batch "
                              f"#{previous.pk} on {timezone.localtime(previous.started):%Y-%m-%d %H:%M}; nothing changed")
            return report
        gc_was_enabled = gc.isenabled()
        gc.disable()  # millions of small, acyclic objects: the cyclic collector only costs time here
        try:
            with transaction.atomic():
                _run(source, total, report, actor.label, strict, progress)
        finally:
            if gc_was_enabled:
                gc.enable()
    except _StrictFailure:
        report.status = "failed"
        report.batch_id = None
        report.message = f"--strict: {report.invalid} invalid row(s); the batch was rolled back"
        raise ImportFailed(report.message, report) from None
    except ImportFailed as exc:
        report.status, report.batch_id, report.message = "failed", None, str(exc)
        exc.report = report
        raise
    return report


def _open(path: Path, fmt: str, kind: str | None, declared: str | None, report: ImportReport):
    """The source as an iterator of Record-or-errors, and an estimate of its size."""
    if fmt in ("csv", "xlsx", "xls"):
        if fmt == "csv":
            table, used, total = csvfile.read(path, kind, declared)
            report.encoding = used
        else:
            table, _, total = excel.read(path, kind, fmt)
        report.kind, report.format = table.kind, fmt
        mapper = MAPPERS[table.kind]()

        def records() -> Iterator[Record | list[RowError]]:
            for row in table:
                yield mapper.from_row(row)
            yield from ([e] for e in table.errors)  # malformed rows found while reading
            table.errors.clear()

        return records(), total
    if kind not in (None, ImportKind.PATENTS):
        raise ImportFailed(f"XML documents hold patents, not {kind}")
    report.kind = ImportKind.PATENTS
    module, report.format = xmlsafe.module_for(path, fmt)
    mapper = MAPPERS["patents"]()
    return (mapper.build(number, raw) for number, raw in module.documents(path)), None


def _run(source, total, report: ImportReport, actor_label: str, strict: bool, progress: Progress | None):
    batch = ImportBatch.objects.create(
        file_name=report.file_name[:500], checksum=report.checksum, size=report.size,
        format=_batch_format(report.format),
        kind=report.kind, encoding=report.encoding, strict=strict, actor=actor_label, started=timezone.now())
    report.batch_id = batch.pk
    writer = Writer(report.kind, batch, report)
    key_label = COLUMNS[report.kind][KEY_FIELD[report.kind]][0]
    seen: dict[str, tuple[int, str]] = {}
    pending: list[Record] = []
    for item in source:
        if isinstance(item, list):
            report.errors.extend(item)
            report.rows_total += 1
            continue
        report.rows_total += 1
        prev = seen.get(item.key)
        if prev is not None:
            if prev[1] == item.hash:
                report.duplicates += 1
            else:
                report.errors.append(RowError(item.row, key_label, item.key,
                                              f"same record as row {prev[0]} but with different content"))
            continue
        seen[item.key] = (item.row, item.hash)
        pending.append(item)
        if len(pending) >= CHUNK:
            writer.write(pending)
            pending = []
            if progress:
                progress(report.rows_total, total)
    if pending:
        writer.write(pending)
    if progress:
        progress(report.rows_total, total)
    if strict and report.errors:
        raise _StrictFailure()
    report.errors.sort(key=lambda e: e.row)
    ImportRowError.objects.bulk_create(
        [ImportRowError(batch=batch, row=e.row, field=e.field[:100], value=e.value[:500], reason=e.reason[:500])
         for e in report.errors], batch_size=2000)
    batch.status = BatchStatus.COMMITTED
    batch.rows_total, batch.rows_invalid = report.rows_total, report.invalid
    batch.rows_ok, batch.rows_created, batch.rows_updated = report.ok, report.created, report.updated
    batch.rows_unchanged, batch.rows_stale, batch.rows_duplicate = report.unchanged, report.stale, report.duplicates
    batch.unresolved_applicants, batch.finished = report.unresolved, timezone.now()
    batch.save()
    record(batch, ObjectChange.Action.IMPORT, message=report.summary())


def _batch_format(fmt: str) -> str:
    return fmt if fmt in ImportFormat.values else ImportFormat.ST36
