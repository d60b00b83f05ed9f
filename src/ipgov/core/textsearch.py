"""Substring search (applicant, title …) backed by an index: the one module for it.

"河南大学" must find 河南大学 and 河南大学第一附属医院 among a million applicants. A plain LIKE '%…%' scans
every row; here the same question is answered from a trigram index:

  * SQLite: an FTS5 table with the `trigram` tokenizer (SQLite ≥ 3.34) over the column, kept in step by
    triggers; `WHERE fts MATCH '"河南大学"'` finds every row holding the text (case-insensitive, like
    icontains). Terms shorter than three characters cannot use it and fall back to LIKE.
  * PostgreSQL: the `pg_trgm` extension and a GIN index on UPPER(column), the expression Django's
    `icontains` compares, so the ordinary lookup uses it.

`SEARCHED` names the indexed columns; their migrations call `index_operations(table, column)`. A later migration that
remakes the table on SQLite (AlterField does) drops the triggers: it must call `index_operations` again
(rights 0007). A database
without the means (no pg_trgm on the server, an old SQLite) keeps working with the plain LIKE, only slower.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, connections, migrations
from django.db.models import BigIntegerField, Exists, F, Func, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import StrIndex, Upper
from django.db.models.lookups import GreaterThan

from ipgov.core.anyof import AnyOf, any_of_sql

MIN_TRIGRAM = 3
# More rows than this hold the text (SQLite, a bounded count from the index): a list probes the matches along
# its own order (`among`, walk=True) instead of sorting them all; 750,000 patents, 金刚石 in 30,000 titles:
# 400 ms sorting the matches, 10 ms walking the filing date's index. Fewer: the matches drive (a rare
# word walked the whole register: 130 ms for one title against 1.4 ms)
WALK_FROM = 2000


def fts_table(table: str, column: str) -> str:
    return f"{table}_{column}_fts"


def trgm_index(table: str, column: str) -> str:
    return f"{table}_{column}_trgm"


def _fts_exists(table: str, column: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [fts_table(table, column)])
        return cursor.fetchone() is not None


_known: dict[tuple, bool] = {}


def _indexed(table: str, column: str) -> bool:
    key = (connection.alias, connection.settings_dict.get("NAME"), table, column)
    if key not in _known:
        _known[key] = _fts_exists(table, column)
    return _known[key]


def contains(model, field: str, value: str) -> Q:
    """Rows of `model` whose `field` holds `value` (case-insensitive), through the trigram index when there
    is one. A Q to filter `model`'s queryset with."""
    value = value.strip()
    column = model._meta.get_field(field).column
    table = model._meta.db_table
    if connection.vendor == "sqlite" and len(value) >= MIN_TRIGRAM and _indexed(table, column):
        phrase = '"' + value.replace('"', '""') + '"'
        fts = connection.ops.quote_name(fts_table(table, column))
        return Q(pk__in=RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [phrase]))
    return Q(**{f"{field}__icontains": value})


def row_holds(field: str, value: str) -> GreaterThan:
    """`contains`'s test made on a row at hand, never through the trigram index (no index serves STRPOS): for
    a subquery that reaches its rows by another index, e.g. the applicants of one patent in a
    `ProbedExists`. Without statistics PostgreSQL estimated 45 holders of 河南大学 where there are 134,920,
    and read the trigram index's matches again for every patent of the page (3 s and more)."""
    return GreaterThan(StrIndex(Upper(field), Upper(Value(value.strip()))), 0)


def many(model, field: str, value: str) -> bool:
    """Whether more than WALK_FROM rows of `model` hold `value`, by a bounded count from SQLite's trigram
    index; False where that count is not cheap (PostgreSQL, whose planner weighs the two ways itself; a term
    too short for the index)."""
    value = value.strip()
    column = model._meta.get_field(field).column
    table = model._meta.db_table
    if connection.vendor != "sqlite" or len(value) < MIN_TRIGRAM or not _indexed(table, column):
        return False
    fts = connection.ops.quote_name(fts_table(table, column))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM (SELECT rowid FROM {fts} WHERE {fts} MATCH %s LIMIT %s)",
                       ['"' + value.replace('"', '""') + '"', WALK_FROM + 1])
        return cursor.fetchone()[0] > WALK_FROM


