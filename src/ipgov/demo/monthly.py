"""Demo step: the monthly cycle. June 2020 arrives as CNIPA's monthly export (the month's filings and
corrections of earlier records, `synth/files.py`), is imported through the register's importer as one
batch, and the cube is brought up to date by the incremental compute: only the months the delta touches
and the stocks after them are recomputed (`ipgov.indicators.incremental`)."""

from __future__ import annotations

from django.utils.translation import gettext, gettext_lazy

from ipgov.demo.indicators import DEMO_FROM, DEMO_TO, _headline, seed_figures
from ipgov.demo.steps import DemoContext, StepResult, titled
from ipgov.demo.synth.files import MONTHLY_FILE
from ipgov.demo.synth.step import demo_dir, reconcile_lines, write_files
from ipgov.indicators import compute
from ipgov.rights.importers import import_file


@titled(gettext_lazy("Monthly delta: June 2020 imported, the cube computed incrementally"))
def import_monthly_delta(ctx: DemoContext) -> StepResult:
    path = demo_dir(ctx) / MONTHLY_FILE
    if not path.is_file():
        write_files(ctx)
    report = import_file(path, progress=ctx.rows_progress(path.name))
    lines = [report.summary()]
    run = compute.compute("duckdb", DEMO_FROM, DEMO_TO, stages=ctx.stages())
    lines.append(gettext("run #%(run)s (%(executor)s, %(range)s, %(seconds)s s): %(message)s")
                 % {"run": run.pk, "executor": run.executor, "range": f"{run.period_from}..{run.period_to}",
                    "seconds": f"{run.duration:.1f}", "message": run.message})
    lines += compute.changes(run)
    lines += [_headline(fig) for fig in seed_figures(before_monthly=False)]
    if ctx.scale == 1:
        lines += reconcile_lines()
    changed = report.status != "unchanged" or run.observations_written > 0 or run.observations_deleted > 0
    return StepResult(gettext("Monthly delta: June 2020 imported, the cube computed incrementally"), changed, lines)
