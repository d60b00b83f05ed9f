"""The progress bar of a command-line import (rich), fed by the batch's progress callback."""

from __future__ import annotations


class ProgressBar:
    """A context manager giving the callback, or None with `quiet` (no bar at all)."""

    def __init__(self, quiet: bool):
        self.quiet, self.bar, self.task = quiet, None, None

    def __enter__(self):
        if self.quiet:
            return None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(TextColumn("importing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                            transient=True)
        self.bar.start()
        self.task = self.bar.add_task("import", total=None)
        return self.update

    def update(self, done: int, total: int | None) -> None:
        self.bar.update(self.task, completed=done, total=max(total or 0, done) or None)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False
