"""The report of one import: counts, refused rows, the one-line summary and the errors CSV."""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ipgov.core.ingest.choices import REGISTER_KINDS
from ipgov.core.ingest.errors import ImportFailed, RowError

ERRORS_CSV_HEADER = ["row", "field", "value", "reason"]


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
    region_sources: dict[str, int] = field(default_factory=dict)  # records whose region came from each source
    errors: list[RowError] = field(default_factory=list)
    unknown_status: Counter = field(default_factory=Counter)  # 法律状态 text the phrase table does not know
    profile: str = ""  # the mapping profile used, if any
    outside_scope: int = 0  # records outside the importing officer's region (flagged, kept)
    unmapped: list[dict] = field(default_factory=list)  # columns no field took: letter, header, sample value

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
        rows = f"{self.rows_total} row{'' if self.rows_total == 1 else 's'}"
        if self.kind in REGISTER_KINDS:
            counts = (f"{rows}: {self.created} created, {self.updated} updated, "
                      f"{self.unchanged} unchanged, {self.stale} older than the register, "
                      f"{self.duplicates} duplicates, {self.invalid} invalid; "
                      f"{self.unresolved} applicants without a region")
        else:
            counts = (f"{rows}: {self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
                      f"{self.duplicates} duplicates, {self.invalid} invalid")
        if self.region_sources:
            counts += "; regions " + ", ".join(f"{n} from {source}" for source, n in self.region_sources.items())
        if self.status == "failed" and not self.rows_total:
            return f"{head}: FAILED, nothing written — {self.message}"
        if self.status == "failed":
            return f"{head}: FAILED, nothing written — {self.message}\n  {counts}"
        return f"{head}: batch #{self.batch_id} committed — {counts}{self.notes()}"

    def notes(self) -> str:
        """The columns the import left aside and the legal-status phrases it did not know, one line each."""
        lines = []
        if self.unmapped:
            cols = "; ".join(f"{c['letter']} {c['header']}" + (f" (e.g. {c['sample']})" if c["sample"] else "")
                             for c in self.unmapped)
            lines.append(f"columns not imported (map them with a profile: ipgov import FILE --profile NAME): {cols}")
        if self.unknown_status:
            shown = "; ".join(f"{text} ×{n}" for text, n in self.unknown_status.most_common(10))
            lines.append(f"{sum(self.unknown_status.values())} record(s) with a legal status the phrase table does "
                         f"not know (kept as the record's source status): {shown}")
        return "".join(f"\n  {line}" for line in lines)

    def write_errors(self, path: str | Path) -> None:
        """The refused rows as CSV (UTF-8 with BOM, so Excel opens it in Chinese): row, field, value, reason."""
        try:
            with open(path, "w", newline="", encoding="utf-8-sig") as fh:
                writer = csv.writer(fh)
                writer.writerow(ERRORS_CSV_HEADER)
                writer.writerows([e.row, e.field, e.value, e.reason] for e in self.errors)
        except OSError as exc:
            raise ImportFailed(f"cannot write the error report to {path}: {exc.strerror or exc}") from None


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
