"""HTML: one self-contained page (charts inlined), used by the web UI and, with print CSS, for the PDF."""

from __future__ import annotations

import base64
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ipgov.reports.fonts import Font, font_face_css
from ipgov.reports.writers import common

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "reports"
_env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))


def render(report, *, for_print: bool = False) -> str:
    return _env.get_template("report.html").render(
        report=report, for_print=for_print, common=common,
        # print only: the PDF is laid out here, where the file is; a browser uses its own fonts
        font_face=font_face_css(Font(report.font_name, report.font_path)) if for_print else "",
        key_header=common.key_header(report), key_rows=[common.key_cells(report, r) for r in report.key_rows],
        provenance_header=common.PROVENANCE_HEADER,
        png=lambda data: "data:image/png;base64," + base64.b64encode(data).decode("ascii"),
    )


def write(report, path: Path) -> None:
    path.write_text(render(report), encoding="utf-8")
