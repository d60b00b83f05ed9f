"""XLSX (openpyxl): the report's appendix (附件) — a summary sheet with the key indicators as numbers,
one sheet per section (its text, then every figure it cites with its provenance: indicator id, raw
value, unit, YoY, computation run, published value), the chart data, and the chart images. The body of
the DOCX/PDF/HTML carries none of this. Every value cell is a number (with a number format), never text."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ipgov.core.periods import parse
from ipgov.reports.writers import common

HEAD = Font(bold=True)
FILL = PatternFill("solid", fgColor="EEF2F7")
DIFFERS = PatternFill("solid", fgColor="FDEBD0")


def _table(ws, start_row: int, header, rows, widths=None) -> int:
    for col, text in enumerate(header, 1):
        cell = ws.cell(start_row, col, text)
        cell.font, cell.fill = HEAD, FILL
    r = start_row
    for r, row in enumerate(rows, start_row + 1):
        for col, value in enumerate(row, 1):
            ws.cell(r, col, value)
    for col, width in enumerate(widths or [], 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    return r


KEY_HEADER = ("指标", "统计期", "数值", "单位", "同比(%)", "状态")


def _key_row(f) -> list:
    yoy = None if not f.has_yoy else round(f.yoy * 100, f.yoy_decimals)
    return [f.name_zh + (f"（{f.breakdown}）" if f.breakdown else ""), parse(f.period).zh,
            None if f.missing else f.value, f.unit, yoy, common.STATUS_ZH.get(f.status, f.status)]


def _number_formats(ws, first_row: int, last_row: int, columns: dict[int, str]) -> None:
    for r in range(first_row, last_row + 1):
        for col, fmt in columns.items():
            ws.cell(r, col).number_format = fmt


def _stat_table(wb, table) -> None:
    """A document table on its own sheet: the title, the header, the cells as numbers with their formats
    (text only where the cell is text: names, "—"), then the notes."""
    ws = wb.create_sheet(table.title[:31].replace("/", "／"))
    ws.cell(1, 1, table.title).font = Font(bold=True, size=13)
    last = _table(ws, 3, table.header, [[c.value if c.value is not None else c.text for c in row]
                                        for row in table.rows], table.widths)
    for r, row in enumerate(table.rows, 4):
        for col, c in enumerate(row, 1):
            if c.number_format and isinstance(c.value, int | float):
                ws.cell(r, col).number_format = c.number_format
    for i, note in enumerate(table.notes, last + 2):
        ws.cell(i, 1, note)
    ws.freeze_panes = "B4"


def write(report, path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "概要"
    meta = [("报告", report.title + report.subtitle), ("地区", f"{report.region_name}（{report.region_code}）"),
            ("统计期", f"{report.period.zh}（{report.period.code}）"), ("数据截至", report.cutoff_zh.removeprefix("数据截至")),
            ("对比期", report.compare.zh if report.compare else "—"), ("数据来源", report.data_note),
            ("生成时间", f"{report.generated:%Y-%m-%d %H:%M}")]
    for r, (k, v) in enumerate(meta, 1):
        ws.cell(r, 1, k).font = HEAD
        ws.cell(r, 2, v)
    header = list(KEY_HEADER)
    rows = [_key_row(k.figure) for k in report.key_rows]
    if report.compare:
        header.insert(3, f"对比期（{report.compare.zh}）")
        for row, k in zip(rows, report.key_rows, strict=True):
            row.insert(3, None if k.compare is None or k.compare.missing else k.compare.value)
    start = len(meta) + 2
    row = _table(ws, start, header, rows, [34, 16, 16, 12, 12, 12])
    value_cols = {3: "#,##0.##"} | ({4: "#,##0.##"} if report.compare else {})
    _number_formats(ws, start + 1, row, value_cols | {len(header) - 1: "0.0#"})
    for run in report.runs:
        row += 1
        ws.cell(row + 1, 1, f"计算批次#{run['id']}")
        ws.cell(row + 1, 2, f"{run['executor']} {run['status']} {run['finished'] or ''}")

    widths = [26, 24, 10, 12, 18, 14, 9, 10, 9, 9, 12, 10, 30, 40, 60]
    for sec in report.sections:
        ws = wb.create_sheet(f"{sec.number}、{sec.title}"[:31])
        ws.cell(1, 1, sec.heading).font = Font(bold=True, size=13)
        for i, para in enumerate(sec.paragraphs, 2):
            ws.cell(i, 1, para).alignment = Alignment(wrap_text=True, vertical="top")
            ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=12)
            ws.row_dimensions[i].height = 15 * (1 + len(para) // 70)
        start = len(sec.paragraphs) + 3
        rows = [common.provenance_row(f) + [f.definition] for f in sec.figures]
        _table(ws, start, [*common.PROVENANCE_HEADER, "定义"], rows, widths)
        for offset, f in enumerate(sec.figures, start + 1):
            if f.differs:
                for col in range(1, len(common.PROVENANCE_HEADER) + 2):
                    ws.cell(offset, col).fill = DIFFERS
        for note_row, note in enumerate(sec.notes + sec.omitted, start + len(rows) + 2):
            ws.cell(note_row, 1, note)

    for table in report.tables:
        _stat_table(wb, table)
    ws = wb.create_sheet("图表数据")
    rows = [[chart.title] + common.provenance_row(f)[:10] for sec in report.sections for chart in sec.charts
            for f in chart.figures]
    _table(ws, 1, ["图表", *common.PROVENANCE_HEADER[:10]], rows, [40, 26, 22, 10, 12, 18, 12, 9, 10, 9, 9])
    charts = [c for s in report.sections for c in s.charts]
    if charts:
        ws = wb.create_sheet("图表")
        anchor = 1
        for chart in charts:
            ws.cell(anchor, 1, chart.title).font = HEAD
            img = Image(io.BytesIO(chart.png))
            img.width, img.height = img.width * 0.5, img.height * 0.5
            ws.add_image(img, f"A{anchor + 1}")
            anchor += int(img.height / 20) + 3
    wb.save(str(path))
