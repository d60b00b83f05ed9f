"""Re-processing a batch's refused rows without the file (`ipgov import retry BATCH [--profile P]`).

A batch keeps each refused row as read (`ImportRawRow`, with its row number and the header row).
A retry writes those still refused into a temporary CSV and imports it through the one ingest path as a
new batch of the same file (`retry_of`): errors keep the file's row numbers, and the rows it brings
in are marked resolved. When no row of the file is refused any more, the file is "already imported".
"""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

from ipgov.core.ingest import registry
from ipgov.core.ingest.errors import ImportFailed
from ipgov.core.ingest.models import ImportBatch
from ipgov.core.ingest.report import ImportReport


def origin_of(batch_id: int) -> ImportBatch:
    batch = ImportBatch.objects.filter(pk=batch_id).select_related("retry_of").first()
    if batch is None:
        raise ImportFailed(_("no import batch #%(id)s: the batches are listed on the staff import page (/imports/)")
                           % {"id": batch_id})
    return batch.retry_of or batch


def retry(batch_id: int, *, profile: str | None = None, progress=None) -> ImportReport:
    origin = origin_of(batch_id)
    rows = list(origin.raw_rows.filter(resolved_by__isnull=True).order_by("row"))
    if not rows:
        kept = origin.raw_rows.exists()
        raise ImportFailed((_("batch #%(id)s has no refused row left to re-process") if kept or not origin.rows_invalid
                            else _("batch #%(id)s kept no raw rows (an XML file, or imported before raw rows "
                                   "were kept): import the file again instead")) % {"id": origin.pk})
    profile = profile if profile is not None else origin.profile
    with tempfile.TemporaryDirectory(prefix="ipgov-retry-") as tmp:
        path = Path(tmp) / f"batch{origin.pk}-refused.csv"
        with open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(origin.header)
            writer.writerows(r.cells for r in rows)
        numbers = {i: r.row for i, r in enumerate(rows, start=2)}
        return registry.import_path(path, kind=origin.kind, profile=profile or None, progress=progress,
                                    retry_of=origin, row_numbers=numbers)


def reapply(profile: str, progress=None) -> list[ImportReport]:
    """Retry every batch that used `profile` and still has refused rows (after the profile was corrected)."""
    origins = (ImportBatch.objects.filter(profile=profile, retry_of__isnull=True, raw_rows__resolved_by__isnull=True)
               .distinct().order_by("pk"))
    return [retry(b.pk, profile=profile, progress=progress) for b in origins]
