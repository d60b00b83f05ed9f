"""Open data (公开数据): the published catalogue, cube cells and regions, as plain rows.

What the API's `/api/v1/open/` endpoints, the bulk releases and the public portal all serve, so they agree
to the digit. Cells are read through `indicators.services.query` under the current actor (the anonymous
visitor on the web), so the catalogue's `public` flag decides (`core.scope.check_cell`): a non-public
indicator is refused, never filtered out silently.
"""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.utils import translation
from django.utils.translation import gettext as _

from ipgov.core import periods
from ipgov.core.scope import check_cell
from ipgov.indicators import catalogue, services
from ipgov.indicators.choices import ObservationStatus
from ipgov.indicators.models import Observation
from ipgov.regions.models import Region

PROVINCE = "410000"  # the office's province: the default region list and the releases' coverage
MAX_CELLS = 500  # regions × periods per request; more is what the bulk releases are for


class OpenDataError(ValueError):
    """A request the open data cannot answer (too many cells, an unknown status); says what to change."""


def counting_rule(ind: catalogue.Indicator) -> str:
    """How a record is counted, in one English sentence built from the catalogue entry."""
    if ind.is_derived:
        years = f" over {ind.years} years" if ind.years else ""
        return f"derived: {ind.formula}{years} of {', '.join(ind.inputs)}"
    where = "in the region of the first applicant or owner (and its city and province)"
    filters = "".join(f", {k} = {v}" for k, v in ind.filters.items())
    what = "summed " + ind.measure if ind.measure else "counted"
    if ind.is_stock:
        end = f" and not ended by {ind.end}" if ind.end else ""
        return f"stock: records with {ind.date} on or before the period's last day{end}{filters}, {what} {where}"
    return f"flow: records whose {ind.date} falls in the period{filters}, {what} {where}"


def cube_version() -> str:
    """What changes whenever the cube may have: the newest computation run (its id, end and writes) and the
    newest cell id — four primary-key lookups in one statement, asked by every cached answer. On SQLite,
    outside a transaction, the statement runs only when the database has changed since it last ran
    (`_SQLiteWatch`): a cached answer then touches no connection of Django's at all."""
    from django.db import connection

    if connection.vendor == "sqlite" and not connection.in_atomic_block:  # own writes, if any, committed
        version = _watch.version(connection.settings_dict["NAME"])
        if version is not None:
            return version
    with connection.cursor() as cursor:
        return _version_of(cursor)


def _version_of(cursor) -> str:
    """The version statement, written in SQL: the ORM's query building cost more than the lookups."""
    from ipgov.indicators.models import ComputationRun

    runs, cells = (f'"{m._meta.db_table}"' for m in (ComputationRun, Observation))
    newest = f"FROM {runs} ORDER BY id DESC LIMIT 1"
    cursor.execute(f"SELECT (SELECT id {newest}), (SELECT finished {newest}), "  # noqa: S608 -- table names
                   f"(SELECT observations_written {newest}), (SELECT MAX(id) FROM {cells})")
    row = cursor.fetchall()[0]  # fetchall: the statement is finished, no read snapshot stays open
    return ":".join(str(v) for v in row).replace(" ", "_")


class _SQLiteWatch:
    """One read-only connection per process, kept open, that asks SQLite's `PRAGMA data_version` — a number
    that changes when any other connection (any process) has committed — and runs the version statement
    (and a caller's statements: `database_rows`) only then. Web workers opened a connection per request
    (CONN_MAX_AGE was 0 on SQLite), and under 50 clients those connections, not the cached answer, were the
    open endpoints' cost; the watch also spares a kept page its statements. The file is reopened when it was replaced (a restore); an in-memory database
    is not watched (None)."""

    def __init__(self):
        import threading

        self.lock = threading.Lock()
        self.key = self.conn = self.data_version = None
        self.memo = {}  # what was asked (the cube's version, a caller's statement) → its answer

    def version(self, name) -> str | None:
        return self._asked(name, "cube", lambda cursor: _version_of(cursor))

    def rows(self, name, sql: str, params: tuple = ()) -> tuple | None:
        """The rows of a small read statement (`%s` placeholders), run again only after a commit."""
        def run(cursor):
            return tuple(tuple(row) for row in cursor.execute(sql.replace("%s", "?"), params).fetchall())

        return self._asked(name, (sql, params), run)

    def _asked(self, name, what, compute):
        import os
        import sqlite3

        name = str(name)
        if name == ":memory:" or "mode=memory" in name:
            return None
        try:
            stat = os.stat(name)
        except OSError:
            return None
        key = (os.getpid(), name, stat.st_dev, stat.st_ino)
        with self.lock:
            try:
                if key != self.key:
                    if self.conn is not None:
                        self.conn.close()
                    self.conn = sqlite3.connect(f"file:{name}?mode=ro", uri=True, isolation_level=None,
                                                check_same_thread=False)
                    self.key, self.data_version, self.memo = key, None, {}
                data_version = self.conn.execute("PRAGMA data_version").fetchall()[0][0]
                if data_version != self.data_version or len(self.memo) > 1000:
                    self.memo, self.data_version = {}, data_version
                if what not in self.memo:
                    self.memo[what] = compute(self.conn.cursor())
                return self.memo[what]
            except sqlite3.Error:
                self.key = None  # asked again through Django's connection; reopened next time
                return None


