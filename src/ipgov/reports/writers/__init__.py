"""Writers: one module per format, each `write(report, path)`; they read a built Report only."""

from __future__ import annotations

from pathlib import Path

FORMATS = ("docx", "pdf", "html", "xlsx")


class FormatUnavailable(RuntimeError):
    """This machine lacks what a format needs (the PDF's system libraries); the message says what."""


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
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    writers[fmt](report, path)
    return path
