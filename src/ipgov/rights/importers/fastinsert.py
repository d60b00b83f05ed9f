"""Bulk inserts below the ORM, for imports of hundreds of thousands of rows.

Django's bulk_create spends ~50 µs per row compiling values; here values are converted once per
column kind and written with COPY on PostgreSQL (psycopg) or executemany on SQLite. Primary keys
are allocated up front (the sequence on PostgreSQL, max(id) inside the batch's write transaction
on SQLite) so children can point at their parents without reading anything back.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from django.db import connection, models


def _json(value):
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _iso(value):
    return None if value is None else value.isoformat()


def converters(model: type[models.Model], columns: Sequence[str]) -> list[Callable | None]:
    """Per column: the conversion from a Python value to what the driver takes (None = as is)."""
    sqlite = connection.vendor == "sqlite"
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    out = []
    for name in columns:
        field = by_attname[name]
        if isinstance(field, models.JSONField):
            out.append(_json)
        elif isinstance(field, models.DateTimeField | models.UUIDField) or (
                isinstance(field, models.GenericIPAddressField)):
            out.append(lru_cache(maxsize=16)(lambda v, f=field: f.get_db_prep_save(v, connection)))
        elif sqlite and isinstance(field, models.DateField):
            out.append(_iso)
        else:
            out.append(None)
    return out


def allocate_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` fresh primary keys for `model` (call inside the writing transaction)."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                        [table, count])
            return [row[0] for row in cur.fetchall()]
        cur.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')
        start = cur.fetchone()[0] + 1
        return list(range(start, start + count))


def insert(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Insert `rows` (Python values in `columns` order) into the model's table; returns the count."""
    convert = converters(model, columns)
    plan = [(i, c) for i, c in enumerate(convert) if c is not None]
    table = model._meta.db_table
    names = ", ".join(f'"{model._meta.get_field(c).column}"' for c in columns)

    def prepared():
        for row in rows:
            if plan:
                row = list(row)
                for i, c in plan:
                    row[i] = c(row[i])
            yield row

    count = 0
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            with cur.cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                for row in prepared():
                    copy.write_row(row)
                    count += 1
        else:
            marks = ", ".join(["%s"] * len(columns))
            batch = []
            for row in prepared():
                batch.append(row)
                if len(batch) >= 5000:
                    cur.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', batch)
                    count += len(batch)
                    batch = []
            if batch:
                cur.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', batch)
                count += len(batch)
    return count


def audit(model: type[models.Model], items: Iterable[tuple[str, str, str]], action: str) -> int:
    """The same audit rows as `core.audit.record_bulk` — (object_id, repr, message) each, under the
    current actor — written with `insert` (record_bulk's bulk_create costs more than the import)."""
    from django.contrib.contenttypes.models import ContentType

    from ipgov.core.actor import require_actor
    from ipgov.core.models import ObjectChange

    actor = require_actor()
    template = ObjectChange(user_id=actor.user_id, actor=actor.label, remote_addr=actor.remote_addr,
                            request_id=actor.request_id, action=action,
                            object_type=ContentType.objects.get_for_model(model))
    fields = [f for f in ObjectChange._meta.concrete_fields if not f.primary_key]
    columns = [f.attname for f in fields]
    base = [f.pre_save(template, add=True) for f in fields]  # sets the time (auto_now_add) once
    at = {name: columns.index(name) for name in ("object_id", "object_repr", "message")}

    def rows():
        for object_id, repr_, message in items:
            row = list(base)
            row[at["object_id"]], row[at["object_repr"]], row[at["message"]] = object_id, repr_[:200], message[:500]
            yield row

    return insert(ObjectChange, columns, rows())
