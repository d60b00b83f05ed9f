"""The statistics cube (统计数据立方体): observations of catalogue indicators, and their provenance."""

from django.db import models
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from ipgov.core.choices import PeriodKind
from ipgov.indicators.choices import Executor, ObservationStatus, RunStatus


class ComputationRun(models.Model):
    """One computation of the cube (计算批次): which engine, over which register batches, how long."""

    executor = models.CharField(_("executor"), max_length=16, choices=Executor.choices)
    actor = models.CharField(_("actor"), max_length=150)
    status = models.CharField(_("status"), max_length=16, choices=RunStatus.choices, default=RunStatus.RUNNING)
    period_from = models.CharField(_("from period"), max_length=16, blank=True)
    period_to = models.CharField(_("to period"), max_length=16, blank=True)
    indicators = models.JSONField(_("indicators"), default=list)
    batches = models.JSONField(_("register batches used"), default=list,
                               help_text=_("ids of the import batches whose records the run read"))
    register_fingerprint = models.CharField(_("register fingerprint"), max_length=64, blank=True)
    started = models.DateTimeField(_("started"))
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    duration = models.FloatField(_("duration (s)"), null=True, blank=True)
    engine_seconds = models.FloatField(_("engine time (s)"), null=True, blank=True)
    observations_written = models.PositiveIntegerField(_("observations written"), default=0)
    observations_deleted = models.PositiveIntegerField(_("observations deleted"), default=0)
    periods_changed = models.JSONField(_("periods whose values changed"), default=list)
    message = models.CharField(_("message"), max_length=500, blank=True)

    class Meta:
        ordering = ["-started", "-id"]
        verbose_name = _("computation run")
        verbose_name_plural = _("computation runs")

    def __str__(self) -> str:
        return f"#{self.pk} {self.executor} {self.started:%Y-%m-%d %H:%M}"


class Observation(models.Model):
    """One cell of the cube (观测值): an indicator's value for a region, a period and a breakdown."""

    indicator = models.CharField(_("indicator"), max_length=64)
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("region"))
    period = models.CharField(_("period"), max_length=16, help_text=_("2019, 2020H1, 2020Q2, 2020-05, 2017..2019"))
    period_kind = models.CharField(_("period kind"), max_length=8, choices=PeriodKind.choices)
    breakdown = models.CharField(_("breakdown"), max_length=100, blank=True, default="",
                                 help_text=_("empty for the total, else dimension=value, e.g. type=invention"))
    value = models.FloatField(_("value"), help_text=_("in the unit's base: 件, 元, 件/万人"))
    unit = models.CharField(_("unit"), max_length=16)
    status = models.CharField(_("status"), max_length=16, choices=ObservationStatus.choices)
    # no index: no query selects cells by their run and no run is deleted (a full cube's write built it for 5M
    # cells of one or two runs: ~1 s of the demo)
    run = models.ForeignKey(ComputationRun, null=True, blank=True, on_delete=models.SET_NULL, db_index=False,
                            related_name="observations", verbose_name=_("computation run"))
    # For reported figures: the text as published and where from.
    quoted = models.CharField(_("as published"), max_length=100, blank=True)
    tolerance = models.FloatField(_("rounding of the published value"), default=0)
    reported_yoy = models.FloatField(_("published YoY (fraction)"), null=True, blank=True)
    quoted_yoy = models.CharField(_("YoY as published"), max_length=32, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["indicator", "region", "period", "breakdown"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "region", "period", "breakdown", "status"],
                                    name="observation_cell"),
        ]
        # the few published cells among millions of computed ones (indicators.checks reads them all for each
        # report): a partial index, so the cube's writes do not pay for it
        indexes = [models.Index(fields=["indicator"], condition=models.Q(status="reported"),
                                name="observation_reported")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.region_id} {self.period} {self.breakdown or 'total'} = {self.value}"


def reported_cells():
    """The published cells (status reported), through the partial index `observation_reported`: the condition
    is written as a literal, since SQLite uses a partial index only when the query's condition is the index's
    own, not a bound parameter (a full scan of the demo's 5M cells took 0.6 s). Order them in Python: with an
    ORDER BY, SQLite prefers the unique index that gives the order, and scans it whole."""
    column = f'"{Observation._meta.db_table}"."status"'
    return Observation.objects.order_by().filter(RawSQL(f"{column} = '{ObservationStatus.REPORTED}'", [],
                                             output_field=models.BooleanField()))


class DataCutoff(models.Model):
    """The data cut-off set by staff (数据截止期): the last month whose statistics are complete. The latest
    row counts; earlier rows are its history. Without any row the register's is used
    (`ipgov.indicators.cutoff`)."""

    month = models.CharField(_("last complete month"), max_length=7, help_text=_("e.g. 2020-06"))
    set_by = models.CharField(_("set by"), max_length=150)
    set_at = models.DateTimeField(_("set at"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["-set_at", "-id"]
        verbose_name = _("data cut-off")
        verbose_name_plural = _("data cut-offs")

    def __str__(self) -> str:
        return self.month
