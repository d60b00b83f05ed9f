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


class DuckDBExecutor(ParquetExecutor):
    name = "duckdb"

    def connect(self) -> ibis.BaseBackend:
        return ibis.duckdb.connect()

    def read(self, name: str, path: Path) -> ibis.Table:
        return self.con.read_parquet(str(path / "*.parquet"), table_name=f"snap_{name}")
