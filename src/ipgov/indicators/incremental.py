"""The incremental monthly cycle: after a delta import, update the cube's increments by difference and
recompute only the periods whose cells can have changed.

A full compute of a Parquet executor (duckdb, spark) keeps the engine's monthly increments of every
base indicator (open-ended: every month from the window's first on) in `<snapshot>/increments/`, with
the snapshot state, regions and run they belong to. The next compute after an import refreshes the
snapshot by partition (`executors/snapshot.py`), which names the files of rows that entered the register
(`plus`) and of rows that left it (`minus`, the old versions of corrected records). The engine runs on
those rows only (DuckDB in-process, thousands of rows), the increments become `kept + plus − minus`, and:

* a flow's cells change only in periods containing a month whose increment changed;
* a stock's cells change only at months where the running sum of the changes is not zero — a
  correction that moves a grant from March to May changes the stock of March and April, a new lapse
  every month after it;
* derived indicators follow their inputs: the same period (sum, share, per 10k), the period a year
  later (YoY), the rest of the year (year to date) and the next N years (trailing years).

The cells of those periods are assembled from the whole increments (as a full compute does), and only
they are compared with the stored cube and rewritten, so the result is cell for cell a full compute's.
Anything the difference cannot vouch for (no kept increments, another window start, a shorter window,
changed regions, catalogue or set of regions reached, a later run that wrote cells) means a full compute.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ipgov.core import periods as periods_mod
from ipgov.core.periods import Period
from ipgov.indicators.catalogue import Catalogue
from ipgov.indicators.expr.compiler import compile_indicator, next_month

OPEN_END = 999912  # engine's last month for the kept increments: every month, cut to the window later
KEYS = ["code", "month", "bkey", "bval"]
FOLDER = "increments"
META = "meta.json"
_MONTH = re.compile(r"^\d{4}-\d{2}$")


def catalogue_hash(cat: Catalogue) -> str:
    state = sorted((i.id, repr(i)) for i in cat.indicators.values())
    state += sorted((s.name, repr(s)) for s in cat.sources.values())
    return hashlib.sha256(json.dumps(state, default=str).encode()).hexdigest()


def regions_hash(directory: Path) -> str:
    from ipgov.indicators.executors.snapshot import REGIONS_DIR

    table = pq.read_table(directory / REGIONS_DIR / "regions.parquet").sort_by("code")
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return hashlib.sha256(sink.getvalue().to_pybytes()).hexdigest()


@dataclass
class Kept:
    """The increments a run left, and what they belong to."""

    first: int
    last: int
    run: int
    state: str
    regions: str
    catalogue: str
    universe: list[str]
    increments: dict[str, pd.DataFrame] = field(default_factory=dict)


def save(directory: Path, kept: Kept) -> None:
    folder = directory / FOLDER
    tmp = directory / (FOLDER + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    frames = [f.assign(indicator=i) for i, f in kept.increments.items()]
    table = (pd.concat(frames, ignore_index=True) if frames
             else pd.DataFrame(columns=[*KEYS, "n", "indicator"]))
    table[["code", "bkey", "bval", "indicator"]] = table[["code", "bkey", "bval", "indicator"]].astype(object)
    table.to_parquet(tmp / "increments.parquet", index=False)
    meta = {k: getattr(kept, k) for k in ("first", "last", "run", "state", "regions", "catalogue", "universe")}
    (tmp / META).write_text(json.dumps(meta))
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)


def load(directory: Path) -> Kept | None:
    folder = directory / FOLDER
    try:
        meta = json.loads((folder / META).read_text())
        table = pd.read_parquet(folder / "increments.parquet")
    except (OSError, ValueError):
        return None
    kept = Kept(**meta)
    for ind, frame in table.groupby("indicator", sort=False):
        kept.increments[ind] = frame.drop(columns="indicator").reset_index(drop=True)
    return kept


def forget(directory: Path) -> None:
    shutil.rmtree(directory / FOLDER, ignore_errors=True)


def update_run(directory: Path, run: int) -> None:
    """A run that changed nothing: the kept increments are still the cube's."""
    path = directory / FOLDER / META
    if path.exists():
        meta = json.loads(path.read_text())
        meta["run"] = run
        path.write_text(json.dumps(meta))


def delta_increments(cat: Catalogue, directory: Path, plus: dict[str, list[Path]], minus: dict[str, list[Path]],
                     first: int) -> dict[str, pd.DataFrame]:
    """Increments of the rows that entered (+) and left (−) the register, per base indicator (DuckDB)."""
    import ibis

    from ipgov.indicators.executors.snapshot import REGIONS_DIR

    con = ibis.duckdb.connect()
    regions = con.read_parquet(str(directory / REGIONS_DIR / "regions.parquet"))
    tables = {}
    for name in cat.sources:
        parts = [con.read_parquet([str(p) for p in files.get(name) or []]).mutate(_sign=ibis.literal(sign))
                 for sign, files in ((1.0, plus), (-1.0, minus)) if files.get(name)]
        if parts:
            tables[name] = parts[0].union(parts[1]) if len(parts) > 1 else parts[0]
    out = {}
    for ind in cat.base_indicators():
        if ind.source in tables:
            expr = compile_indicator(ind, cat.sources[ind.source], tables[ind.source], regions, first, OPEN_END,
                                     sign="_sign")
            out[ind.id] = combine([con.to_pyarrow(expr).to_pandas()])
    return out


