"""pyspark in local mode over the same Parquet snapshot: the path for national-scale registers.

pyspark is optional (`pip install 'ipgov[spark]'`, Java 17): it is imported only when this executor
is chosen.
"""

from __future__ import annotations

from pathlib import Path

import ibis

from ipgov.indicators.executors import ExecutorUnavailable
from ipgov.indicators.executors.duckdb import ParquetExecutor

_session = None


def spark_session(master: str = "local[2]"):
    global _session
    if _session is None:
        try:
            from pyspark.sql import SparkSession
        except ImportError:
            raise ExecutorUnavailable("the spark executor needs pyspark: pip install 'ipgov[spark]'") from None
        _session = (SparkSession.builder.master(master).appName("ipgov-cube")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.execution.arrow.pyspark.enabled", "true")
                    .getOrCreate())
        _session.sparkContext.setLogLevel("ERROR")
    return _session


class SparkExecutor(ParquetExecutor):
    name = "spark"

    def connect(self) -> ibis.BaseBackend:
        return ibis.pyspark.connect(spark_session())

    def read(self, name: str, path: Path) -> ibis.Table:
        return self.con.read_parquet(str(path), table_name=f"snap_{name}")
