"""The steps of `ipgov demo`, in order. One module per app's demo data under
`ipgov.demo`; each creates its records through the services and importers staff use.

A step is a function `step(ctx: DemoContext) -> StepResult`. It must be idempotent: run twice,
the second run changes nothing and says so. A long step says how it goes while it runs (`ctx.say`, the
importer's `ctx.rows_progress`, the compute's `ctx.stages()`): `ipgov demo` prints those lines at once,
with the time since the step began; the step's result lines follow its header when it ends.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext, gettext_lazy

from ipgov.core.stages import Stages

STEPS = [
    "ipgov.demo.steps.reference_data",
    "ipgov.demo.regions.load_regions",
    "ipgov.demo.rights.import_real_samples",
    "ipgov.demo.synth.step.start_generating",  # the register's files are made while the cases run
    "ipgov.demo.cases.load_cases",
    "ipgov.demo.synth.step.synthetic_register",
    "ipgov.demo.indicators.start_snapshot",  # the cube's snapshot is written while the next three steps run
    "ipgov.demo.programs.load_programs",
    "ipgov.demo.finance.load_finance",
    "ipgov.demo.orgs.harmonise_applicants",
    "ipgov.demo.indicators.compute_cube",
    "ipgov.demo.monthly.import_monthly_delta",
    "ipgov.demo.api.start_release",  # the release (it reads the final cube) is written while the next steps run
    "ipgov.demo.reports.start_reports",  # so are the reports: three processes, two cores
    "ipgov.demo.analysis.run_evaluations",
    "ipgov.demo.reports.write_reports",
    "ipgov.demo.portal.publish_portal",
    "ipgov.demo.api.write_release",
]


@dataclass
class DemoContext:
    home: Path
    seed: int = 20200814  # the symposium's date: every synthetic record derives from it
    scale: float = 1.0
    verbose: bool = True
    # Where a step's progress lines go as it runs (`ipgov demo`: stdout, flushed); none in tests.
    progress: Callable[[str], None] | None = field(default=None, repr=False, compare=False)
    # Work an earlier step started for a later one, by name (the register's generator, running beside the cases).
    running: dict = field(default_factory=dict, repr=False, compare=False)

    def say(self, line: str) -> None:
        if self.progress is not None:
            self.progress(line)

    def stages(self) -> Stages:
        """The compute's stages, each told as it ends (`ipgov.core.stages`)."""
        return Stages(self.say)

    def rows_progress(self, name: str, every: float = 5.0) -> Callable[[int, int | None], None]:
        """An importer's progress callback (rows read, rows expected): a line at most every `every`
        seconds with the rows read and the rate so far."""
        started = time.perf_counter()
        last = [started]

        def progress(rows: int, total: int | None) -> None:
            now = time.perf_counter()
            if now - last[0] < every:
                return
            last[0] = now
            self.say(gettext("%(file)s: %(rows)s of %(total)s rows read, %(rate)s rows/s")
                     % {"file": name, "rows": f"{rows:,}", "total": f"{total:,}" if total else "?",
                        "rate": f"{rows / (now - started):,.0f}"})

        return progress


def titled(title):
    """Names a step before it runs (`ipgov demo` prints the title when the step starts)."""
    def mark(step):
        step.title = title
        return step
    return mark


@dataclass
class StepResult:
    title: str
    changed: bool
    lines: list[str] = field(default_factory=list)


@titled(gettext_lazy("Reference data (as `ipgov init` loads it)"))
def reference_data(ctx: DemoContext) -> StepResult:
    """The reference data exactly as `ipgov init` loads it (one service: ipgov.core.reference)."""
    from ipgov.core import reference

    loaded = reference.load_all()
    lines = [text for item in loaded for text in (str(item.title), *(f"  {line}" for line in item.lines))]
    return StepResult(gettext("Reference data (as `ipgov init` loads it)"), any(item.changed for item in loaded), lines)
