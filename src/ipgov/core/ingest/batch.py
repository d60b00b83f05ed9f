"""One file → one `ImportBatch`: read, validate, write through a writer — atomic and idempotent.

The commit rule, the same for every kind: without `strict`, valid rows are written and invalid ones
are reported (row, column, value, reason) and kept with the batch; with `strict`, any invalid row
rolls the whole batch back and nothing is written. A file whose every row is already in (a
committed batch of the same kind and checksum with no refused row) is "unchanged" without being
read. A file that had refused rows is read again, so corrected reference data can bring those
rows in: when that changes nothing, it is "unchanged" too (the refused rows listed again) and no
new batch is kept; a file that never imported a row is never "already imported".

A format module gives a `Source` (rows as `Record`s or lists of `RowError`s); a domain gives a
`Writer` (the bulk writer of the register, or one that calls a domain's services row by row).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from django.db import OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ipgov.core import dbstats, preflight
from ipgov.core.actor import require_actor
from ipgov.core.audit import record
from ipgov.core.ingest.choices import BatchStatus, ImportFormat
from ipgov.core.ingest.errors import ImportFailed, RowError
from ipgov.core.ingest.models import ImportBatch, ImportRawRow, ImportRowError
from ipgov.core.ingest.records import Record
from ipgov.core.ingest.report import ImportReport, sha256_of
from ipgov.core.ingest.seen import SeenKeys
from ipgov.core.models import ObjectChange
from ipgov.core.testpause import pause_at

CHUNK = 5000
IMPORT_LOCK = 0x1A9E_0001  # ipgov's advisory lock key for imports
Progress = Callable[[int, int | None], None]


@dataclass
class Source:
    """What a reader made of a file: its items (a Record, or the errors of one refused row), an
    estimate of their number (for progress), and what was detected."""

    items: Iterator[Record | list[RowError]]
    total: int | None
    kind: str
    format: str
    key_label: str  # the column that identifies a record, for "same record as row N" errors
    encoding: str = ""
    header: list[str] = field(default_factory=list)  # the header row as read (tabular files)
    unmapped: list[dict] = field(default_factory=list)  # columns no field took (filled while reading)
    raw_rows: Callable[[set[int]], dict[int, list[str]]] | None = None  # row numbers → cells as read


class Writer(Protocol):
    """Writes chunks of valid records, counting them in the report (created/updated/unchanged/stale) and
    adding the RowErrors of records it refuses. It may have a `session()` context manager that the
    whole write runs in (the register's tunes SQLite and defers index builds)."""

    def write(self, records: list[Record]) -> None: ...


class _StrictFailure(Exception):
    pass


class _NothingNew(Exception):
    pass


def previous_batch(kind: str, checksum: str, complete: bool = True) -> ImportBatch | None:
    """The batch that already brought every row of this file in (`complete`), or some of them."""
    batches = ImportBatch.objects.filter(kind=kind, checksum=checksum, status=BatchStatus.COMMITTED, rows_ok__gt=0)
    return batches.filter(rows_invalid=0).order_by("pk").first() if complete else batches.order_by("-pk").first()


def _already(report: ImportReport, previous: ImportBatch, still_refused: int = 0) -> ImportReport:
    report.status, report.batch_id = "unchanged", previous.pk
    report.message = (_("this file (sha256 %(sha)s…) was already imported as batch #%(id)s on %(when)s; nothing "
                        "changed") % {"sha": report.checksum[:12], "id": previous.pk,
                                      "when": f"{timezone.localtime(previous.started):%Y-%m-%d %H:%M}"})
    if still_refused:
        report.message += " — " + ngettext("%(n)s row still refused", "%(n)s rows still refused",
                                           still_refused) % {"n": still_refused}
    return report


def run(path: str | Path, *, kind: str | None, open_source: Callable[[Path, ImportReport], Source],
        make_writer: Callable[[ImportBatch, ImportReport], Writer], strict: bool = False,
        progress: Progress | None = None, force: bool = False, profile: str = "",
        retry_of: ImportBatch | None = None, row_numbers: dict[int, int] | None = None) -> ImportReport:
    """Import one file as one batch. Returns the report; raises ImportFailed (with `.report`) when
    nothing could be written: unreadable file, unsafe content, or invalid rows under `strict`.
    With `force`, a file already imported is read and written again as a new batch. With `retry_of`,
    `path` holds that batch's refused rows (see `retry.py`): the new batch stands for the same file, and
    `row_numbers` gives each of its rows' number in that file."""
    actor = require_actor()
    path = Path(path)
    problem = preflight.readable_file(path)
    if problem:
        raise ImportFailed(problem)
    if path.stat().st_size == 0:
        raise ImportFailed(_("%(file)s: the file is empty") % {"file": path.name})
    if retry_of is not None:
        report = ImportReport(retry_of.file_name, retry_of.kind, "", retry_of.checksum, size=retry_of.size)
        force = True
    else:
        report = ImportReport(path.name, kind or "", "", sha256_of(path), size=path.stat().st_size)
    report.profile = profile
    try:
        source = open_source(path, report)
        report.kind, report.format, report.encoding = source.kind, source.format, source.encoding
        if retry_of is not None:
            report.format, report.encoding = retry_of.format, retry_of.encoding
        with transaction.atomic():
            _one_import_at_a_time()
            previous = None if force else previous_batch(report.kind, report.checksum)
            if previous is not None:
                return _already(report, previous)
            partial = None if force else previous_batch(report.kind, report.checksum, complete=False)
            if retry_of is not None:  # a retry that brings nothing in keeps no batch either
                partial = retry_of
            batch = ImportBatch.objects.create(
                file_name=report.file_name[:500], checksum=report.checksum, size=report.size,
                format=report.format if report.format in ImportFormat.values else ImportFormat.ST36,
                kind=report.kind, encoding=report.encoding, strict=strict, actor=actor.label,
                started=timezone.now(), profile=profile[:100], retry_of=retry_of)
            report.batch_id = batch.pk
            pause_at("import-early")
            writer = make_writer(batch, report)
            with getattr(writer, "session", nullcontext)():
                _write_all(source, report, writer, progress)
            if strict and report.errors:
                raise _StrictFailure()
            if row_numbers:
                for e in report.errors:
                    e.row = row_numbers.get(e.row, e.row)
            report.unmapped = source.unmapped
            if partial is not None and not (report.created or report.updated):
                raise _NothingNew()
            _finish(batch, report)
            if retry_of is not None:
                _resolve(retry_of, batch, report)
            else:
                _keep_raw_rows(batch, report, source)
            pause_at("import-commit")
    except _NothingNew:
        report.errors.sort(key=lambda e: e.row)
        return _already(report, partial, report.invalid)
    except _StrictFailure:
        report.status, report.batch_id = "failed", None
        report.message = ngettext("--strict: %(n)s invalid row; the batch was rolled back",
                                  "--strict: %(n)s invalid rows; the batch was rolled back",
                                  report.invalid) % {"n": report.invalid}
        raise ImportFailed(report.message, report) from None
    except ImportFailed as exc:
        report.status, report.batch_id, report.message = "failed", None, str(exc)
        exc.report = report
        raise
    except OperationalError as exc:
        if "locked" not in str(exc):
            raise
        report.status, report.batch_id = "failed", None
        report.message = _("another import or a long write holds the database; nothing was written — run it again")
        raise ImportFailed(report.message, report) from None
    if report.created or report.updated:
        dbstats.refresh()
    return report


def _one_import_at_a_time() -> None:
    """On PostgreSQL, imports take turns (a transaction-scoped advisory lock; kinds share records such as
    organizations): two overlapping files then both finish — the second sees the first's records —
    instead of one failing on a unique key. SQLite has a single writer anyway."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])


def _finish(batch: ImportBatch, report: ImportReport) -> None:
    report.errors.sort(key=lambda e: e.row)
    ImportRowError.objects.bulk_create(
        [ImportRowError(batch=batch, row=e.row, field=e.field[:100], value=e.value[:500], reason=e.reason[:500])
         for e in report.errors], batch_size=2000)
    batch.status = BatchStatus.COMMITTED
    batch.rows_total, batch.rows_invalid = report.rows_total, report.invalid
    batch.rows_ok, batch.rows_created, batch.rows_updated = report.ok, report.created, report.updated
    batch.rows_unchanged, batch.rows_stale, batch.rows_duplicate = report.unchanged, report.stale, report.duplicates
    batch.unresolved_applicants, batch.finished = report.unresolved, timezone.now()
    batch.notes = {"unmapped": report.unmapped, "unknown_status": dict(report.unknown_status.most_common(200))}
    batch.save()
    record(batch, ObjectChange.Action.IMPORT, message=report.summary())


def _keep_raw_rows(batch: ImportBatch, report: ImportReport, source: Source) -> None:
    """The refused rows as the file has them (read again for just those rows), beside the batch."""
    refused = {e.row for e in report.errors}
    if not refused or source.raw_rows is None:
        return
    rows = source.raw_rows(refused)
    batch.header = source.header
    batch.save(update_fields=["header"])
    ImportRawRow.objects.bulk_create([ImportRawRow(batch=batch, row=n, cells=cells) for n, cells in sorted(rows.items())],
                                     batch_size=2000)


def _resolve(origin: ImportBatch, batch: ImportBatch, report: ImportReport) -> None:
    """A retry's rows that are no longer refused are marked brought in by the retry batch."""
    refused = {e.row for e in report.errors}
    (ImportRawRow.objects.filter(batch=origin, resolved_by__isnull=True).exclude(row__in=refused)
     .update(resolved_by=batch))


def _write_all(source: Source, report: ImportReport, writer: Writer, progress: Progress | None) -> None:
    try:
        _write_items(source, report, writer, progress)
    finally:
        close = getattr(source.items, "close", None)
        if close is not None:  # a source read ahead in a thread (ahead.py) stops it
            close()


def _write_items(source: Source, report: ImportReport, writer: Writer, progress: Progress | None) -> None:
    """The source's records through the writer CHUNK at a time. A key's later rows are told against its first
    (`_repeat`): within a chunk by a dict, across chunks by `SeenKeys`."""
    seen = SeenKeys()
    pending: dict[str, Record] = {}  # the chunk's first occurrences, by key
    repeats: list[Record] = []  # the chunk's later ones
    total = source.total

    def flush() -> None:
        earlier = seen.earlier(list(pending))
        fresh = []
        for key, item in pending.items():
            if key in earlier:
                _repeat(report, source, item, *earlier[key])
                continue
            fresh.append(item)
            if item.unknown_status:
                report.unknown_status[item.unknown_status] += 1
        for item in repeats:
            first = pending[item.key]
            _repeat(report, source, item, *earlier.get(item.key, (first.row, first.hash)))
        seen.add((item.key, item.row, item.hash) for item in fresh)
        if fresh:
            writer.write(fresh)
        pending.clear()
        repeats.clear()
        pause_at("import-mid")
        if progress:
            progress(report.rows_total, total)

    try:
        for item in source.items:
            report.rows_total += 1
            if isinstance(item, list):
                report.errors.extend(item)
                continue
            if item.key in pending:
                repeats.append(item)
                continue
            pending[item.key] = item
            if len(pending) >= CHUNK:
                flush()
        flush()
    finally:
        seen.close()
    report.errors.sort(key=lambda e: e.row)  # a repeat is told when its chunk is written: rows in file order


def _repeat(report: ImportReport, source: Source, item: Record, row: int, digest: str) -> None:
    """A later row of a key met at `row`: a duplicate when its content is the same, else refused."""
    if digest == item.hash:
        report.duplicates += 1
    else:
        report.errors.append(RowError(item.row, source.key_label, item.key,
                                      _("same record as row %(row)s but with different content") % {"row": row}))
