"""Demo step: compute the cube from the demo register, load the seed's published figures, show both."""

from __future__ import annotations

import tomllib

from django.utils.translation import gettext, gettext_lazy

from ipgov.core import periods
from ipgov.demo import beside
from ipgov.demo.steps import DemoContext, StepResult, titled
from ipgov.indicators import catalogue, checks, compute, cutoff, reported, services
from ipgov.indicators.executors import snapshot

# The demo register is a snapshot at 2020-06-30 (the seed's reporting date); the real sample records
# imported beside it reach into 2024 but the demo's statistics end where the snapshot does.
DEMO_FROM, DEMO_TO = "2015-01", "2020-06"
MONTHLY_MONTH = "2020-06"  # imported after the rest as a monthly delta (ipgov.demo.monthly)
SNAPSHOT = "snapshot"  # ctx.running's key of the snapshot refresh started ahead (`start_snapshot`)


def _headline(fig: dict) -> str:
    ind = catalogue.get(fig["indicator"])
    rows = services.query(ind.id, fig["region"], fig["period"])
    if not rows:
        return gettext("%(name)s %(period)s: not computed (published %(value)s)") % {
            "name": ind.name_zh, "period": fig["period"], "value": fig["value"]}
    row = rows[0]
    value = f"{row.value:,.{ind.decimals}f} {ind.unit}"
    yoy = (", " + gettext("YoY %(change)s") % {"change": f"{row.yoy * 100:+.{ind.yoy_decimals}f}%"}
           if row.yoy is not None else "")
    published = fig["value"] + (f" {fig['yoy']}" if fig.get("yoy") else "")
    return f"{ind.name_zh} {fig['region']} {fig['period']}: {value}{yoy}  " + gettext(
        "(published: %(published)s)") % {"published": published}


def seed_figures(before_monthly: bool) -> list[dict]:
    """The seed's published figures of periods before (or reaching) June 2020, the monthly delta's month:
    those are shown after the delta is imported (ipgov.demo.monthly)."""
    figures = tomllib.loads(reported.SEED_FIGURES.read_text(encoding="utf-8"))["figures"]
    june = periods.parse(MONTHLY_MONTH).last
    return [f for f in figures if (periods.parse(f["period"]).last < june) == before_monthly]


def refresh_snapshot(ctx: DemoContext) -> StepResult:
    report = snapshot.refresh(catalogue.default(), snapshot.default_directory())
    return StepResult(gettext("Parquet snapshot of the register"), report.changed, [
        gettext("snapshot: %(written)s partitions written, %(unchanged)s unchanged")
        % {"written": len(report.written), "unchanged": report.unchanged}])


@titled(gettext_lazy("Parquet snapshot of the register: written in a second process, beside the next steps"))
def start_snapshot(ctx: DemoContext) -> StepResult:
    """The cube's Parquet snapshot refreshed in a child process once the register is in, while the programs,
    finance and applicants steps run on the first core: the compute's own refresh then finds the register's
    partitions written and reads only what those steps changed (it compares every partition's fingerprint, so
    a record written meanwhile is read again, never missed)."""
    # started is not changed: what the refresh wrote is said (and counted) by the cube step that collects it
    return beside.start_step(ctx, SNAPSHOT, refresh_snapshot,
                             gettext("Parquet snapshot of the register: written in a second process, beside the next steps"),
                             gettext("%(reason)s: the snapshot is written by the compute"))


@titled(gettext_lazy("Indicator cube (catalogue → Ibis → DuckDB over the Parquet snapshot)"))
def compute_cube(ctx: DemoContext) -> StepResult:
    ahead = beside.finish(ctx, SNAPSHOT)
    for line in ahead.lines if ahead is not None else []:
        ctx.say(line)
    # The office's data cut-off is the snapshot's end (a second run sets nothing: it is already set), so
    # `ipgov compute --force` and every picker stop at 2020-06 although the real samples reach 2024.
    set_now = cutoff.explicit() != periods.parse(DEMO_TO).last
    if set_now:
        cutoff.set_cutoff(DEMO_TO, note="the demo register's snapshot date (seed: 2020-06-30)")
    run = compute.compute("duckdb", DEMO_FROM, DEMO_TO, stages=ctx.stages())
    written, _unchanged = reported.load_file()
    lines = [gettext("run #%(run)s (%(executor)s, %(range)s): %(message)s")
             % {"run": run.pk, "executor": run.executor, "range": f"{run.period_from}..{run.period_to}",
                "message": run.message}]
    lines += [_headline(fig) for fig in seed_figures(before_monthly=True)]
    lines += [gettext("check: %(indicator)s %(period)s: %(message)s")
              % {"indicator": f.indicator, "period": f.period, "message": f.message} for f in checks.check("410000")
              if f.kind == "inconsistent"]
    lines.append(cutoff.note_zh())
    changed = (set_now or run.observations_written > 0 or run.observations_deleted > 0 or written > 0
               or (ahead is not None and ahead.changed))
    return StepResult(gettext("Indicator cube (catalogue → Ibis → DuckDB over the Parquet snapshot)"), changed, lines)
