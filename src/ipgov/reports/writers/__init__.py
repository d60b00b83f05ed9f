"""Writers: one module per format, each `write(report, path)`; they read a built Report only."""

from __future__ import annotations

from pathlib import Path

FORMATS = ("docx", "pdf", "html", "xlsx")


def write(report, fmt: str, path: Path | str) -> Path:
    from ipgov.reports.writers import docx, html, pdf, xlsx

    writers = {"docx": docx.write, "pdf": pdf.write, "html": html.write, "xlsx": xlsx.write}
    if fmt not in writers:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    writers[fmt](report, path)
    return path
