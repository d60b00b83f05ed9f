"""The patent-navigation report (专利导航报告) of an industry in a region, structured after GB/T 39551
(区域规划类专利导航: scope, trend, technology, innovators, regions, legal status and use, comparison,
findings), built as a `document.Report` so every writer (DOCX, PDF, HTML, XLSX) writes it. Its figures come
from `analysis.services.landscape` (the register only); each paragraph says how it was counted."""

from __future__ import annotations

from django.utils import timezone

from ipgov.analysis import services
from ipgov.core.periods import parse
from ipgov.reports import charts
from ipgov.reports.document import Chart, Report, Section
from ipgov.reports.fonts import cjk_font
from ipgov.reports.phrases import chinese_numeral

TYPE_ZH = {"invention": "发明", "utility": "实用新型", "design": "外观设计"}
KIND_ZH = {"enterprise": "企业", "university": "大专院校", "research_institute": "科研单位", "individual": "个人",
           "government_other": "机关团体", "unknown": "未标注"}


def _pct(x) -> str:
    return "—" if x is None else f"{x * 100:.1f}%"


def _hhi(x) -> str:
    return "—" if x is None else f"{x:.0f}"


def _nation(L: dict) -> str:
    """The nation beside the landscape: its figure for the industry where one is loaded, else says none is."""
    nation = L.get("nation") or {}
    if nation.get("industry"):
        return ("全国同产业专利申请量：" + "、".join(f"{y}年{n}件" for y, n in nation["industry"].items())
                + f"（来源：{nation.get('industry_source', '')}）。")
    text = "未加载全国同产业专利数据，本报告不与全国同产业比较。"
    if nation.get("all_fields"):
        text += ("全国国内专利申请量（全部技术领域，供参考）：" + "、".join(f"{y}年{n}件" for y, n in nation["all_fields"].items())
                 + f"（来源：{nation['all_fields_source']}）。")
    return text


def _sections(L: dict) -> list[tuple[str, list[str], list[Chart]]]:
    y0, y1 = L["years"][0], L["years"][-1]
    region, field = L["region"]["name"], L["target_name"]
    apps, grants = L["applications_total"], L["grants_total"]
    trend_png = charts.composition([
        (f"{field} 专利申请量（按年）", [str(y) for y in L["years"]], [apps[y] for y in L["years"]]),
        (f"{field} 专利授权量（按年）", [str(y) for y in L["years"]], [grants[y] for y in L["years"]]),
    ]) if L["patents"] else None
    by_type = "；".join(f"{y}年申请{apps[y]}件（" + "、".join(f"{TYPE_ZH[t]}{L['applications'][y].get(t, 0)}件"
                                                     for t in TYPE_ZH) + "）" for y in L["years"])
    conc = L["concentration"]
    top = "、".join(f"{name}（{n}件）" for name, n in L["top_applicants"]) or "无"
    sub = "、".join(f"{code}（{n}件）" for code, n in L["subfields"]) or "无"
    kinds = "、".join(f"{KIND_ZH.get(k, k)}{n}件" for k, n in sorted(L["applicant_types"].items(), key=lambda kv: -kv[1]))
    regions = "、".join(f"{name}{n}件" for _, name, n in L["regions"][:10]) or "无"
    sections = [
        ("导航目标与数据范围", [
            f"本报告以{region}为导航区域，以{field}为导航产业，分析{y0}—{y1}年的专利态势，服务于产业规划与创新资源配置。",
            f"数据与规则：{L['rule']} 产业范围按IPC参照关系表{L['scheme']}的{L['target']}类划定，共检得{L['patents']}件专利申请。",
        ], []),
        ("专利申请与授权趋势", [
            by_type + "。",
            f"{y1}年申请量{apps[y1]}件，同比{_pct(L['applications_growth'])}；授权量{grants[y1]}件，同比{_pct(L['grants_growth'])}。",
        ], [Chart("trend", f"图：{region}{field}专利申请量、授权量（{y0}—{y1}年）", trend_png, [])] if trend_png else []),
        ("技术构成", [f"按主分类号小类统计，申请量居前的技术分支为：{sub}。"], []),
        ("创新主体", [
            f"主要申请人（第一申请人，{y0}—{y1}年申请量）：{top}。",
            f"申请人共{conc['applicants']}个；集中度CR4为{_pct(conc['cr4'])}，CR8为{_pct(conc['cr8'])}，"
            f"HHI为{_hhi(conc['hhi'])}。",
            f"{y1}年新进入申请人{len(L['new_entrants'])}个" + (f"，如{'、'.join(L['new_entrants'][:5])}。" if L["new_entrants"] else "。"),
            f"按第一申请人类型：{kinds or '无'}。",
        ], []),
        ("区域分布", [f"按第一申请人所在地区：{regions}。"], []),
        ("法律状态与运营", [
            f"截至{parse(L['period']).zh_end}，已授权{L['granted']}件，其中有效{L['valid']}件、失效{L['lapsed']}件；"
            f"发生质押{L['pledged']}件、转让{L['transferred']}件、许可{L['licensed']}件（按法律事件计）。"], []),
        ("与全省、全国比较", [
            "全省同产业专利申请量：" + "、".join(f"{y}年{L['province_applications'][y]}件" for y in L["years"])
            + f"；{region}占全省的{_pct(L['share_of_province'])}。", _nation(L)], []),
        ("结论与建议", [
            f"{field}在{region}{'保持增长' if (L['applications_growth'] or 0) > 0 else '申请量未见增长'}"
            f"（{y1}年同比{_pct(L['applications_growth'])}），创新主体"
            f"{'较为集中' if (conc['cr4'] or 0) >= 0.4 else '较为分散'}（CR4 {_pct(conc['cr4'])}）。"
            "建议围绕主要申请人和高增长技术分支开展专利布局与运营，引导高校与企业协同创新。以上结论仅由本报告的统计数字得出。"], []),
    ]
    return sections


def build_navigation(region: str, scheme: str, target: str, period: str) -> Report:
    L = services.landscape(region, scheme, target, period)
    font = cjk_font()
    sections = [Section(key, chinese_numeral(i), title, paragraphs, charts=chart_list)
                for i, (title, paragraphs, chart_list) in enumerate(_sections(L), 1)
                for key in [f"s{i}"]]
    return Report(kind="navigation", title=f"{L['region']['name']}{L['target_name'].split('（')[0]}产业专利导航报告",
                  region_code=L["region"]["code"], region_name=L["region"]["name"], period=parse(L["period"]),
                  compare=None, intro=["依据GB/T 39551—2020《专利导航指南》的区域规划类专利导航结构编写；数据全部来自专利登记记录。"],
                  sections=sections, key_rows=[], data_note=f"专利登记记录（{L['patents']}件）", runs=[],
                  font_name=font.family, font_path=font.path, generated=timezone.localtime(), fetcher=L)
