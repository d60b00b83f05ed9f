"""`compute`: run the catalogue on an executor and bring the cube's computed cells up to date.

Incremental three times over: when the register (per-batch fingerprints), the regions and the catalogue
are what the last finished run over the same window saw, nothing is recomputed; after an import, the
Parquet executors (duckdb, spark) update the snapshot by partition and recompute only the periods the
imported rows can change, from the increments the last run kept (`incremental.py`, the monthly cycle);
otherwise the whole cube is recomputed. Either way only the cells whose value changed are rewritten
(`run.periods_changed`). `force` always recomputes the whole cube.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import socket
import time
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
from django.apps import apps
from django.db import connection, transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from ipgov.core import periods
from ipgov.core.actor import require_actor
from ipgov.core.stages import Stages
from ipgov.core.testpause import pause_at
from ipgov.indicators import catalogue as catalogue_mod
from ipgov.indicators import cube, incremental, store
from ipgov.indicators.catalogue import Catalogue
from ipgov.indicators.choices import RunStatus
from ipgov.indicators.executors import get_executor
from ipgov.indicators.executors.duckdb import ParquetExecutor
from ipgov.indicators.executors.snapshot import fingerprints, reading_fingerprints_once
from ipgov.indicators.expr.compiler import REGIONS, compile_indicator
from ipgov.indicators.models import ComputationRun
from ipgov.regions.models import Population, Region

DEFAULT_FIRST = 201501


@dataclass(frozen=True)
class Window:
    first: int
    last: int

    @property
    def label(self) -> str:
        return f"{periods.month_code(self.first)}..{periods.month_code(self.last)}"


def register_extent(cat: Catalogue) -> tuple[int | None, int | None]:
    """First and last month of any placing date in the register (yyyymm), None when empty."""
    lows, highs = [], []
    for ind in cat.base_indicators():
        model = apps.get_model(cat.sources[ind.source].model)
        row = model.objects.aggregate(lo=Min(ind.date), hi=Max(ind.date))
        lows += [row["lo"]] if row["lo"] else []
        highs += [row["hi"]] if row["hi"] else []
    as_month = lambda d: d.year * 100 + d.month  # noqa: E731
    return (as_month(min(lows)) if lows else None, as_month(max(highs)) if highs else None)


def default_window(cat: Catalogue, first: str | None, last: str | None) -> Window:
    """The months computed: `first`..`last` where given; else from DEFAULT_FIRST (or the register's first month,
    when its data end before it: an office holding only older records) to the data cut-off."""
    lo = periods.parse(first).first if first else DEFAULT_FIRST
    if last:
        hi = periods.parse(last).last
    else:  # the data cut-off: never the later dates of expiries, events or deadlines
        from ipgov.indicators import cutoff

        hi = cutoff.for_compute(cat)
        if hi is None:
            today = datetime.date.today()
            hi = min(register_extent(cat)[1] or lo, today.year * 100 + today.month)
    if hi < lo and not first:
        lo = min(register_extent(cat)[0] or hi, hi)
    if hi < lo:
        raise periods.PeriodError(_("--to %(to)s is before --from %(from)s: give a --from before it")
                                  % {"to": periods.month_code(hi), "from": periods.month_code(lo)})
    return Window(lo, hi)


def register_fingerprint(cat: Catalogue) -> str:
    state = {name: fingerprints(src) for name, src in cat.sources.items()}
    state["regions"] = [Region.objects.count(), Population.objects.count()]
    state["catalogue"] = sorted((i.id, repr(i)) for i in cat.indicators.values())
    return hashlib.sha256(json.dumps(state, sort_keys=True, default=str).encode()).hexdigest()


def region_universe(increments: dict[str, pd.DataFrame]) -> list[str]:
    """Codes reached by any record, plus every active region of the provinces reached (zeros count)."""
    seen: set[str] = set()
    for frame in increments.values():
        seen |= set(frame["code"].dropna().unique())
    return universe_around(seen)


def universe_around(seen: set[str]) -> list[str]:
    """The codes reached, plus every active region of the provinces they are in."""
    provinces = set(Region.objects.filter(code__in=seen).exclude(province_id=None)
                    .values_list("province_id", flat=True))
    provinces |= set(Region.objects.filter(code__in=seen, level="province").values_list("code", flat=True))
    active = Region.objects.active().filter(province_id__in=provinces).values_list("code", flat=True)
    return sorted(seen | set(active) | provinces)


def run_engine(executor, cat: Catalogue, window: Window, ids: list[str] | None = None,
               stages: Stages | None = None) -> dict[str, pd.DataFrame]:
    """Monthly increments of every base indicator, from the executor."""
    regions = executor.table(REGIONS)
    out = {}
    for ind in cat.base_indicators():
        if ids and ind.id not in ids:
            continue
        expr = compile_indicator(ind, cat.sources[ind.source], executor.table(ind.source), regions,
                                 window.first, window.last)
        out[ind.id] = executor.execute(expr)
        if stages:
            stages.note(_("%(indicator)s: %(rows)s rows") % {"indicator": ind.id, "rows": f"{len(out[ind.id]):,}"})
    return out


def populations() -> cube.Populations:
    return cube.Populations(list(Population.objects.values_list("region_id", "year", "value")))


def build_cube(executor, cat: Catalogue, window: Window, stages: Stages | None = None, keep: dict | None = None
               ) -> tuple[pd.DataFrame, float]:
    """The whole cube. `keep` (a dict) receives the open-ended increments and the region universe, for
    the next incremental compute."""
    stages = stages or Stages()
    started = time.perf_counter()
    engine_window = Window(window.first, incremental.OPEN_END) if keep is not None else window
    with stages.stage(_("engine: monthly increments")) as stage:
        if hasattr(executor, "increments"):  # every base indicator in one pass (DuckDB)
            increments = executor.increments(cat, engine_window.first, engine_window.last)
            stage.rows = increments.num_rows
        else:
            increments = run_engine(executor, cat, engine_window, stages=stages)
            stage.rows = sum(len(f) for f in increments.values())
    engine = time.perf_counter() - started
    with stages.stage(_("assembly: periods and derived indicators")) as stage:
        if isinstance(increments, pa.Table):
            if keep is not None:
                keep["increments"] = incremental.drop_zeros(increments)
                increments = incremental.cut_table(increments, window.last)
            universe = universe_around(incremental.codes_reached(increments, window.last))
        else:
            if keep is not None:
                keep["increments"] = {i: incremental.combine([f]) for i, f in increments.items()}
                increments = incremental.cut(increments, window.last)
            universe = region_universe(increments)
        cells = cube.assemble(cat, increments, window.first, window.last, universe, populations(),
                              memory_limit=memory_limit())
        stage.rows = len(cells)
    if keep is not None:
        keep["universe"] = universe
    return cells, engine


def memory_limit() -> str:
    """DuckDB's memory bound for the engine and the assembly (IPGOV_DUCKDB_MEMORY)."""
    from ipgov.indicators.executors.duckdb import DEFAULT_MEMORY

    return os.environ.get("IPGOV_DUCKDB_MEMORY", DEFAULT_MEMORY)


