"""DuckDB over the Parquet snapshot of the register (in-process, columnar)."""

from __future__ import annotations

from abc import abstractmethod
from pathlib import Path

import ibis

from ipgov.indicators.catalogue import Source
from ipgov.indicators.executors import snapshot
from ipgov.indicators.executors.base import Executor


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
        import os

        spill = self.directory / "duckdb-spill"
        spill.mkdir(parents=True, exist_ok=True)
        return ibis.duckdb.connect(memory_limit=os.environ.get("IPGOV_DUCKDB_MEMORY", DEFAULT_MEMORY),
                                   temp_directory=str(spill))

    def read(self, name: str, path: Path) -> ibis.Table:
        return self.con.read_parquet(str(path / "*.parquet"), table_name=f"snap_{name}")
