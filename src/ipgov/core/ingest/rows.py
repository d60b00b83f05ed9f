"""Tabular imports whose rows go through a domain's write services (organizations, designations,
awards, training, pledges, grants, funds, auctions, trusts …) on the one ingest path.

A `RowSpec` names the kind, its columns, the columns that identify a record (its natural key)
and `apply(values, batch)`, which writes one parsed row through the services and says what it
did: "created", "updated" (the earlier state kept as a `RecordVersion`) or "unchanged". Each row
is applied in a savepoint: a row the services refuse leaves nothing behind and becomes a row
error with its column, while the batch's commit rule (see `batch.run`) decides what is kept.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from ipgov.core.ingest import batch as ingest
from ipgov.core.ingest.columns import Column, parse
from ipgov.core.ingest.errors import ImportFailed, RowError
from ipgov.core.ingest.headers import HeaderSet
from ipgov.core.ingest.models import ImportBatch
from ipgov.core.ingest.reading import detect_format, read_csv, read_excel
from ipgov.core.ingest.records import Record
from ipgov.core.ingest.report import ImportReport

Outcome = str  # "created" | "updated" | "unchanged"


@dataclass(frozen=True)
class RowSpec:
    kind: str
    columns: tuple[Column, ...]
    apply: Callable[[dict, ImportBatch], Outcome]
    key: tuple[str, ...]  # the columns that identify a record (two rows with the same key are one record)
    aliases: tuple[tuple[str, str], ...] = ()  # a service's field name → the column it is about

    @property
    def headers(self) -> HeaderSet:
        return HeaderSet({self.kind: {c.name: c.headers for c in self.columns}}, {self.kind: self.key[0]})

    def column_for(self, service_field: str, values: dict | None = None) -> Column | None:
        """The column a service's error is about: same name, an alias, or one of a pair of alternative
        columns (`amount` → `amount_yuan` / `amount_wan`: the one filled in `values`, else the first)."""
        name = dict(self.aliases).get(service_field, service_field)
        same = next((c for c in self.columns if c.name == name), None)
        if same is not None:
            return same
        pair = [c for c in self.columns if c.name.startswith(f"{service_field}_")]
        return next((c for c in pair if (values or {}).get(c.name) is not None), pair[0] if pair else None)


def import_rows(spec: RowSpec, path: str | Path, *, strict: bool = False, encoding: str | None = None,
                progress: ingest.Progress | None = None, force: bool = False,
                columns: dict[str, str] | None = None, **options) -> ImportReport:
    """Import one CSV/Excel file of `spec.kind` as one batch (commit rule: `batch.run`); `columns` are a
    mapping profile's, `options` go to `batch.run`."""
    return ingest.run(path, kind=spec.kind, strict=strict, progress=progress, force=force,
                      open_source=lambda path, report: _open(spec, path, encoding, columns),
                      make_writer=lambda batch, report: ServiceWriter(spec, batch, report), **options)