def population_hash() -> str:
    rows = sorted(Population.objects.values_list("region_id", "year", "value"))
    return hashlib.sha256(json.dumps(rows, default=str).encode()).hexdigest()


def _kept_for(ex, cat: Catalogue, window: Window, run: ComputationRun) -> incremental.Kept | None:
    """The increments the last run kept, when the difference since then can be trusted (else None)."""
    report = getattr(ex, "refresh_report", None)
    if not isinstance(ex, ParquetExecutor) or report is None or report.rebuilt:
        return None
    kept = incremental.load(ex.directory)
    if (kept is None or kept.state != report.before or kept.first != window.first or window.last < kept.last
            or kept.catalogue != incremental.catalogue_hash(cat)
            or kept.regions != incremental.regions_hash(ex.directory) + population_hash()):
        return None
    later = (ComputationRun.objects.filter(status=RunStatus.FINISHED, pk__gt=kept.run).exclude(pk=run.pk)
             .exclude(observations_written=0, observations_deleted=0))
    return None if later.exists() else kept


def compute_incremental(ex, cat: Catalogue, window: Window, kept: incremental.Kept, run: ComputationRun,
                        stages: Stages) -> tuple[pa.Table, list[str]] | None:
    """Recompute only the periods the snapshot's changes reach and write their changed cells. Returns
    the increments to keep and the region universe, or None when a full compute is needed instead."""
    report = ex.refresh_report
    started = time.perf_counter()
    with stages.stage(_("engine: increments of the changed rows")) as stage:
        delta = incremental.delta_increments(cat, ex.directory, report.plus, report.minus, window.first)
        stage.rows = sum(len(f) for f in delta.values())
    run.engine_seconds = time.perf_counter() - started
    with stages.stage(_("assembly: periods the changes reach")) as stage:
        merged = incremental.merge(kept.increments, delta)
        universe = universe_around(incremental.codes_reached(merged, window.last))
        if universe != kept.universe:  # a region reached for the first time (or no longer): zeros everywhere
            return None
        plist = cube.window_periods(window.first, window.last)
        before = {p.code for p in cube.window_periods(window.first, kept.last)}
        months = incremental.changed_months(cat, delta, window.first, window.last)
        affected = incremental.affected_periods(cat, months, plist, {p.code for p in plist} - before)
        needed = incremental.needed_cells(cat, affected, plist, window.first)
        cells = (cube.assemble(cat, merged, window.first, window.last, universe, populations(), plist=plist,
                               cells_of=needed) if needed else pd.DataFrame(columns=cube.COLUMNS))
        cells = incremental.restrict(cells, affected)
        stage.rows = len(cells)
    with stages.stage(_("writing changed cells")) as stage, transaction.atomic():
        # the stored cube's regions are the universe's (it is the one the last run wrote, else a full compute)
        store.write_cells(cells, run, cat, plist, scope=affected, regions=universe)
        stage.rows = run.observations_written
    run.message = (_("incremental: %(months)s months and %(periods)s periods recomputed over %(window)s; "
                     "%(written)s written, %(changed)s periods changed")
                   % {"months": len(set().union(*months.values())) if months else 0,
                      "periods": len(set().union(*affected.values())) if affected else 0,
                      "window": window.label, "changed": len(run.periods_changed),
                      "written": f"{run.observations_written:,}"})
    return merged, universe


