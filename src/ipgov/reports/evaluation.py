"""An evaluation (ipgov.analysis) written as a notice-style 通报 with its ranking table (DOCX, the work
report's DOCX styles and font) or as a workbook with the full working (XLSX)."""

from __future__ import annotations

from pathlib import Path

from django.utils import timezone

from ipgov.analysis.choices import Population, ScoringMethod
from ipgov.reports.fonts import cjk_font
from ipgov.reports.writers import atomic_write

FORMATS = ("docx", "xlsx")
ADDRESSEES = {Population.CITIES: "各省辖市、济源示范区知识产权管理部门：", Population.UNIVERSITIES: "各有关高校：",
             Population.ENTERPRISES: "各省辖市、济源示范区知识产权管理部门，各有关企业：",
             Population.DESIGNATIONS: "各省辖市、济源示范区知识产权管理部门，各有关单位："}
UNIT_WORD = {Population.CITIES: "省辖市（示范区）", Population.UNIVERSITIES: "所高校", Population.ENTERPRISES: "家企业",
             Population.DESIGNATIONS: "个认定单位"}
METHOD_ZH = {ScoringMethod.EFFICACY: "功效系数法（60＋40×(x−最小值)/(最大值−最小值)）",
             ScoringMethod.MINMAX: "极差标准化（100×(x−最小值)/(最大值−最小值)）",
             ScoringMethod.RANK: "排序计分（100×(n−名次)/(n−1)）", ScoringMethod.THRESHOLD: "阈值计分"}


def title(ev) -> str:
    from ipgov.analysis.schemes import parse

    scheme = parse(ev.scheme_text, ev.scheme)
    template = scheme.notice_title or "关于{period}" + ev.name + "结果的通报"
    return template.format(period=ev.result.get("period_zh", ev.period))


def listed_rows(ev) -> list[dict]:
    top = ev.result.get("top")
    return [r for r in ev.rows if r["rank"] <= top] if top else ev.rows


def _value(cell, ind) -> str:
    if cell["raw"] is None:
        return "—"
    if ind["unit"] == "%":
        return f"{cell['raw'] * 100:.1f}%" if ind["transform"] == "growth" else f"{cell['raw']:.1f}%"
    return f"{cell['raw']:,.2f}".rstrip("0").rstrip(".")


def table_header(ev) -> list[str]:
    groups = ev.result.get("groups") or []
    return ["名次", "单位", "总分", *[f"{g}得分" for g in groups]]


def table_row(ev, row) -> list[str]:
    return [str(row["rank"]), row["name"], f"{row['total']:.2f}",
            *[f"{row['groups'][g]:.2f}" for g in ev.result.get("groups") or []]]


def method_notes(ev) -> list[str]:
    inds = ev.result["indicators"]
    parts = "；".join(f"{i['name']}（权重{i['weight']:g}，{METHOD_ZH.get(i['method'], i['method'])}）" for i in inds)
    notes = [f"评价指标与方法：{parts}。各项得分×权重÷总权重{ev.result['total_weight']:g}后相加为总分（满分100分）。"]
    if ev.result.get("tie_breakers"):
        names = {i["id"]: i["name"] for i in inds}
        notes.append("总分相同时依次比较：" + "、".join(names[t] for t in ev.result["tie_breakers"]) + "。")
    elif ev.result.get("ties") == "share":
        notes.append("总分相同者名次并列。")
    if ev.result.get("illustrative"):
        notes.append("说明：本方案权重为示例（官方权重未公开），结果仅用于演示计算方法。")
    if ev.result.get("source"):
        notes.append("方案依据：" + ev.result["source"])
    notes.append(f"数据来源：知识产权统计数据库登记记录与指标数据立方；评价编号#{ev.pk}，第{ev.version}版，"
                 f"计算于{timezone.localtime(ev.created):%Y-%m-%d %H:%M}（{ev.created_by}）。逐项计算过程见XLSX附表。")
    return notes


