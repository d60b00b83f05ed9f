"""The progress bar of a command-line import (rich), fed by the batch's progress callback."""

from __future__ import annotations


class ProgressBar:
    """A context manager giving the callback, or None with `quiet` or when standard error is not a terminal (no bar
    at all: piped into a file, rich's bar left an empty line before the import's summary). The bar is drawn on
    standard error, so standard output holds the summary alone."""

    def __init__(self, quiet: bool):
        self.quiet, self.bar, self.task = quiet, None, None

    def __enter__(self):
        if self.quiet:
            return None
        from django.utils.translation import gettext
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        console = Console(stderr=True)
        if not console.is_terminal:
            return None
        self.bar = Progress(TextColumn(gettext("importing"), markup=False), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), transient=True, console=console)
        self.bar.start()
        self.task = self.bar.add_task("import", total=None)
        return self.update

    def update(self, done: int, total: int | None) -> None:
        self.bar.update(self.task, completed=done, total=max(total or 0, done) or None)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False
