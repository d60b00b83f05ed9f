"""Bulk releases of the public cube (数据发布): CSV and Parquet per indicator group, with a manifest.

`write_release(keep=N)` writes `IPGOV_HOME/releases/<id>/`: for each area of the catalogue (creation,
protection, utilization, service) `<area>.csv` and `<area>.parquet` holding every computed cell of its
public indicators (value rounded as published, YoY from unrounded values, run id), and `manifest.json`
with each file's SHA-256, size and row count, the newest computation run and the data's date (the last
day of the latest period). Only the newest `keep` releases stay. Readable by everyone: only indicators
`core.scope.check_cell` lets the anonymous visitor read go in.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from ipgov.core import periods, sqlarrow
from ipgov.core.actor import Actor
from ipgov.core.scope import check_cell
from ipgov.indicators import catalogue
from ipgov.indicators.choices import ObservationStatus, RunStatus
from ipgov.indicators.expr.sql import literal, quote
from ipgov.indicators.models import ComputationRun, Observation
from ipgov.indicators.services import round_value, round_yoy

COLUMNS = ["indicator", "name_zh", "name_en", "region", "region_zh", "period", "breakdown", "value", "unit",
           "yoy", "status", "run_id"]
RELEASE_ID = re.compile(r"^\d{8}T\d{6}Z?(-\d+)?$")
URL_ROOT = "/open/releases/"


class ReleaseError(ValueError):
    pass


def root() -> Path:
    return Path(settings.IPGOV_HOME) / "releases"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


CELLS = pa.schema([*(pa.field(name, pa.string(), False) for name in ("indicator", "region", "period", "breakdown")),
                   pa.field("raw", pa.float64(), False), pa.field("unit", pa.string(), False),
                   pa.field("status", pa.string(), False), pa.field("run_id", pa.int64())])  # a cell's run: nullable
# each cell with its value a year earlier (the same indicator, region and breakdown), in the order of the cells' key
WITH_PRIOR_SQL = """
SELECT c.*, p.raw AS prior_raw, n.name_zh, n.name_en, r.name AS region_zh FROM cells c
JOIN names n ON n.indicator = c.indicator
LEFT JOIN regions r ON r.code = c.region
LEFT JOIN priors s ON s.period = c.period
LEFT JOIN cells p ON p.indicator = c.indicator AND p.region = c.region AND p.period = s.prior
                 AND p.breakdown = c.breakdown
