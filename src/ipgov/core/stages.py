"""Stages of a long command, each reported when it ends with its elapsed time (and rows, when known).

`Stages(report)` calls `report(line)` once per finished stage, so `ipgov compute` and `ipgov demo` show
where the minutes go as they run; without a reporter (tests, the web) it only keeps the timings.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import contextmanager

from django.utils.translation import gettext as _


class Stage:
    def __init__(self, name: str):
        self.name, self.rows, self.detail, self.seconds = name, None, "", 0.0


class Stages:
    def __init__(self, report: Callable[[str], None] | None = None):
        self.report, self.done = report, []
        self.started = time.perf_counter()

    @contextmanager
    def stage(self, name: str):
        current = Stage(name)
        clock = time.perf_counter()
        yield current
        current.seconds = time.perf_counter() - clock
        self.done.append(current)
        if self.report:
            self.report(self.line(current))

    def note(self, text: str) -> None:
        """A progress line inside a stage (e.g. one indicator computed)."""
        if self.report:
            self.report(f"  … {text}")

    @staticmethod
    def line(stage: Stage) -> str:
        rows = _(", %(rows)s rows") % {"rows": f"{stage.rows:,}"} if stage.rows is not None else ""
        detail = f", {stage.detail}" if stage.detail else ""
        return f"[{stage.seconds:7.2f} s] {stage.name}{rows}{detail}"

    @property
    def total(self) -> float:
        return time.perf_counter() - self.started