def filter_contains(qs, field: str, value: str):
    """`qs` filtered to the rows whose `field` holds `value` (`contains`); when many rows do (`many`), the
    test is made on each row along `qs`'s order, so a first page stops after its rows."""
    if many(qs.model, field, value):
        column = qs.model._meta.get_field(field).column
        fts = connection.ops.quote_name(fts_table(qs.model._meta.db_table, column))
        rows = RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", ['"' + value.strip().replace('"', '""') + '"'])
        return among(qs, rows, walk=True)
    return qs.filter(contains(qs.model, field, value))


class OrderedProbe(Func):
    """The primary key as `pk + 0` in an ordered query (no index on it, so the planner walks the order's
    index and tests each row), as the plain column in an unordered one (the count of the list: the matches
    drive, the count stops after its bound). SQLite: 河南大学, 10,000 matching applicants, 1.3 % of patents:
    the count by walking read 77,000 patents (300 ms), by driving 1,001."""

    output_field = BigIntegerField()

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return (f"({sql} + 0)" if _ordered(compiler.query) else sql), params


def _ordered(query) -> bool:
    return bool(query.order_by) or (query.default_ordering and bool(query.get_meta().ordering))


class ProbedExists(Exists):
    """EXISTS(…) that PostgreSQL tests on each row of a page (an ordered query with a LIMIT) along the page's
    order: `OFFSET 0` keeps the planner from turning it into a join, which reads every match first (河南大学,
    134,920 of 15 million applicants: 200 ms from the trigram index before the first row), so the page stops
    after its rows. Elsewhere (the list's count, an export, SQLite) the plain EXISTS: the planner's join."""

    def as_sql(self, compiler, connection, template=None, **extra_context):
        query = compiler.query
        if connection.vendor == "postgresql" and query.high_mark is not None and _ordered(query):
            template = "EXISTS(%(subquery)s OFFSET 0)"
        return super().as_sql(compiler, connection, template=template, **extra_context)


def among(qs, rows, *, walk: bool = False):
    """`qs`'s rows whose primary key is in `rows` (a subquery of ids, or a list of them). `walk`: tested on
    each row along `qs`'s order (`OrderedProbe`), for when `rows` are many."""
    if isinstance(rows, list | tuple) and connections[qs.db].vendor == "postgresql":
        return qs.filter(AnyOf(F("pk"), list(rows)))
    if not walk:
        return qs.filter(pk__in=rows)
    return qs.alias(_probed_pk=OrderedProbe(F("pk"))).filter(_probed_pk__in=rows)


@contextmanager
def sqlite_indexed_after(cursor, table: str, explicit_ids: list | None = None, pk: str = "id") -> Iterator[None]:
    """SQLite: the rows inserted into `table` inside the block enter its trigram indexes by one statement per
    index at the end, instead of one trigger call per row. Once an index holds ~10⁵ rows, its insert
    trigger costs ~57 µs a row, the same rows added by one INSERT … SELECT ~2 µs (a patent's title and
    number: 72 against 17 µs a row in all, measured on the demo register at 1/5 scale).

    The insert triggers are dropped for the block and created again after it; SQLite's DDL is
    transactional, so inside the writer's transaction no other connection ever sees them missing. The
    rows to index are those of `explicit_ids` when the caller gives the primary keys (a list it may fill
    inside the block), else every row whose key is above the table's largest before the block (SQLite's
    keys only grow). Nothing to do on other
    databases (PostgreSQL's GIN indexes are not triggers) or for a table without trigram indexes."""
    if connection.vendor != "sqlite" or not connection.in_atomic_block:
        yield
        return
    cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table])
    prefix, suffix = f"{table}_", "_fts_ai"
    triggers = [(name, sql, name[len(prefix):-len(suffix)]) for name, sql in cursor.fetchall()
                if name.startswith(prefix) and name.endswith(suffix)]
    if not triggers:
        yield
        return
    before = None
    if explicit_ids is None:
        cursor.execute(f'SELECT COALESCE(MAX("{pk}"), 0) FROM "{table}"')
        before = cursor.fetchone()[0]
    for name, _, _ in triggers:
        cursor.execute(f'DROP TRIGGER "{name}"')
    try:
        yield
        for _, _, column in triggers:
            fts = fts_table(table, column)
            select = f'SELECT "{pk}", "{column}" FROM "{table}" WHERE '
            if explicit_ids is None:
                cursor.execute(f'INSERT INTO "{fts}"(rowid, "{column}") {select}"{pk}" > %s', [before])
            else:
                where, params = any_of_sql(f'"{pk}"', explicit_ids, "sqlite", integers=True)
                cursor.execute(f'INSERT INTO "{fts}"(rowid, "{column}") {select}{where}', params)
    finally:
        for _, sql, _ in triggers:
            cursor.execute(sql)


