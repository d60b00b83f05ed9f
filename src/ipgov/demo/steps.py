"""The steps of `ipgov demo`, in order. One module per app's demo data under
`ipgov.demo`; each creates its records through the services and importers staff use.

A step is a function `step(ctx: DemoContext) -> StepResult`. It must be idempotent: run twice,
the second run changes nothing and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext

STEPS = [
    "ipgov.demo.steps.reference_data",
    "ipgov.demo.regions.load_regions",
    "ipgov.demo.rights.import_real_samples",
    "ipgov.demo.synth.step.synthetic_register",
    "ipgov.demo.cases.load_cases",
    "ipgov.demo.programs.load_programs",
    "ipgov.demo.finance.load_finance",
    "ipgov.demo.orgs.harmonise_applicants",
    "ipgov.demo.indicators.compute_cube",
    "ipgov.demo.monthly.import_monthly_delta",
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


@dataclass
class StepResult:
    title: str
    changed: bool
    lines: list[str] = field(default_factory=list)


def reference_data(ctx: DemoContext) -> StepResult:
    """The reference data exactly as `ipgov init` loads it (one service: ipgov.core.reference)."""
    from ipgov.core import reference

    loaded = reference.load_all()
    lines = [text for item in loaded for text in (str(item.title), *(f"  {line}" for line in item.lines))]
    return StepResult(gettext("Reference data (as `ipgov init` loads it)"), any(item.changed for item in loaded), lines)
