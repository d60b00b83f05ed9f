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

from django.db import connection, migrations
from django.db.models import Q
from django.db.models.expressions import RawSQL

MIN_TRIGRAM = 3


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
