"""DOCX (python-docx): the 公文 layout of GB/T 9704 (margins, 22 × 28 grid, 3号 body, 2号 title, page
numbers "— 1 —" at the outside corner), real Heading styles, the charts as pictures after the text.
DOCX names the families (reports/fonts.py); Word renders them with the reader's fonts."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ipgov.reports.fonts import gongwen_fonts


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
    paragraph.add_run("— ")
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
    paragraph.add_run(" —")


def _grid(section) -> None:
    """GB/T 9704's grid: 22 lines (line pitch 225 mm / 22 = 28.99 pt) of 28 characters (156 mm / 28 =
    15.79 pt: the 16 pt body with −0.21 pt character spacing, in 1/4096 pt)."""
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(round(LINE_PT * 20)))
    grid.set(qn("w:charSpace"), str(round((156 / 25.4 * 72 / 28 - 16) * 4096)))


LINE_PT = 225 / 25.4 * 72 / 22  # 28.99 pt


def _page_numbers(doc, section) -> None:
    """"— 1 —" in 4号 (14 pt): odd pages at the right, even pages at the left, one character in."""
    doc.settings.odd_and_even_pages_header_footer = True
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        p = footer.paragraphs[0]
        _page_number(p)
        p.alignment = align
        for run in p.runs:
            run.font.size = Pt(14)
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            p.paragraph_format.right_indent = Pt(14)
        else:
            p.paragraph_format.left_indent = Pt(14)


def write(report, path: Path) -> None:
    fonts = gongwen_fonts()
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28)  # the number 7 mm below the version area
    _grid(section)
    for name in ("Normal", "Caption", "Table Grid"):
        _east_asian(doc.styles[name], fonts.body.family)
    _east_asian(doc.styles["Title"], fonts.title.family)
    for name in ("Heading 1", "Heading 2"):
        _east_asian(doc.styles[name], fonts.heading.family)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(16)
    normal.paragraph_format.line_spacing = Pt(LINE_PT)
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
    for name, size in (("Title", 22), ("Heading 1", 16), ("Heading 2", 16)):
        style = doc.styles[name]
        style.font.size, style.font.bold = Pt(size), True
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.line_spacing = Pt(LINE_PT)
        style.paragraph_format.space_before = style.paragraph_format.space_after = Pt(0)
    _page_numbers(doc, section)
    doc.core_properties.title = report.title
    doc.core_properties.subject = f"{report.region_name} {report.period.zh}"
    doc.core_properties.author = ""

    title = doc.add_paragraph(report.title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = doc.add_paragraph(f"（{report.period.zh}　{report.cutoff_zh}）")
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.paragraph_format.space_after = Pt(LINE_PT)
    for para in report.intro:
        _body(doc, para)
    for sec in report.sections:
        heading = doc.add_paragraph(sec.heading, style="Heading 1")
        heading.paragraph_format.first_line_indent = Pt(32)
        for para in sec.paragraphs + sec.notes:
            _body(doc, para)
    for table in report.tables:
        if table.landscape and doc.sections[-1].orientation != WD_ORIENT.LANDSCAPE:
            wide = doc.add_section(WD_SECTION.NEW_PAGE)
            wide.orientation = WD_ORIENT.LANDSCAPE
            wide.page_width, wide.page_height = Mm(297), Mm(210)
            wide.top_margin, wide.bottom_margin, wide.left_margin, wide.right_margin = Mm(28), Mm(26), Mm(37), Mm(35)
        _table(doc, table, fonts)
    charts = [c for sec in report.sections for c in sec.charts]
    if charts:
        doc.add_page_break()
        doc.add_paragraph("附图", style="Heading 1")
        for chart in charts:
            doc.add_picture(io.BytesIO(chart.png), width=Mm(150))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            doc.paragraphs[-1].paragraph_format.line_spacing = 1.0
            cap = doc.add_paragraph(chart.title)
            cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.save(str(path))


TABLE_PT = 10.5  # 五号: GB/T 9704 lets tables use a smaller size than the 3号 body
KEPT_ROWS = 3  # a table starts on a page with its title, its header and at least this many rows


def _table(doc, table, fonts) -> None:
    """A statistical table: its title as a centred 黑体-style line, the grid in 五号 (single spacing,
    numbers right-aligned, the header bold and repeated on every page), then its notes."""
    caption = doc.add_paragraph(table.title)
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.keep_with_next = True
    for run in caption.runs:
        run.font.name, run.font.bold = fonts.heading.family, True
    grid = doc.add_table(rows=1, cols=len(table.header))
    grid.style = doc.styles["Table Grid"]
    rows = [[(text, False) for text in table.header]] + [[(c.text, bool(c.number_format)) for c in row]
                                                       for row in table.rows]
    for r, cells in enumerate(rows):
        row = grid.rows[0] if r == 0 else grid.add_row()
        for cell, (text, number) in zip(row.cells, cells, strict=True):
            p = cell.paragraphs[0]
            run = p.add_run(text)
            run.font.size, run.bold = Pt(TABLE_PT if not table.landscape else 9), r == 0
            p.paragraph_format.line_spacing, p.paragraph_format.first_line_indent = 1.0, Pt(0)
            p.paragraph_format.keep_with_next = r < min(KEPT_ROWS, len(rows) - 1)
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if number else WD_ALIGN_PARAGRAPH.CENTER if r == 0 \
                else WD_ALIGN_PARAGRAPH.LEFT
    header = grid.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    for note in table.notes:
        p = doc.add_paragraph(note)
        p.paragraph_format.line_spacing = 1.0
        for run in p.runs:
            run.font.size = Pt(TABLE_PT)
    doc.add_paragraph()


def _body(doc, text: str) -> None:
    p = doc.add_paragraph(text)
    p.paragraph_format.first_line_indent = Pt(32)  # two characters
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
