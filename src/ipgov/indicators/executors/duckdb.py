"""DuckDB over the Parquet snapshot of the register (in-process, columnar)."""

from __future__ import annotations

import os
from abc import abstractmethod
from pathlib import Path

import ibis
import pyarrow as pa

from ipgov.indicators.catalogue import Source
from ipgov.indicators.executors import snapshot
from ipgov.indicators.executors.base import Executor
from ipgov.indicators.expr import sql
from ipgov.indicators.expr.compiler import REGIONS


class ParquetExecutor(Executor):
    """An executor whose tables are the snapshot's Parquet files (refreshed before the run)."""

    def __init__(self, catalogue, directory: Path | None = None, refresh: bool = True):
        super().__init__(catalogue)
        self.directory = Path(directory) if directory else snapshot.default_directory()
        self.refresh_report = snapshot.refresh(catalogue, self.directory) if refresh else None

    def batches(self) -> list[int]:
        return snapshot.batches(self.directory)

    def source_table(self, source: Source) -> ibis.Table:
        return self.read(source.name, self.directory / source.name)

    def regions_table(self) -> ibis.Table:
        return self.read("regions", self.directory / snapshot.REGIONS_DIR)

    @abstractmethod
    def read(self, name: str, path: Path) -> ibis.Table:
        """One Parquet folder of the snapshot as a table of this executor's backend."""


# Memory bound of the engine (IPGOV_DUCKDB_MEMORY, DuckDB's syntax: "2GB", "60%"); beyond it DuckDB
# spills intermediate results to a folder of the snapshot instead of failing or growing without bound.
DEFAULT_MEMORY = "2GB"


class DuckDBExecutor(ParquetExecutor):
    name = "duckdb"

    def connect(self) -> ibis.BaseBackend:
        return ibis.duckdb.connect(**self.config())

    def read(self, name: str, path: Path) -> ibis.Table:
        return self.con.read_parquet(str(path / "*.parquet"), table_name=f"snap_{name}")

    def increments(self, cat, first: int, last: int) -> pa.Table:
        """Every base indicator's monthly increments in one engine pass (`expr/sql.py`): one Arrow table
        with an `indicator` column, the rows `compile_indicator` gives per indicator. On a DuckDB
        connection of its own (no Ibis: importing and compiling through it cost more than the pass)."""
        import duckdb

        names = sorted({ind.source for ind in cat.base_indicators()})
        with duckdb.connect(config=self.config()) as con:
            for name, path in [*((n, self.directory / n) for n in names),
                               (REGIONS, self.directory / snapshot.REGIONS_DIR)]:
                con.execute(f"CREATE VIEW {sql.quote('snap_' + name)} AS "
                            f"SELECT * FROM read_parquet({sql.literal(str(path / '*.parquet'))})")
            statement = sql.increments_sql(cat, {n: sql.quote("snap_" + n) for n in names},
                                           sql.quote("snap_" + REGIONS), first, last)
            if statement is None:
                return sql.SCHEMA.empty_table()
            return con.sql(statement).to_arrow_table().select(sql.SCHEMA.names).cast(sql.SCHEMA)

    def config(self) -> dict:
        spill = self.directory / "duckdb-spill"
        spill.mkdir(parents=True, exist_ok=True)
        return {"memory_limit": os.environ.get("IPGOV_DUCKDB_MEMORY", DEFAULT_MEMORY), "temp_directory": str(spill)}