def combine(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Sum increments over the same (code, month, breakdown); rows that cancel out are dropped."""
    frame = pd.concat(parts, ignore_index=True)
    frame[["bkey", "bval"]] = frame[["bkey", "bval"]].fillna("")
    frame = frame.groupby(KEYS, as_index=False, sort=False)["n"].sum()
    return frame[frame["n"].abs() > 1e-9].reset_index(drop=True)


def cut(increments: dict[str, pd.DataFrame], last: int) -> dict[str, pd.DataFrame]:
    return {i: f[f["month"] <= last] for i, f in increments.items()}


def changed_months(cat: Catalogue, delta: dict[str, pd.DataFrame], first: int, last: int) -> dict[str, set[int]]:
    """Per base indicator, the months of the window whose cells can differ: a flow's months with a
    change; a stock's months where the running sum of the changes is not zero (per series)."""
    out: dict[str, set[int]] = {}
    for ind_id, frame in delta.items():
        frame = frame[frame["month"] <= last]
        if frame.empty:
            continue
        if not cat.get(ind_id).is_stock:
            out[ind_id] = {int(m) for m in frame["month"].unique() if m >= first}
            continue
        axis, m = [], int(frame["month"].min())
        while m <= last:
            axis.append(m)
            m = next_month(m)
        wide = frame.pivot_table(index=["code", "bkey", "bval"], columns="month", values="n", aggfunc="sum")
        wide = wide.reindex(columns=axis, fill_value=0.0).fillna(0.0)
        moved = (wide.cumsum(axis=1).abs() > 1e-9).any(axis=0)
        months = {m for m in axis if m >= first and bool(moved[m])}
        out[ind_id] = months
    return out


def affected_periods(cat: Catalogue, months: dict[str, set[int]], plist: list[Period], new_periods: set[str]
                     ) -> dict[str, set[str]]:
    """Per indicator, the codes of the periods whose cells can differ from the stored cube."""
    out: dict[str, set[str]] = {}
    for ind in cat.base_indicators():
        changed = months.get(ind.id, set())
        if ind.is_stock:
            hit = {p.code for p in plist if p.last in changed}
        else:
            hit = {p.code for p in plist if changed.intersection(p.months)}
        out[ind.id] = hit | new_periods
    for ind in cat.derived_indicators():
        inputs = [out.get(i, set()) for i in ind.inputs]
        if ind.formula in ("ytd", "trailing_years"):
            hit_months = sorted(int(c.replace("-", "")) for c in inputs[0] if _MONTH.match(c))
            hit = set()
            for p in plist:
                start = (p.end_year * 100 + 1 if ind.formula == "ytd"
                         else next_month(p.last - ind.years * 100))
                if any(start <= m <= p.last for m in hit_months):
                    hit.add(p.code)
        else:
            hit = set().union(*inputs) if inputs else set()
            if ind.formula == "yoy":
                hit |= {p.code for p in plist if _shifted(p) in inputs[0]}
        out[ind.id] = hit | new_periods
    return out


def _shifted(p: Period) -> str | None:
    try:
        return p.shifted(-1).code
    except (ValueError, periods_mod.PeriodError):
        return None


def needed_periods(cat: Catalogue, affected: dict[str, set[str]], plist: list[Period]) -> list[Period]:
    """The periods whose cells the affected ones are computed from: themselves, a year earlier for YoY,
    and every month (year-to-date and trailing windows add months)."""
    needed = set().union(*affected.values()) if affected else set()
    if not needed:
        return []
    by_code = {p.code: p for p in plist}
    for ind in cat.derived_indicators():
        if ind.formula == "yoy":
            needed |= {s for c in affected.get(ind.id, ()) if (s := _shifted(by_code[c])) in by_code}
    windowed = any(affected.get(i.id) for i in cat.derived_indicators() if i.formula in ("ytd", "trailing_years"))
    return [p for p in plist if p.code in needed or (windowed and _MONTH.match(p.code))]


def restrict(cells: pd.DataFrame, affected: dict[str, set[str]]) -> pd.DataFrame:
    keys = pd.DataFrame([(i, p) for i, codes in affected.items() for p in codes], columns=["indicator", "period"])
    if keys.empty:
        return cells.iloc[0:0]
    return cells.merge(keys, on=["indicator", "period"], how="inner")[cells.columns]
