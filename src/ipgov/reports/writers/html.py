"""HTML: one self-contained page (charts inlined), used by the web UI and, with print CSS, for the PDF.
The layout is the 公文 of GB/T 9704 (see the template); provenance is in the XLSX, never in the body."""

from __future__ import annotations

import base64
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ipgov.reports.fonts import font_face_css, gongwen_fonts

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "reports"
_env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))

LINES, VERSION_HEIGHT_MM = 22, 225  # GB/T 9704: 22 lines in the 225 mm version area
LINE = f"{VERSION_HEIGHT_MM / LINES:.3f}mm"


def render(report, *, for_print: bool = False) -> str:
    return _env.get_template("report.html").render(
        report=report, for_print=for_print, fonts=gongwen_fonts(), line=LINE,
        # print only: the PDF is laid out here, where the font files are; a browser uses its own fonts
        face_css=font_face_css,
        png=lambda data: "data:image/png;base64," + base64.b64encode(data).decode("ascii"),
    )


def write(report, path: Path) -> None:
    path.write_text(render(report), encoding="utf-8")