def _open(spec: RowSpec, path: Path, declared: str | None, columns: dict[str, str] | None = None) -> ingest.Source:
    fmt = detect_format(path)
    headers, used = spec.headers, ""
    if columns:
        headers = headers.extended(spec.kind, columns)
    if fmt == "csv":
        table, used, total = read_csv(path, headers, spec.kind, declared)
    elif fmt in ("xlsx", "xls"):
        table, total = read_excel(path, headers, spec.kind, fmt, typed=True)
    else:
        raise ImportFailed(_("%(file)s: %(kind)s are imported from .csv, .xlsx or .xls files, not %(format)s")
                           % {"file": path.name, "kind": spec.kind, "format": fmt})
    found = set(table.columns.values())
    missing = [c.label for c in spec.columns if c.required and c.name not in found]
    if missing:
        raise ImportFailed(_("the header (row %(row)s) lacks the column(s): %(columns)s")
                           % {"row": table.header_row, "columns": ", ".join(missing)})
    today = datetime.date.today()

    def items() -> Iterator[Record | list[RowError]]:
        for row in table:
            values, errors = {}, []
            for col in spec.columns:
                raw = row.cells.get(col.name)
                try:
                    values[col.name] = parse(col, raw, today)
                except ValueError as exc:
                    errors.append(RowError(row.row, col.label, "" if raw is None else str(raw), str(exc)))
            if errors:
                yield errors
            else:
                yield Record(row.row, "|".join(str(values[k]) for k in spec.key), values, cells=row.cells)
        yield from ([e] for e in table.errors)
        table.errors.clear()

    def raw_rows(wanted: set[int]) -> dict[int, list[str]]:
        again = read_csv(path, headers, spec.kind, used or declared)[0] if fmt == "csv" else \
            read_excel(path, headers, spec.kind, fmt)[0]
        return {n: cells for n, cells in again.raw_rows() if n in wanted}

    key_label = next(c.label for c in spec.columns if c.name == spec.key[0])
    return ingest.Source(items(), total, spec.kind, fmt, key_label, used, header=table.header_cells,
                         unmapped=table.unmapped, raw_rows=raw_rows)


class ServiceWriter:
    """Writes each record through the spec's `apply`, one savepoint per row."""

    def __init__(self, spec: RowSpec, batch: ImportBatch, report: ImportReport):
        self.spec, self.batch, self.report = spec, batch, report

    def write(self, records: list[Record]) -> None:
        for record in records:
            try:
                with transaction.atomic():
                    outcome = self.spec.apply(record.fields, self.batch)
            except ValidationError as exc:
                self.report.errors.extend(self._errors(record, exc))
                continue
            except LookupError as exc:  # an unknown region code and the like
                message = str(exc.args[0] if exc.args else exc)
                col = self._column_named_in(record, message)
                self.report.errors.append(RowError(record.row, col.label if col else "",
                                                   str(record.cells.get(col.name, "")) if col and record.cells else "",
                                                   message))
                continue
            except DatabaseError as exc:  # a constraint the services did not foresee: the row, not a traceback
                reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                self.report.errors.append(RowError(record.row, "", "", _("the database refused the row: %(reason)s") % {"reason": reason}))
                continue
            setattr(self.report, outcome, getattr(self.report, outcome) + 1)

    def _column_named_in(self, record: Record, message: str) -> Column | None:
        """The column whose value a lookup's message quotes ("unknown region code '419999'")."""
        for col in self.spec.columns:
            value = (record.cells or {}).get(col.name)
            if value not in (None, "") and f"'{value}'" in message:
                return col
        return None

    def _errors(self, record: Record, exc: ValidationError) -> list[RowError]:
        if hasattr(exc, "error_dict"):
            pairs = [(name, str(m)) for name, errs in exc.message_dict.items() for m in errs]
        else:
            pairs = [("", m) for m in exc.messages]
        out = []
        for name, message in pairs:
            col = self.spec.column_for(name, record.fields) if name else None
            shown = (record.cells or record.fields).get(col.name) if col else None
            label = col.label if col else ("" if name == "__all__" else name)
            out.append(RowError(record.row, label, "" if shown is None else str(shown), message))
        return out


def unchanged_or_refused(obj, expected: dict, what: str) -> Outcome:
    """"unchanged" when the existing record `obj` already holds the row's `expected` values (model field →
    value; None means "not given"). A different value is refused field by field — never reported
    unchanged and silently dropped — for kinds whose services have no amendment yet."""
    problems = {}
    for name, value in expected.items():
        if value is None:
            continue
        current = getattr(obj, name)
        if current != value:
            problems[name] = (_("%(what)s is already recorded with %(current)s; this row says %(value)s. An import "
                                "does not overwrite it: correct the record in the staff UI, or the file")
                              % {"what": what, "current": _shown(current), "value": _shown(value)})
    if problems:
        raise ValidationError(problems)
    return "unchanged"


def _shown(value) -> str:
    return _("(empty)") if value in (None, "") else str(value)
