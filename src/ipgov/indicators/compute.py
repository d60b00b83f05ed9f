"""`compute`: run the catalogue on an executor and bring the cube's computed cells up to date.

Incremental twice over: when the register (per-batch fingerprints), the regions and the catalogue are
what the last finished run over the same window saw, nothing is recomputed; otherwise the cube is
recomputed (the engine part is seconds) and only the cells whose value changed are rewritten, so a
batch that touched a few periods rewrites those periods' cells and no others (`run.periods_changed`).
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
from django.apps import apps
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from ipgov.core import periods
from ipgov.core.actor import require_actor
from ipgov.core.stages import Stages
from ipgov.core.testpause import pause_at
from ipgov.indicators import catalogue as catalogue_mod
from ipgov.indicators import cube, store
from ipgov.indicators.catalogue import Catalogue
from ipgov.indicators.choices import RunStatus
from ipgov.indicators.executors import get_executor
from ipgov.indicators.executors.snapshot import fingerprints
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
    lo = periods.parse(first).first if first else DEFAULT_FIRST
    if last:
        hi = periods.parse(last).last
    else:  # the data cut-off: never the later dates of expiries, events or deadlines
        from ipgov.indicators import cutoff

        hi = cutoff.for_compute(cat)
        if hi is None:
            today = datetime.date.today()
            hi = min(register_extent(cat)[1] or lo, today.year * 100 + today.month)
    if hi < lo:
        raise periods.PeriodError(f"--to {periods.month_code(hi)} is before --from {periods.month_code(lo)}")
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


def build_cube(executor, cat: Catalogue, window: Window, stages: Stages | None = None
               ) -> tuple[pd.DataFrame, float]:
    stages = stages or Stages()
    started = time.perf_counter()
    with stages.stage(_("engine: monthly increments")) as stage:
        increments = run_engine(executor, cat, window, stages=stages)
        stage.rows = sum(len(f) for f in increments.values())
    engine = time.perf_counter() - started
    with stages.stage(_("assembly: periods and derived indicators")) as stage:
        cells = cube.assemble(cat, increments, window.first, window.last, region_universe(increments),
                              populations())
        stage.rows = len(cells)
    return cells, engine


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
            cells, run.engine_seconds = build_cube(ex, cat, window, stages)
            with stages.stage(_("writing changed cells")) as stage, transaction.atomic():
                store.write_cells(cells, run, cat, cube.window_periods(window.first, window.last))
                stage.rows = run.observations_written
            run.message = (_("%(cells)s cells over %(window)s; %(written)s written, %(changed)s periods changed")
                           % {"cells": f"{len(cells):,}", "window": window.label, "changed": len(run.periods_changed),
                              "written": f"{run.observations_written:,}"})
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