_MONTH_CODE = re.compile(r"^\d{4}-\d{2}$")
SHOWN = 12  # months / regions named in a run's summary; the rest counted


def changes(run: ComputationRun) -> list[str]:
    """What a run changed, for people: the months and the regions whose cells were rewritten."""
    lines = []
    months = [p for p in run.periods_changed if _MONTH_CODE.match(p)] if run.periods_changed else []
    if months:
        more = (_(" and %(n)s more") % {"n": len(months) - SHOWN}) if len(months) > SHOWN else ""
        lines.append(_("months changed: %(months)s") % {"months": ", ".join(months[:SHOWN]) + more})
    codes = getattr(run, "regions_changed", None) or []
    if codes:
        names = dict(Region.objects.filter(code__in=codes[:SHOWN]).values_list("code", "name"))
        more = (_(" and %(n)s more") % {"n": len(codes) - SHOWN}) if len(codes) > SHOWN else ""
        shown = ", ".join(f"{c} {names.get(c, '')}".strip() for c in codes[:SHOWN])
        lines.append(_("regions changed (%(n)s): %(regions)s") % {"n": len(codes), "regions": shown + more})
    return lines


RUNNING_IN = "running in process {pid} on {host}"
_RUNNING_IN = re.compile(r"^running in process (\d+) on (\S+)$")
STALE_AFTER = datetime.timedelta(days=1)  # a run on another host still "running" after this is given up


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def fail_interrupted_runs() -> list[int]:
    """Runs left "running" by a compute that was killed (the cube itself is untouched: its cells are
    written in one transaction) are marked failed; a compute still running elsewhere is left alone."""
    host, now = socket.gethostname(), timezone.now()
    failed = []
    for run in ComputationRun.objects.filter(status=RunStatus.RUNNING):
        owner = _RUNNING_IN.match(run.message)
        if owner and owner[2] == host and _alive(int(owner[1])):
            continue
        if owner and owner[2] != host and now - run.started < STALE_AFTER:
            continue
        where = f"process {owner[1]} on {owner[2]}" if owner else "its process"
        ComputationRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING).update(
            status=RunStatus.FAILED, finished=now,
            message=f"interrupted: {where} ended before the run finished; the cube was left as it was")
        failed.append(run.pk)
    return failed


