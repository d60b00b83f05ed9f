"""PDF: the HTML page with print CSS (A4, page numbers), laid out by WeasyPrint in the CJK font."""

from __future__ import annotations

from pathlib import Path

from ipgov.reports.writers import html


def write(report, path: Path) -> None:
    from weasyprint import HTML  # imported here: pango is loaded only when a PDF is asked for

    HTML(string=html.render(report, for_print=True)).write_pdf(str(path))
