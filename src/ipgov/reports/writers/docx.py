"""DOCX (python-docx): real Heading styles, a key-indicator table, charts as pictures, page numbers."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ipgov.reports.writers import common


def _east_asian(style, family: str) -> None:
    """Word picks CJK glyphs from the eastAsia font slot; set it as well as the Latin one."""
    style.font.name = family
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), family)


def _page_number(paragraph) -> None:
    """A PAGE field: Word and LibreOffice fill in the number when they lay the page out."""
    paragraph.add_run("第 ")
    run = paragraph.add_run()
    for tag, attrs in (("w:fldChar", {"w:fldCharType": "begin"}),
                       ("w:instrText", None),
                       ("w:fldChar", {"w:fldCharType": "end"})):
        el = OxmlElement(tag)
        if attrs:
            for k, v in attrs.items():
                el.set(qn(k), v)
        else:
            el.set(qn("xml:space"), "preserve")
            el.text = "PAGE"
        run._r.append(el)
    paragraph.add_run(" 页")
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def write(report, path: Path) -> None:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Caption", "Table Grid"):
        _east_asian(doc.styles[name], report.font_name)
    doc.styles["Normal"].font.size = Pt(11)
    for name in ("Title", "Heading 1", "Heading 2"):
        doc.styles[name].font.color.rgb = RGBColor(0x1F, 0x1F, 0x1F)
    _page_number(section.footer.paragraphs[0])
    doc.core_properties.title = report.title
    doc.core_properties.subject = f"{report.region_name} {report.period.zh}"
    doc.core_properties.author = "ipgov"

    title = doc.add_heading(report.title, level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = doc.add_paragraph(report.subtitle)
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    meta = doc.add_paragraph(style="Caption")
    meta.add_run(f"地区：{report.region_name}（{report.region_code}）；统计期：{report.period.zh}"
                 f"（截至{report.period.zh_end}）；数据：{report.data_note}；"
                 f"生成时间：{report.generated:%Y-%m-%d %H:%M}；字体：{report.font_name}")
    for para in report.intro:
        _body(doc, para)

    if report.key_rows:  # a navigation report has none
        _key_table(doc, report)
    for sec in report.sections:
        doc.add_heading(sec.heading, level=1)
        for para in sec.paragraphs:
            _body(doc, para)
        for chart in sec.charts:
            doc.add_picture(io.BytesIO(chart.png), width=Cm(15))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            doc.add_paragraph(chart.title, style="Caption").alignment = WD_ALIGN_PARAGRAPH.CENTER
        for note in sec.notes:
            doc.add_paragraph(note, style="Caption")
    doc.save(str(path))


def _key_table(doc, report) -> None:
    doc.add_heading("主要指标", level=1)
    header = common.key_header(report)
    table = doc.add_table(rows=1, cols=len(header))
    table.style = doc.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in report.key_rows:
        cells = table.add_row().cells
        for i, text in enumerate(common.key_cells(report, row)):
            cells[i].text = text
            if i >= 2:
                cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _body(doc, text: str) -> None:
    p = doc.add_paragraph(text)
    p.paragraph_format.first_line_indent = Pt(22)
    p.paragraph_format.line_spacing = 1.5
