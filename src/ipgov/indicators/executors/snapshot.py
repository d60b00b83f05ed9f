"""The columnar snapshot of the register (Parquet) that the duckdb and spark executors read.

One file per import batch and source table: `<dir>/<source>/batch-<id>.parquet` (records written
without a batch go to `batch-none.parquet`), plus `empty.parquet` carrying the schema, and the regions
table. `refresh` compares each batch's fingerprint (row count, latest `updated`) with the manifest and
rewrites only the batches that are new or changed — a later batch that re-writes records of an earlier
one changes both fingerprints, so both files are rewritten and no record is counted twice.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from django.apps import apps
from django.conf import settings
from django.db.models import Count, Max

from ipgov.indicators.catalogue import Catalogue, Source
from ipgov.indicators.executors.database import DatabaseExecutor

MANIFEST = "manifest.json"
REGIONS_DIR = "regions"


@dataclass
class RefreshReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.written or self.removed)


def default_directory() -> Path:
    return Path(settings.IPGOV_HOME) / "snapshot"


def fingerprints(source: Source) -> dict[str, list]:
    model = apps.get_model(source.model)
    has_updated = any(f.name == "updated" for f in model._meta.get_fields())
    aggs = {"n": Count("pk")}
    if has_updated:
        aggs["last"] = Max("updated")
    if not source.batch:
        row = model.objects.aggregate(**aggs)
        return {"all": [row["n"], str(row.get("last"))]}
    rows = model.objects.values(source.batch).annotate(**aggs).order_by()
    return {str(r[source.batch] if r[source.batch] is not None else "none"): [r["n"], str(r.get("last"))]
            for r in rows}


def _write(table: pa.Table, path: Path) -> None:
    tmp = path.with_suffix(".tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)  # atomic: a reader never sees half a file


def refresh(catalogue: Catalogue, directory: Path) -> RefreshReport:
    db = DatabaseExecutor(catalogue)
    report = RefreshReport()
    directory.mkdir(parents=True, exist_ok=True)
    manifest_path = directory / MANIFEST
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    for source in catalogue.sources.values():
        folder = directory / source.name
        folder.mkdir(exist_ok=True)
        table = db.source_table(source)
        schema = table.schema().to_pyarrow()
        empty = folder / "empty.parquet"
        if not empty.exists():
            _write(schema.empty_table(), empty)
        stored = manifest.get(source.name, {})
        current = fingerprints(source)
        for key, fingerprint in current.items():
            if stored.get(key) == fingerprint:
                report.unchanged += 1
                continue
            if key == "all":
                part = table
            elif key == "none":
                part = table.filter(table[source.batch].isnull())
            else:
                part = table.filter(table[source.batch] == int(key))
            _write(db.execute_arrow(part).cast(schema), folder / f"batch-{key}.parquet")
            report.written.append(f"{source.name}/batch-{key}")
        for key in set(stored) - set(current):
            (folder / f"batch-{key}.parquet").unlink(missing_ok=True)
            report.removed.append(f"{source.name}/batch-{key}")
        manifest[source.name] = current
    regions = directory / REGIONS_DIR
    regions.mkdir(exist_ok=True)
    _write(db.execute_arrow(db.regions_table()), regions / "regions.parquet")
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return report


def batches(directory: Path) -> list[int]:
    manifest_path = directory / MANIFEST
    if not manifest_path.exists():
        return []
    manifest = json.loads(manifest_path.read_text())
    return sorted({int(k) for parts in manifest.values() for k in parts if k.isdigit()})
