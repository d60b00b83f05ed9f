"""The cube's content hash: one SHA-256 over every Observation row, sorted, in one query.

The same cube gives the same hash on SQLite and PostgreSQL and after a backup is restored (run ids and
primary keys are left out: they say when a cell was written, not what it holds).
"""

from __future__ import annotations

import hashlib

from ipgov.indicators.models import Observation

FIELDS = ["indicator", "region_id", "period", "breakdown", "status", "period_kind", "value", "unit", "quoted",
          "tolerance", "reported_yoy", "quoted_yoy", "source"]
KEY = ["indicator", "region_id", "period", "breakdown", "status"]  # unique together: a total order


def cube_hash_sql(cursor, vendor: str) -> str:
    """On any DB-API cursor: a live database or a backup's snapshot."""
    table = Observation._meta.db_table
    # byte order on both engines (PostgreSQL's default collation follows the locale; SQLite's is binary)
    collate = ' COLLATE "C"' if vendor == "postgresql" else ""
    columns = ", ".join(f'"{Observation._meta.get_field(f.removesuffix("_id")).column}"' for f in FIELDS)
    order = ", ".join(f'"{Observation._meta.get_field(f.removesuffix("_id")).column}"{collate}' for f in KEY)
    cursor.execute(f'SELECT {columns} FROM "{table}" ORDER BY {order}')
    digest = hashlib.sha256()
    while rows := cursor.fetchmany(10_000):
        for row in rows:
            digest.update(("\x1f".join(repr(float(v)) if isinstance(v, float) else str(v) for v in row)
                           + "\n").encode())
    return digest.hexdigest()


def cube_hash() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        return cube_hash_sql(cursor, connection.vendor)
