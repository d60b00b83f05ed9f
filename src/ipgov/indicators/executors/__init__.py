"""Executors run the compiled Ibis expressions on one engine and return Arrow/pandas frames.

`database` pushes the queries down to the Django database (SQLite or PostgreSQL) on Django's own
connection: no copy. `duckdb` and `spark` read the Parquet snapshot of the register (`executors/snapshot.py`, written from the `database` executor).
Optional engines are imported lazily: ipgov imports without pyspark.
"""

from __future__ import annotations

from importlib import import_module

from ipgov.indicators.choices import Executor as ExecutorName

_CLASSES = {
    ExecutorName.DATABASE: "ipgov.indicators.executors.database.DatabaseExecutor",
    ExecutorName.DUCKDB: "ipgov.indicators.executors.duckdb.DuckDBExecutor",
    ExecutorName.SPARK: "ipgov.indicators.executors.spark.SparkExecutor",
}


class ExecutorUnavailable(RuntimeError):
    pass


def get_executor(name: str, **kwargs):
    if name not in _CLASSES:
        raise ExecutorUnavailable(f"unknown executor {name!r}; choose one of {', '.join(_CLASSES)}")
    module, _, cls = _CLASSES[name].rpartition(".")
    return getattr(import_module(module), cls)(**kwargs)
