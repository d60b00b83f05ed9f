"""What several writers show the same way: key-table cells and provenance rows."""

from __future__ import annotations

from ipgov.core.periods import parse
from ipgov.reports import phrases
from ipgov.reports.figures import DIFFERS_MARK, Figure

STATUS_ZH = {"computed": "计算值", "reported": "公布值", "estimated": "估计值", "": "无数据"}
KEY_HEADER = ("指标", "统计期", "数值", "同比", "状态")


def value_cell(f: Figure | None) -> str:
    if f is None or f.missing:
        return "暂无数据"
    text = f.plain(f.value)
    return text + (DIFFERS_MARK if f.differs else "")


def yoy_cell(f: Figure | None) -> str:
    if f is None or not f.has_yoy:
        return "—"
    return phrases.percent(f.yoy, f.yoy_decimals)


def key_header(report) -> list[str]:
    header = list(KEY_HEADER)
    if report.compare:
        header.insert(3, f"对比期（{report.compare.zh}）")
    return header


def key_cells(report, row) -> list[str]:
    f = row.figure
    cells = [f.name_zh + (f"（{f.breakdown}）" if f.breakdown else ""), parse(f.period).zh, value_cell(f),
             yoy_cell(f), STATUS_ZH.get(f.status, f.status)]
    if report.compare:
        cells.insert(3, value_cell(row.compare))
    return cells


PROVENANCE_HEADER = ("指标ID", "指标名称", "地区代码", "统计期", "分组", "数值", "单位", "同比", "状态",
                     "计算批次", "公布值", "公布同比", "报告表述", "说明")


def provenance_row(f: Figure) -> list:
    return [f.indicator, f.name_zh, f.region, f.period, f.breakdown or "合计",
            None if f.missing else f.value, f.unit, f.yoy, STATUS_ZH.get(f.status, f.status),
            f.run_id, f.reported_value, f.reported_yoy, "；".join(dict.fromkeys(f.shown)),
            f.problem or f.difference_note]
