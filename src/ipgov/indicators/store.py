"""Write computed cells into the cube: only those whose value changed, in bulk.

The diff keeps unchanged cells (and the run that computed them) untouched; new and changed cells are
inserted with the current run, replaced and vanished ones deleted. Inserts use the driver's bulk path
(executemany on SQLite, COPY on PostgreSQL): a full cube is ~10⁵–10⁶ rows and Django's bulk_create
spends most of its time building model instances.
"""

from __future__ import annotations

import pandas as pd
from django.db import connection

from ipgov.core.periods import Period
from ipgov.indicators.catalogue import Catalogue
from ipgov.indicators.choices import ObservationStatus
from ipgov.indicators.models import ComputationRun, Observation

TOLERANCE = 1e-9
COLUMNS = ["indicator", "region_id", "period", "period_kind", "breakdown", "value", "unit", "status", "run_id",
           "quoted", "tolerance", "reported_yoy", "quoted_yoy", "source"]


def _insert(rows: list[tuple]) -> None:
    table = connection.ops.quote_name(Observation._meta.db_table)
    cols = ", ".join(connection.ops.quote_name(c) for c in COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(COLUMNS))
            for i in range(0, len(rows), 20_000):
                cursor.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", rows[i:i + 20_000])


def _scopes(cat: Catalogue, plist: list[Period], scope: dict[str, set[str]] | None):
    """(indicators, periods) pairs of the cells to compare: the window, or per indicator its periods."""
    if scope is None:
        return [(list(cat.indicators), [p.code for p in plist])]
    groups: dict[tuple[str, ...], list[str]] = {}
    for ind, codes in scope.items():
        if codes:
            groups.setdefault(tuple(sorted(codes)), []).append(ind)
    return [(inds, list(codes)) for codes, inds in groups.items()]


def write_cells(cells: pd.DataFrame, run: ComputationRun, cat: Catalogue, plist: list[Period],
                scope: dict[str, set[str]] | None = None, regions: list[str] | None = None) -> None:
    """`scope` (indicator → period codes) limits the comparison to those cells: `cells` holds exactly
    them (the incremental compute); without it every cell of the window is compared. `regions` (the
    codes every stored cell of the scope is for) lets the database seek the cells through its index —
    indicator, region, period — instead of reading every cell of the indicators."""
    existing = {}
    where = {"region_id__in": regions} if regions is not None else {}
    for inds, codes in _scopes(cat, plist, scope):
        for k in range(0, len(codes), 500):
            existing.update({
                (i, r, p, b): (pk, v)
                for pk, i, r, p, b, v in Observation.objects.filter(
                    status=ObservationStatus.COMPUTED, indicator__in=inds, period__in=codes[k:k + 500], **where,
                ).order_by().values_list("pk", "indicator", "region_id", "period", "breakdown", "value"
                                         ).iterator(chunk_size=20000)
            })
    units = {i.id: i.unit for i in cat.indicators.values()}
    new, stale, changed_periods, changed_regions = [], [], set(), set()
    for ind, code, period, breakdown, kind, value in cells.itertuples(index=False, name=None):
        old = existing.pop((ind, code, period, breakdown), None)
        if old is not None and abs(old[1] - value) <= TOLERANCE * max(1.0, abs(value)):
            continue
        if old is not None:
            stale.append(old[0])
        changed_periods.add(period)
        changed_regions.add(code)
        new.append((ind, code, period, kind, breakdown, float(value), units[ind], ObservationStatus.COMPUTED,
                    run.pk, "", 0.0, None, "", ""))
    for key, (pk, _value) in existing.items():  # cells that no longer exist (e.g. a breakdown emptied)
        stale.append(pk)
        changed_periods.add(key[2])
        changed_regions.add(key[1])
    for i in range(0, len(stale), 5000):
        Observation.objects.filter(pk__in=stale[i:i + 5000]).delete()
    _insert(new)
    run.observations_written = len(new)
    run.observations_deleted = len(stale)
    run.periods_changed = sorted(changed_periods)
    run.regions_changed = sorted(changed_regions)  # not stored: said by `ipgov compute`
