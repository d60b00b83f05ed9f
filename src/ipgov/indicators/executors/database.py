"""Push-down to the Django database, on Django's own connection (sees the same transaction)."""

from __future__ import annotations

from decimal import Decimal

import ibis
import pyarrow as pa
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from ipgov.indicators.catalogue import Source
from ipgov.indicators.executors.base import Executor
from ipgov.regions.models import Region


def _column(values, field: pa.Field) -> pa.Array:
    """One result column as the expression's arrow type: psycopg's Decimals become floats unless the column
    is itself decimal (a money column read whole for the snapshot), which pyarrow fills from Decimals only."""
    if pa.types.is_decimal(field.type):
        return pa.array(values, type=field.type)
    return pa.array([float(v) if isinstance(v, Decimal) else v for v in values], type=field.type)


class _NoCommit:
    """Django's sqlite3 connection as ibis sees it: reads only, never ends Django's transaction.

    ibis's sqlite backend commits after each query (`Backend.begin`), which would commit (or roll back)
    the caller's open transaction — a test's, or a service's `atomic` block.
    """

    def __init__(self, raw):
        self._raw = raw

    def commit(self) -> None:
        pass

    def rollback(self) -> None:
        pass

    def __getattr__(self, name):
        return getattr(self._raw, name)


class DatabaseExecutor(Executor):
    name = "database"

    def __init__(self, catalogue, using=None):
        super().__init__(catalogue)

    def connect(self) -> ibis.BaseBackend:
        connection.ensure_connection()
        raw = connection.connection
        if connection.vendor == "sqlite":
            backend = ibis.sqlite.from_connection(_NoCommit(raw))
            raw.execute("PRAGMA case_sensitive_like = OFF")  # ibis turns it on; Django's icontains needs it off
            return backend
        if connection.vendor == "postgresql":
            return ibis.postgres.from_connection(raw)
        raise ImproperlyConfigured(
            f"the database executor supports SQLite and PostgreSQL, not {connection.vendor}: "
            "use --executor duckdb")

    def execute_arrow(self, expr: ibis.Table) -> pa.Table:
        if connection.vendor == "sqlite":
            return super().execute_arrow(expr)
        # PostgreSQL: ibis's server-side cursor does not survive Django's transaction handling, so ibis
        # only compiles and Django's cursor runs the query (results are aggregates: small).
        schema = expr.schema().to_pyarrow()
        with connection.cursor() as cursor:
            cursor.execute(str(self.con.compile(expr)))
            rows = cursor.fetchall()
        columns = list(zip(*rows, strict=True)) if rows else [[] for _ in schema]
        return pa.table([_column(col, f) for col, f in zip(columns, schema, strict=True)], schema=schema)

    def columns(self, db_table: str, columns: dict[str, str]) -> ibis.Table:
        """Some columns of a table or view ({name in the table: name in the result}), read through a query
        rather than `con.table`: ibis's SQLite backend types every column of a view, a computed one from its
        first row, and so fails on an empty view (analysis_patentindustry_cube.updated)."""
        selected = ", ".join(f'"{name}" AS "{alias}"' for name, alias in columns.items())
        return self.con.sql(f'SELECT {selected} FROM "{db_table}"')

    def source_table(self, source: Source) -> ibis.Table:
        model = apps.get_model(source.model)
        return self.columns(model._meta.db_table, {c: c for c in source.all_columns})

    def regions_table(self) -> ibis.Table:
        return self.con.table(Region._meta.db_table).select("code", "city_id", "province_id")

    def batches(self) -> list[int]:
        ids: set[int] = set()
        for source in self.catalogue.sources.values():
            if source.batch:
                model = apps.get_model(source.model)
                ids |= set(model.objects.exclude(**{f"{source.batch}__isnull": True})
                           .values_list(source.batch, flat=True).distinct())
        return sorted(ids)