_watch = _SQLiteWatch()


def database_rows(sql: str, params: tuple = ()) -> tuple:
    """The rows of a small read statement (`%s` placeholders) that tells whether some records changed — a
    part of a `per_cube_run` key beside the cube's version (the portal's article page: the article and its
    published comments). Asked like `cube_version`: on SQLite, outside a transaction, run again only after
    a commit (`_SQLiteWatch`). Cast dates to text in the statement: Django's connection and the watch's
    would otherwise give the same value in two types (datetime, str)."""
    from django.db import connection

    params = tuple(params)
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        rows = _watch.rows(connection.settings_dict["NAME"], sql, params)
        if rows is not None:
            return rows
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return tuple(tuple(row) for row in cursor.fetchall())


def per_cube_run(name: str, compute, *parts, timeout: int = 3600):
    """`compute()`, kept in Django's cache until the cube changes (cube_version) — for answers computed from
    public cells only, the same for every visitor (the open API, the portal's pages)."""
    from django.core.cache import cache

    key = _cube_key(name, parts)
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, timeout)
    return found


def kept_for_cube_run(name: str, *parts):
    """What `per_cube_run(name, …, *parts)` keeps for the cube as it is now, or None: a look without computing
    (the open API's middleware answers from it before the rest of the request is set up)."""
    from django.core.cache import cache

    return cache.get(_cube_key(name, parts))


def _cube_key(name: str, parts: tuple) -> str:
    import hashlib

    return f"ipgov-cube:{name}:" + hashlib.sha256(repr((cube_version(), parts)).encode()).hexdigest()[:40]


def _coverage() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """indicator → the periods and the regions the cube has computed cells for; kept in the cache until the
    next computation run (two DISTINCT scans of the cube are not for every request)."""
    return per_cube_run("coverage", _scan_coverage)


def _scan_coverage() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    cells = Observation.objects.filter(status=ObservationStatus.COMPUTED, breakdown="")
    by_period: dict[str, set[str]] = {}
    by_region: dict[str, set[str]] = {}
    for ind, period in cells.values_list("indicator", "period").distinct():
        by_period.setdefault(ind, set()).add(period)
    for ind, region in cells.values_list("indicator", "region").distinct():
        by_region.setdefault(ind, set()).add(region)
    order = lambda p: (periods.parse(p).last, periods.parse(p).first)  # noqa: E731
    return ({k: sorted(v, key=order) for k, v in by_period.items()},
            {k: sorted(v) for k, v in by_region.items()})


def _both(label) -> tuple[str, str]:
    with translation.override("zh-hans"):
        zh = str(label)
    with translation.override("en"):
        en = str(label)
    return zh, en


@cache
def breakdown_labels(indicator_id: str) -> dict[str, tuple[str, str]]:
    """"dimension=value" → (zh, en) labels, from the choices of the source column the breakdown reads."""
    ind = catalogue.get(indicator_id)
    if ind.is_derived or not ind.breakdowns:
        return {}
    model = apps.get_model(catalogue.sources()[ind.source].model)
    out = {}
    for key, column in ind.breakdowns.items():
        field = model._meta.get_field(column.removesuffix("_id"))
        for value, label in field.flatchoices or ():
            out[f"{key}={value}"] = _both(label)
    return out


