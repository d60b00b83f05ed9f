from __future__ import annotations

from abc import ABC, abstractmethod

import ibis
import pandas as pd
import pyarrow as pa

from ipgov.indicators.catalogue import Catalogue, Source
from ipgov.indicators.expr.compiler import REGIONS


class Executor(ABC):
    """connect → tables → execute (Arrow → pandas). Subclasses say where the tables come from."""

    name = ""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self._con: ibis.BaseBackend | None = None

    @property
    def con(self) -> ibis.BaseBackend:
        if self._con is None:
            self._con = self.connect()
        return self._con

    @abstractmethod
    def connect(self) -> ibis.BaseBackend:
        """The Ibis backend this executor runs on."""

    @abstractmethod
    def source_table(self, source: Source) -> ibis.Table:
        """The register table a catalogue source reads."""

    @abstractmethod
    def regions_table(self) -> ibis.Table:
        """The regions with their rollup keys (city, province)."""

    def table(self, name: str) -> ibis.Table:
        return self.regions_table() if name == REGIONS else self.source_table(self.catalogue.sources[name])

    def execute_arrow(self, expr: ibis.Table) -> pa.Table:
        return self.con.to_pyarrow(expr)

    def execute(self, expr: ibis.Table) -> pd.DataFrame:
        return self.execute_arrow(expr).to_pandas()

    def batches(self) -> list[int]:
        """The import batches whose records this executor reads (provenance of the run)."""
        return []

    def close(self) -> None:
        self._con = None