def _docx(ev, path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    from ipgov.reports.writers.docx import _body, _east_asian, _page_number

    font = cjk_font()
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    for name in ("Normal", "Title", "Heading 1", "Caption", "Table Grid"):
        _east_asian(doc.styles[name], font.family)
    doc.styles["Normal"].font.size = Pt(12)
    _page_number(section.footer.paragraphs[0])
    doc.core_properties.title = title(ev)
    doc.core_properties.author = "ipgov"
    head = doc.add_heading(title(ev), level=0)
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    population = ev.result["population"]
    doc.add_paragraph(ADDRESSEES.get(population, "各有关单位："))
    ranked, listed = len(ev.rows), listed_rows(ev)
    _body(doc, f"根据《{ev.name}》评价方案（第{ev.scheme_version}版），依据知识产权统计数据库"
               f"登记记录，对全省{ranked}{UNIT_WORD.get(population, '个单位')}{ev.result['period_zh']}情况进行了评价。"
               f"现将{'前' + str(len(listed)) + '名' if ev.result.get('top') else '评分'}结果通报如下：")
    header = table_header(ev)
    table = doc.add_table(rows=1, cols=len(header))
    table.style = doc.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in listed:
        cells = table.add_row().cells
        for i, text in enumerate(table_row(ev, row)):
            cells[i].text = text
    for note in method_notes(ev):
        doc.add_paragraph(note, style="Caption")
    doc.add_heading("附：评分明细", level=1)
    inds = ev.result["indicators"]
    detail = doc.add_table(rows=1, cols=2 + len(inds))
    detail.style = doc.styles["Table Grid"]
    for cell, text in zip(detail.rows[0].cells, ["名次", "单位", *[f"{i['name']}（{i['unit']}）" for i in inds]],
                          strict=True):
        cell.text = text
    for row in listed:
        cells = detail.add_row().cells
        cells[0].text, cells[1].text = str(row["rank"]), row["name"]
        for j, (cell, ind) in enumerate(zip(row["cells"], inds, strict=True), 2):
            shown = "—" if cell["normalised"] is None else f"{cell['normalised']:.2f}"
            cells[j].text = f"{_value(cell, ind)}\n得分{shown}"
    doc.save(str(path))


def _xlsx(ev, path: Path) -> None:
    from openpyxl import Workbook

    from ipgov.reports.writers.xlsx import HEAD, _table

    wb = Workbook()
    ws = wb.active
    ws.title = "排名"
    ws.cell(1, 1, title(ev)).font = HEAD
    inds = ev.result["indicators"]
    header = [*table_header(ev), *[f"{i['name']}贡献" for i in inds]]
    rows = [[*table_row(ev, r), *[c["contribution"] for c in r["cells"]]] for r in ev.rows]
    end = _table(ws, 3, header, rows, [6, 28, 10] + [12] * (len(header) - 3))
    for i, note in enumerate(method_notes(ev), end + 2):
        ws.cell(i, 1, note)
    ws = wb.create_sheet("计算过程")
    header = ["名次", "单位", "代码", "指标", "原始值", "取值规则（来自登记记录）", "标准化得分", "权重", "贡献",
              "最小值", "最大值", "来源"]
    stats = ev.result["stats"]
    rows = [[r["rank"], r["name"], r["key"], ind["name"], c["raw"], c["rule"], c["normalised"], c["weight"],
             c["contribution"], stats[ind["id"]]["min"], stats[ind["id"]]["max"],
             ", ".join(f"{k}={v}" for k, v in c["sources"].items())]
            for r in ev.rows for c, ind in zip(r["cells"], inds, strict=True)]
    _table(ws, 1, header, rows, [6, 26, 12, 24, 12, 60, 12, 8, 10, 10, 10, 60])
    ws = wb.create_sheet("未参与排名")
    _table(ws, 1, ["单位", "代码", "原因"], [[e["name"], e["key"], e["reason"]] for e in ev.result["excluded"]],
           [26, 12, 100])
    ws = wb.create_sheet("评价方案")
    for i, line in enumerate(ev.scheme_text.splitlines(), 1):
        ws.cell(i, 1, line)
    wb.save(str(path))


def write(ev, fmt: str, path: Path | str) -> Path:
    writer = {"docx": _docx, "xlsx": _xlsx}.get(fmt)
    if writer is None:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return atomic_write(path, lambda target: writer(ev, target))