ORDER BY c.indicator, c.region, c.period, c.breakdown
"""


def _cells(ids: list[str]) -> pa.Table:
    """The computed cells of the indicators, read through the database's CSV output (`core.sqlarrow`), one query
    an indicator (a SQLite text stays far below its billion-byte limit)."""
    parts = []
    for ind_id in sorted(ids):
        query = (Observation.objects.filter(indicator=ind_id, status=ObservationStatus.COMPUTED).order_by()
                 .values_list("indicator", "region", "period", "breakdown", "value", "unit", "status", "run_id"))
        sql, params = query.query.sql_with_params()
        parts.append(sqlarrow.read(sql, params, CELLS))
    return pa.concat_tables(parts) if parts else CELLS.empty_table()


def _rounded(values, rule):
    """`rule` applied to each distinct value once (by its bits: -0.0 and 0.0 stay apart), spread back: a release's
    millions of cells hold few distinct values (2.4M of the demo's 5.0M are zeros)."""
    import numpy as np

    distinct, where = np.unique(values.view(np.int64), return_inverse=True)
    return np.array([rule(v) for v in distinct.view(np.float64).tolist()], dtype=float)[where]


def frame(indicators: list[catalogue.Indicator]):
    """The cells of `indicators` as a pandas frame in COLUMNS order, by indicator, region, period and breakdown,
    with YoY against a year earlier.

    Column-wise (a release holds millions of cells): the cells come from the database as Arrow, the prior year's
    cell and the names are found by DuckDB joins, values and YoY are rounded per indicator with the same functions
    the open API uses, each distinct value once (the demo's 4.66M public cells: 11.3 s, against 20.4 s read as
    Python tuples into pandas; the release's files byte for byte the same)."""
    import duckdb
    import numpy as np
    import pandas as pd

    from ipgov.regions.models import Region

    by_id = {i.id: i for i in indicators}
    cells = _cells(list(by_id))
    if not cells.num_rows:
        return pd.DataFrame(columns=COLUMNS)
    codes = pc.unique(cells["period"]).to_pylist()
    priors = pa.table({"period": codes, "prior": [periods.parse(p).shifted(-1).code for p in codes]})
    names = pa.table({"indicator": list(by_id), "name_zh": [i.name_zh for i in by_id.values()],
                      "name_en": [i.name_en for i in by_id.values()]})
    region_names = list(Region.objects.values_list("code", "name"))
    regions = pa.table({"code": pa.array([c for c, _ in region_names], pa.string()),
                        "name": pa.array([n for _, n in region_names], pa.string())})
    with duckdb.connect() as con:
        for name, table in (("cells", cells), ("priors", priors), ("names", names), ("regions", regions)):
            con.register(name, table)
        df = con.sql(WITH_PRIOR_SQL).to_arrow_table().to_pandas()
    raw = df["raw"].to_numpy(dtype=float)
    before = df["prior_raw"].to_numpy(dtype=float)
    has_prior = ~np.isnan(before) & (before != 0)  # services.yoy: no YoY without a non-zero prior value
    change = np.where(has_prior, raw / np.where(has_prior, before, 1.0) - 1.0, np.nan)
    values, yoys = np.empty(len(df)), np.full(len(df), np.nan)
    for ind_id, index in df.groupby("indicator", sort=False).indices.items():
        ind = by_id[ind_id]
        values[index] = _rounded(raw[index], lambda v, ind=ind: round_value(ind, v))
        yoys[index] = _rounded(change[index], lambda v, ind=ind: np.nan if v != v else round_yoy(ind, v))
    df["value"], df["yoy"] = values, yoys
    df["run_id"] = df["run_id"].astype("Int64")
    return df[COLUMNS]


def _write_csv(df, path: Path) -> None:
    """`df.to_csv(path, index=False)`, the same bytes, written by DuckDB (the demo's 3.0M-cell file: 1.3 s against
    8.2 s). DuckDB writes an empty string as `""` to tell it from a missing value, pandas as nothing: empty
    strings go out as missing values, which both write as nothing."""
    if df.empty:  # no rows: the columns' types are unknown to DuckDB
        df.to_csv(path, index=False, encoding="utf-8")
        return
    import duckdb

    with duckdb.connect() as con:
        con.register("cells", df)
        columns = con.execute("DESCRIBE cells").fetchall()
        select = ", ".join(f"NULLIF({quote(name)}, '') AS {quote(name)}" if kind == "VARCHAR" else quote(name)
                           for name, kind, *_ in columns)
        con.execute(f"COPY (SELECT {select} FROM cells) TO {literal(str(path))} (HEADER, DELIMITER ',')")


def cube_run() -> ComputationRun | None:
    """The run that last changed the cube (a run that found nothing to do leaves the cube as it was: a release
    of its cells is the release of the run that wrote them)."""
    finished = ComputationRun.objects.filter(status=RunStatus.FINISHED).order_by("-finished", "-id")
    return (finished.filter(models.Q(observations_written__gt=0) | models.Q(observations_deleted__gt=0)).first()
            or finished.first())


def write_release(keep: int = 5, *, now=None) -> dict:
    """Write one release of the public cube; returns its manifest. Keeps the newest `keep` releases."""
    if keep < 1:
        raise ReleaseError(_("--keep must be at least 1 (the release just written)"))
    anonymous = Actor.anonymous()
    groups: dict[str, list[catalogue.Indicator]] = {}
    for ind in catalogue.indicators():
        if ind.public:
            check_cell(ind, "410000", who=anonymous)  # the same rule as the open API
            groups.setdefault(ind.area or "other", []).append(ind)
    now = now or timezone.now()
    release_id = now.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    base = root()
    target = base / release_id
    n = 1
    while target.exists():
        n += 1
        target = base / f"{release_id}-{n}"
    tmp = base / f".{target.name}.partial"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    files, latest_period = [], None
    for group, inds in groups.items():
        df = frame(inds)
        for p in df["period"].unique():
            parsed = periods.parse(p)
            latest_period = parsed if latest_period is None or parsed.last > latest_period.last else latest_period
        csv_path, parquet_path = tmp / f"{group}.csv", tmp / f"{group}.parquet"
        _write_csv(df, csv_path)
        df.to_parquet(parquet_path, index=False)
        for path, fmt in ((csv_path, "csv"), (parquet_path, "parquet")):
            files.append({"name": path.name, "group": group, "format": fmt, "rows": len(df),
                          "bytes": path.stat().st_size, "sha256": _sha256(path)})
    run = cube_run()
    manifest = {
        "id": target.name, "created": now.isoformat(), "run_id": run.pk if run else None,
        "data_date": latest_period.end.isoformat() if latest_period else None,
        "columns": COLUMNS, "files": files,
    }
    (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.rename(target)
    for old in release_ids()[keep:]:
        shutil.rmtree(base / old, ignore_errors=True)
    return manifest


def release_ids() -> list[str]:
    """Ids of the complete releases on disk, newest first."""
    base = root()
    if not base.is_dir():
        return []
    return sorted((p.name for p in base.iterdir() if RELEASE_ID.match(p.name) and (p / "manifest.json").is_file()),
                  reverse=True)


def manifest(release_id: str) -> dict:
    if not RELEASE_ID.match(release_id or "") or release_id not in release_ids():
        raise ReleaseError(_("no release %(id)r; `ipgov release` writes one") % {"id": release_id})
    data = json.loads((root() / release_id / "manifest.json").read_text(encoding="utf-8"))
    for f in data["files"]:
        f["url"] = f"{URL_ROOT}{release_id}/{f['name']}"
    return data


def listing() -> list[dict]:
    return [manifest(r) for r in release_ids()]


def file_path(release_id: str, name: str) -> Path:
    """The path of one file of a release (its manifest or a listed file); ReleaseError otherwise."""
    data = manifest(release_id)
    if name != "manifest.json" and name not in {f["name"] for f in data["files"]}:
        raise ReleaseError(_("release %(id)s has no file %(name)r") % {"id": release_id, "name": name})
    return root() / release_id / name