def compute(executor: str = "duckdb", first: str | None = None, last: str | None = None,
            cat: Catalogue | None = None, force: bool = False, stages: Stages | None = None,
            **executor_options) -> ComputationRun:
    """`stages` (ipgov.core.stages) is told each stage's end, rows and elapsed time as the run goes."""
    with reading_fingerprints_once():  # the register's fingerprint and the snapshot's refresh: one read
        return _compute(executor, first, last, cat, force, stages, **executor_options)


def _compute(executor: str, first: str | None, last: str | None, cat: Catalogue | None, force: bool,
             stages: Stages | None, **executor_options) -> ComputationRun:
    actor = require_actor()
    stages = stages or Stages()
    fail_interrupted_runs()
    cat = cat or catalogue_mod.default()
    window = default_window(cat, first, last)
    with stages.stage(_("register fingerprint")):
        fingerprint = register_fingerprint(cat)
    previous = ComputationRun.objects.filter(status=RunStatus.FINISHED, period_from=periods.month_code(window.first),
                                             period_to=periods.month_code(window.last)).first()
    started = timezone.now()
    run = ComputationRun.objects.create(
        executor=executor, actor=actor.label, started=started, indicators=list(cat.indicators),
        period_from=periods.month_code(window.first), period_to=periods.month_code(window.last),
        register_fingerprint=fingerprint, message=RUNNING_IN.format(pid=os.getpid(), host=socket.gethostname()))
    clock = time.perf_counter()
    pause_at("compute-running")
    try:
        if previous and previous.register_fingerprint == fingerprint and not force:
            run.message = _("unchanged since run #%(id)s: register, regions and catalogue are the same") % {"id": previous.pk}
        else:
            with stages.stage(_("snapshot for %(executor)s") % {"executor": executor}):
                ex = get_executor(executor, catalogue=cat, **executor_options)
                run.batches = ex.batches()
            kept = None if force else _kept_for(ex, cat, window, run)
            result = compute_incremental(ex, cat, window, kept, run, stages) if kept else None
            run.incremental = result is not None  # not stored: the message says it
            if result is None:
                keep = {} if getattr(ex, "refresh_report", None) is not None else None
                cells, run.engine_seconds = build_cube(ex, cat, window, stages, keep=keep)
                # SQLite checks a cell's two foreign keys row by row (13% of a full cube's write); with its checks
                # off (only outside a transaction: in one, Django's switch does nothing) the writer checks the
                # regions itself and the run is the one just created. PostgreSQL: no change.
                with (stages.stage(_("writing changed cells")) as stage, connection.constraint_checks_disabled(),
                      transaction.atomic()):
                    store.write_cells(cells, run, cat, cube.window_periods(window.first, window.last))
                    stage.rows = run.observations_written
                run.message = (_("%(cells)s cells over %(window)s; %(written)s written, %(changed)s periods changed")
                               % {"cells": f"{len(cells):,}", "window": window.label,
                                  "changed": len(run.periods_changed), "written": f"{run.observations_written:,}"})
                result = (keep["increments"], keep["universe"]) if keep is not None else None
            if isinstance(ex, ParquetExecutor):
                incremental.forget(ex.directory)
            if result is not None:
                incremental.save(ex.directory, incremental.Kept(
                    window.first, window.last, run.pk, ex.refresh_report.after,
                    incremental.regions_hash(ex.directory) + population_hash(), incremental.catalogue_hash(cat),
                    result[1], result[0]))
        run.status = RunStatus.FINISHED
    except Exception as exc:
        run.status = RunStatus.FAILED
        run.message = f"{type(exc).__name__}: {exc}"[:500]
        raise
    finally:
        run.finished = timezone.now()
        run.duration = time.perf_counter() - clock
        run.save()
    return run