# --------------------------------------------------------------------------------------------------
# Migrations
# --------------------------------------------------------------------------------------------------
def _sqlite_create(cursor, table: str, column: str, pk: str = "id") -> None:
    fts = fts_table(table, column)
    cursor.execute(f'CREATE VIRTUAL TABLE IF NOT EXISTS "{fts}" USING fts5("{column}", content="{table}", '
                   f"content_rowid=\"{pk}\", tokenize='trigram')")
    cursor.execute(f'CREATE TRIGGER IF NOT EXISTS "{fts}_ai" AFTER INSERT ON "{table}" BEGIN '
                   f'INSERT INTO "{fts}"(rowid, "{column}") VALUES (new."{pk}", new."{column}"); END')
    cursor.execute(f'CREATE TRIGGER IF NOT EXISTS "{fts}_ad" AFTER DELETE ON "{table}" BEGIN '
                   f'INSERT INTO "{fts}"("{fts}", rowid, "{column}") VALUES (\'delete\', old."{pk}", old."{column}"); END')
    cursor.execute(f'CREATE TRIGGER IF NOT EXISTS "{fts}_au" AFTER UPDATE OF "{column}" ON "{table}" BEGIN '
                   f'INSERT INTO "{fts}"("{fts}", rowid, "{column}") VALUES (\'delete\', old."{pk}", old."{column}"); '
                   f'INSERT INTO "{fts}"(rowid, "{column}") VALUES (new."{pk}", new."{column}"); END')
    cursor.execute(f"INSERT INTO \"{fts}\"(\"{fts}\") VALUES ('rebuild')")


def _sqlite_drop(cursor, table: str, column: str) -> None:
    fts = fts_table(table, column)
    for suffix in ("ai", "ad", "au"):
        cursor.execute(f'DROP TRIGGER IF EXISTS "{fts}_{suffix}"')
    cursor.execute(f'DROP TABLE IF EXISTS "{fts}"')


def _pg_trgm_available(cursor) -> bool:
    cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
    return cursor.fetchone() is not None


def index_operations(table: str, column: str) -> list:
    """The migration operations that index `table.column` for `contains`, on either database."""

    def forward(apps, schema_editor):
        conn = schema_editor.connection
        with conn.cursor() as cursor:
            if conn.vendor == "sqlite":
                import sqlite3

                if sqlite3.sqlite_version_info >= (3, 34):
                    _sqlite_create(cursor, table, column)
            elif conn.vendor == "postgresql" and _pg_trgm_available(cursor):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                cursor.execute(f'CREATE INDEX IF NOT EXISTS "{trgm_index(table, column)}" ON "{table}" '
                               f'USING gin (UPPER("{column}"::text) gin_trgm_ops)')
        _known.clear()

    def backward(apps, schema_editor):
        conn = schema_editor.connection
        with conn.cursor() as cursor:
            if conn.vendor == "sqlite":
                _sqlite_drop(cursor, table, column)
            elif conn.vendor == "postgresql":
                cursor.execute(f'DROP INDEX IF EXISTS "{trgm_index(table, column)}"')
        _known.clear()

    return [migrations.RunPython(forward, backward, elidable=False)]