def public_indicators() -> list[catalogue.Indicator]:
    return [i for i in catalogue.indicators() if i.public]


def catalogue_entries() -> list[dict]:
    """Every public indicator with its definition, counting rule and the cells the cube holds."""
    by_period, by_region = _coverage()
    out = []
    for ind in public_indicators():
        source = None if ind.is_derived else catalogue.sources()[ind.source]
        out.append({
            "id": ind.id, "name_zh": ind.name_zh, "name_en": ind.name_en, "area": ind.area, "unit": ind.unit,
            "decimals": ind.decimals, "kind": ind.kind, "definition": " ".join(ind.definition.split()),
            "definition_zh": ind.definition_zh,
            "source": source.model if source else "derived",
            "source_zh": source.name_zh if source else "",
            "counting_rule": counting_rule(ind),
            "breakdowns": list(ind.breakdowns),
            "inputs": list(ind.inputs),
            "periods": by_period.get(ind.id, []),
            "regions": by_region.get(ind.id, []),
        })
    return out


def cells(indicator_id: str, regions: list[str], period_codes: list[str], by: str | None = None,
          status: str = ObservationStatus.COMPUTED) -> list[dict]:
    """The cells of one indicator for each region × period (the total, or one per value of `by`), with
    Chinese and English labels. Scope: `indicators.services.query` (OutOfScope for a non-public one)."""
    ind = catalogue.get(indicator_id)
    if not ind.public:  # staff reading their own non-public cells: no cache shared with anyone
        return _cells(indicator_id, regions, period_codes, by, status)
    check_cell(ind, PROVINCE)  # the scope check runs for every request, cached or not
    return per_cube_run("cells", lambda: _cells(indicator_id, regions, period_codes, by, status),
                        indicator_id, tuple(regions), tuple(period_codes), by, status)


def _cells(indicator_id: str, regions: list[str], period_codes: list[str], by: str | None,
           status: str) -> list[dict]:
    if status not in ObservationStatus.values:
        raise OpenDataError(_("status %(status)r is not one of %(choices)s")
                            % {"status": status, "choices": ", ".join(ObservationStatus.values)})
    if len(regions) * len(period_codes) > MAX_CELLS:
        raise OpenDataError(_("%(regions)s regions × %(periods)s periods is more than %(max)s cells: ask for "
                              "fewer, or download a bulk release (/open/releases/)")
                            % {"regions": len(regions), "periods": len(period_codes), "max": MAX_CELLS})
    ind = catalogue.get(indicator_id)
    names = dict(Region.objects.filter(code__in=regions).values_list("code", "name"))
    labels = breakdown_labels(ind.id)
    out = []
    for code in regions:
        for text in period_codes:
            period = periods.parse(text)
            for row in services.query(ind.id, code, period.code, by=by, status=status):
                zh, en = labels.get(row.breakdown, (row.breakdown, row.breakdown))
                out.append({
                    "indicator": ind.id, "indicator_zh": ind.name_zh, "indicator_en": ind.name_en,
                    "region": row.region, "region_zh": names.get(row.region, ""),
                    "period": row.period, "period_zh": period.zh, "period_en": period.en,
                    "breakdown": row.breakdown, "breakdown_zh": zh if row.breakdown else "",
                    "breakdown_en": en if row.breakdown else "",
                    "value": row.value, "unit": row.unit, "yoy": row.yoy, "status": row.status,
                    "run_id": row.run_id,
                })
    return out


def region_rows(within: str = PROVINCE) -> list[dict]:
    """The regions under `within` (retired codes included), each with its code history and successors."""
    from ipgov.regions.services import get_region, successors

    get_region(within)  # UnknownRegion for a code that never was
    out = []
    for region in Region.objects.within(within).prefetch_related("versions").order_by("code"):
        out.append({
            "code": region.code, "name": region.name, "level": region.level,
            "parent": region.parent_id, "city": region.city_id, "province": region.province_id,
            "is_active": region.is_active, "is_legal_division": region.is_legal_division,
            "history": [{"name": v.name, "level": v.level, "status": v.status, "valid_from": v.valid_from,
                         "valid_to": v.valid_to, "successors": v.successors} for v in region.versions.all()],
            "successors": [s.code for s in successors(region)] if not region.is_active else [],
        })
    return out
