"""pyspark over the same Parquet snapshot: the path for national-scale registers.

pyspark is optional (`pip install 'ipgov[spark]'`, Java 17): it is imported only when this executor
is chosen. The master is `local[2]` (one machine, in-process JVM) unless a cluster is named with
`ipgov compute --executor spark --spark-master spark://host:7077` or `IPGOV_SPARK_MASTER`; a
cluster's executors read the snapshot by its path, so the snapshot must sit on storage every worker
sees under the same path (NFS, or `IPGOV_HOME` on a shared volume) — docs/indicators.md.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import ibis
from django.utils.translation import gettext as _

from ipgov.indicators.executors import ExecutorUnavailable
from ipgov.indicators.executors.duckdb import ParquetExecutor

LOCAL_MASTER = "local[2]"
_session = None


def default_master() -> str:
    return os.environ.get("IPGOV_SPARK_MASTER") or LOCAL_MASTER


def spark_session(master: str | None = None):
    """One Spark session per process, for one master; naming another master replaces it."""
    global _session
    master = master or default_master()
    if _session is not None and _session.sparkContext.master != master:
        _session.stop()
        _session = None
    if _session is None:
        try:
            from pyspark.sql import SparkSession
        except ImportError:
            raise ExecutorUnavailable(_("the spark executor needs pyspark: pip install 'ipgov[spark]'")) from None
        builder = (SparkSession.builder.master(master).appName("ipgov-cube")
                   .config("spark.sql.session.timeZone", "UTC")
                   .config("spark.sql.shuffle.partitions", "4")
                   .config("spark.ui.enabled", "false")
                   .config("spark.sql.execution.arrow.pyspark.enabled", "true"))
        if not master.startswith("local"):
            # the cluster's Python workers must run the driver's interpreter (same pyarrow, same ipgov)
            builder = (builder.config("spark.pyspark.python", sys.executable)
                       .config("spark.executor.memory", os.environ.get("IPGOV_SPARK_EXECUTOR_MEMORY", "1g")))
        try:
            _session = builder.getOrCreate()
        except Exception as exc:  # the JVM's own error (no Java, master unreachable) as one sentence
            raise ExecutorUnavailable(_("Spark could not start on master %(master)s: %(error)s")
                                      % {"master": master, "error": str(exc).splitlines()[0][:300]}) from None
        _session.sparkContext.setLogLevel("ERROR")
    return _session


class SparkExecutor(ParquetExecutor):
    name = "spark"

    def __init__(self, catalogue, directory: Path | None = None, refresh: bool = True, master: str | None = None):
        self.master = master or default_master()
        super().__init__(catalogue, directory, refresh)

    def connect(self) -> ibis.BaseBackend:
        return ibis.pyspark.connect(spark_session(self.master))

    def read(self, name: str, path: Path) -> ibis.Table:
        return self.con.read_parquet(str(path), table_name=f"snap_{name}")
