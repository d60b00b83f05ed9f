"""The query planner's statistics after bulk writes (统计信息).

SQLite keeps no statistics unless ANALYZE runs, and without true ones it reads the register's lists by the
wrong index: a province administrator's first page of the demo's 750,000 patents was read by the region
index and sorted whole (2.5 s), where the filing-date index answers in about a millisecond. An approximate
ANALYZE (`analysis_limit`) is no cure: sampling the first entries of the region index, it guessed 501
patents per region where there are 4,110, and the planner kept the wrong index. So a table is analysed
whole, but only when its size moved by a tenth since its statistics were taken (ANALYZE of the demo's
patent table: 0.5 s; of the whole database: 3.4 s) — after every import batch that wrote records, and
after `migrate`. PostgreSQL's autovacuum analyses changed tables by itself.
"""

from __future__ import annotations

import json

from django.core.exceptions import EmptyResultSet
from django.db import DatabaseError, connections

CHANGE = 0.1  # analyse a table again when its row count moved by this share since its statistics
SMALL = 10_000  # tables below this many rows are analysed only when they have no statistics at all


def refresh(using: str = "default") -> list[str]:
    """Analyse the SQLite tables whose statistics are missing or stale; returns their names."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        # the project's own tables: not SQLite's, not the full-text indexes (virtual, or their WITHOUT ROWID parts)
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        tables = [name for name, sql in cursor.fetchall()
                  if not sql.upper().startswith("CREATE VIRTUAL") and "WITHOUT ROWID" not in sql.upper()]
        try:
            cursor.execute("SELECT tbl, stat FROM sqlite_stat1")
            known = {tbl: int(stat.split()[0]) for tbl, stat in cursor.fetchall() if stat}
        except DatabaseError:  # no sqlite_stat1 before the first ANALYZE
            known = {}
        stale = []
        for table in tables:
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT MAX(rowid) FROM {quoted}")  # a bound on the rows, from the index's end
            bound = cursor.fetchone()[0] or 0
            if table not in known:
                if bound:
                    stale.append(table)
                continue
            if bound < SMALL and known[table] < SMALL:
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {quoted}")
            rows = cursor.fetchone()[0]
            if abs(rows - known[table]) > CHANGE * max(known[table], SMALL):
                stale.append(table)
        if stale:
            cursor.execute("PRAGMA analysis_limit=0")
            for table in stale:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
    return stale


def refresh_after_migrate(sender, using: str = "default", **kwargs) -> None:
    refresh(using)


def planned_rows(qs) -> int | None:
    """PostgreSQL's estimate of `qs`'s rows, from its statistics (no row is read): pg_class.reltuples for a
    whole table, the EXPLAIN row estimate for a filtered one. None on other databases."""
    connection = connections[qs.db]
    if connection.vendor != "postgresql":
        return None
    try:
        sql, params = qs.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # a filter no row can pass (qs.none(), an empty IN)
        return 0
    with connection.cursor() as cursor:
        if not qs.query.where:  # the whole table: the statistics' row count, no plan needed
            cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                           [qs.model._meta.db_table])
            row = cursor.fetchone()
            if row and row[0] and row[0] > 0:
                return int(row[0])
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])
