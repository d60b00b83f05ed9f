"""Writers: one module per format, each `write(report, path)`; they read a built Report only."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

FORMATS = ("docx", "pdf", "html", "xlsx")


class FormatUnavailable(RuntimeError):
    """This machine lacks what a format needs (the PDF's system libraries); the message says what."""


class WriteFailed(OSError):
    """The file could not be written (folder missing or read-only, disk full); nothing was left at the path."""


def unavailable(fmt: str) -> str | None:
    """Why `fmt` cannot be written on this machine, or None. Cheap after the first call."""
    if fmt == "pdf":
        from ipgov.reports.writers import pdf

        return pdf.unavailable()
    return None


def write(report, fmt: str, path: Path | str) -> Path:
    from ipgov.reports.writers import docx, html, pdf, xlsx

    writers = {"docx": docx.write, "pdf": pdf.write, "html": html.write, "xlsx": xlsx.write}
    if fmt not in writers:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    reason = unavailable(fmt)
    if reason:
        raise FormatUnavailable(f"{fmt.upper()} not written: {reason}")
    return atomic_write(path, lambda target: writers[fmt](report, target))


def atomic_write(path: Path | str, write_to) -> Path:
    """Call `write_to(temporary_path)`, then rename the file to `path`."""
    path = Path(path)
    # Written beside the target under a temporary name and renamed only when complete: a full disk or a
    # killed process never leaves a truncated report at the path a reader opens.
    partial = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
        os.close(fd)
        write_to(Path(partial))
        os.replace(partial, path)
    except OSError as exc:
        if partial and os.path.exists(partial):
            os.unlink(partial)
        raise WriteFailed(_("could not write %(path)s: %(reason)s. Check that the folder exists and is writable "
                            "and that the disk has free space, then run the command again.")
                          % {"path": path, "reason": exc.strerror or exc}) from None
    return path
