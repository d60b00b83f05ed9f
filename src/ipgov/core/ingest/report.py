"""The report of one import: counts, refused rows, the one-line summary and the errors CSV."""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ipgov.core.ingest.choices import REGISTER_KINDS
from ipgov.core.ingest.errors import ImportFailed, RowError

# Where the first applicant's region came from (counted by the register's region hook, ipgov.orgs).
REGION_SOURCE_LABELS = {
    "address": gettext_lazy("the address"),
    "earlier-records": gettext_lazy("earlier records of the same applicant"),
    "known-university": gettext_lazy("the list of universities"),
    "credit-code": gettext_lazy("the credit code"),
    "staff": gettext_lazy("staff assignment"),
    "region-code column": gettext_lazy("the 国省代码 column"),
    "unresolved": gettext_lazy("nowhere (unresolved)"),
    "abroad": gettext_lazy("abroad"),
}


def region_source_label(source: str) -> str:
    return str(REGION_SOURCE_LABELS.get(source, source))

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
            return _("%(file)s: unchanged — %(message)s") % {"file": self.file_name, "message": self.message}
        detected = ", ".join(part for part in (self.kind, self.format, self.encoding) if part)
        head = f"{self.file_name} ({detected})" if detected else self.file_name  # a file refused unread: its name
        n = {"rows": self.rows_total, "created": self.created, "updated": self.updated, "unchanged": self.unchanged,
             "stale": self.stale, "duplicates": self.duplicates, "invalid": self.invalid, "unresolved": self.unresolved}
        if self.kind in REGISTER_KINDS:
            counts = ngettext(
                "%(rows)s row: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, %(stale)s older "
                "than the register, %(duplicates)s duplicates, %(invalid)s invalid; %(unresolved)s applicants "
                "without a region",
                "%(rows)s rows: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, %(stale)s older "
                "than the register, %(duplicates)s duplicates, %(invalid)s invalid; %(unresolved)s applicants "
                "without a region", self.rows_total) % n
        else:
            counts = ngettext(
                "%(rows)s row: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
                "%(duplicates)s duplicates, %(invalid)s invalid",
                "%(rows)s rows: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
                "%(duplicates)s duplicates, %(invalid)s invalid", self.rows_total) % n
        if self.region_sources:
            counts += _("; regions: %(sources)s") % {"sources": _(", ").join(
                _("%(count)s from %(source)s") % {"count": n, "source": region_source_label(source)}
                for source, n in self.region_sources.items())}
        failed = _("%(head)s: FAILED, nothing written — %(message)s") % {"head": head, "message": self.message}
        if self.status == "failed" and not self.rows_total:
            return failed
        if self.status == "failed":
            return f"{failed}\n  {counts}"
        return _("%(head)s: batch #%(id)s committed — %(counts)s") % {"head": head, "id": self.batch_id,
                                                                       "counts": counts} + self.notes()

    def notes(self) -> str:
        """The columns the import left aside and the legal-status phrases it did not know, one line each."""
        lines = []
        if self.unmapped:
            cols = "; ".join(f"{c['letter']} {c['header']}"
                             + (_(" (e.g. %(sample)s)") % {"sample": c["sample"]} if c["sample"] else "")
                             for c in self.unmapped)
            lines.append(_("columns not imported (map them with a profile: ipgov import FILE --profile NAME): "
                           "%(columns)s") % {"columns": cols})
        if self.unknown_status:
            shown = "; ".join(f"{text} ×{n}" for text, n in self.unknown_status.most_common(10))
            count = sum(self.unknown_status.values())
            lines.append(ngettext(
                "%(count)s record with a legal status the phrase table does not know (kept as the record's source "
                "status): %(shown)s",
                "%(count)s records with a legal status the phrase table does not know (kept as the record's source "
                "status): %(shown)s", count) % {"count": count, "shown": shown})
        return "".join(f"\n  {line}" for line in lines)

    def write_errors(self, path: str | Path) -> None:
        """The refused rows as CSV (UTF-8 with BOM, so Excel opens it in Chinese): row, field, value, reason."""
        try:
            with open(path, "w", newline="", encoding="utf-8-sig") as fh:
                writer = csv.writer(fh)
                writer.writerow(ERRORS_CSV_HEADER)
                writer.writerows([e.row, e.field, e.value, e.reason] for e in self.errors)
        except OSError as exc:
            raise ImportFailed(_("cannot write the error report to %(path)s: %(error)s")
                               % {"path": path, "error": exc.strerror or exc}) from None


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
