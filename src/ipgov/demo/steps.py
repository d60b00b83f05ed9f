"""The steps of `ipgov demo`, in order. Each app adds its own step here (one line).

A step is a function `step(ctx: DemoContext) -> StepResult`. It must be idempotent: run twice,
the second run changes nothing and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

STEPS = [
    "ipgov.regions.demo.load_regions",
    "ipgov.rights.demo.import_real_samples",
    "ipgov.demo.synth.step.synthetic_register",
    "ipgov.cases.demo.load_cases",
    "ipgov.programs.demo.load_programs",
    "ipgov.finance.demo.load_finance",
    "ipgov.indicators.demo.compute_cube",
    "ipgov.reports.demo.write_reports",
    "ipgov.demo.portal.publish_portal",
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
