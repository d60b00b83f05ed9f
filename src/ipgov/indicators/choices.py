"""Enumerations of the indicator engine."""

from django.utils.translation import gettext_lazy as _

from ipgov.core.choices import ChoiceSet


class ObservationStatus(ChoiceSet):
    COMPUTED = "computed", _("computed")  # 计算值: from the register by the catalogue's rule
    REPORTED = "reported", _("reported")  # 公布值: a published figure, entered or imported
    ESTIMATED = "estimated", _("estimated")  # 估计值

    __colors__ = {"computed": "blue", "reported": "green", "estimated": "orange"}


class IndicatorKind(ChoiceSet):
    FLOW = "flow", _("flow")  # 流量: records whose date falls in the period
    STOCK = "stock", _("stock")  # 存量: records in force on the period's last day
    DERIVED = "derived", _("derived")  # formula over other indicators


class Executor(ChoiceSet):
    DATABASE = "database", _("database (push-down to the Django database)")
    DUCKDB = "duckdb", _("DuckDB over the Parquet snapshot")
    SPARK = "spark", _("Spark (local mode) over the Parquet snapshot")


class RunStatus(ChoiceSet):
    RUNNING = "running", _("running")
    FINISHED = "finished", _("finished")
    FAILED = "failed", _("failed")

    __colors__ = {"running": "blue", "finished": "green", "failed": "red"}
