"""The monthly statistical bulletin (知识产权统计月报) of a province: for the province, each city-level unit
and each county, the month's and the year-to-date (1—6月) patent applications, grants and invention grants,
and the valid invention patents per 10,000 people at the month's end — each with its YoY and its rank
(cities among the province's city-level units, counties among its counties: `indicators.ranking`).

Every figure is a cell of the cube, read at once (`indicators.services.read_cells`); the year to date is
the cube's month cells summed (`indicators.services.year_to_date`). The bulletin is a `document.Report`
whose statistical tables every writer writes (DOCX 公文, PDF, HTML, XLSX with numbers as numbers).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from ipgov.core import numbers
from ipgov.core.choices import PeriodKind
from ipgov.core.periods import Period
from ipgov.core.scope import check_report
from ipgov.indicators import catalogue, cutoff, ranking
from ipgov.indicators.opendata import PROVINCE
from ipgov.indicators.services import ObservationResult, months_sum, read_cells, year_to_date
from ipgov.regions.choices import RegionLevel
from ipgov.regions.services import city_level_units, get_region
from ipgov.reports import services
from ipgov.reports.document import Cell, Report, Table
from ipgov.reports.figures import DIFFERS_MARK, Figure
from ipgov.reports.fonts import cjk_font

MISSING = "—"
LEADING = {1: "居首位的是", 2: "居前两位的是", 3: "居前三位的是"}


@dataclass(frozen=True)
class Item:
    """One statistic of the bulletin: a catalogue indicator (and breakdown) under its bulletin name."""

    indicator: str
    breakdown: str
    label: str  # 专利申请量
    flow: bool  # a flow has a year to date; a stock (per 10k) is read at the month's end

    @property
    def entry(self):
        return catalogue.get(self.indicator)


ITEMS = (
    Item("patent_applications", "", "专利申请量", True),
    Item("patent_grants", "", "专利授权量", True),
    Item("patent_grants", "type=invention", "发明专利授权量", True),
    Item("valid_invention_patents_per_10k", "", "每万人口发明专利拥有量", False),
)


@dataclass
class Line:
    """One region's figures for one item: the month (or the month's end) and the year to date, each with
    its rank among the region's peers (None for the province, or without a value)."""

    code: str
    name: str
    city: str  # the city-level unit's name, for a county
    month: ObservationResult | None
    ytd: ObservationResult | None
    month_rank: int | None = None
    ytd_rank: int | None = None

    def missing(self, item: Item) -> bool:
        return self.month is None or (item.flow and self.ytd is None)


@dataclass
class Bulletin:
    province: object
    period: Period
    lines: dict[tuple[str, str], list[Line]]  # (item label, "province" | "cities" | "counties") → lines

    def regions(self, group: str) -> list[str]:
        return [x.code for x in self.lines[(ITEMS[0].label, group)]]

    def missing_regions(self) -> set[str]:
        """The regions with a cell the cube lacks (a ※ in the tables)."""
        return {x.code for item in ITEMS for group in ("province", "cities", "counties")
                for x in self.lines[(item.label, group)] if x.missing(item)}


def _parse_month(code: str) -> Period:
    period = services._parse_period(code)
    if period.kind != PeriodKind.MONTH:
        raise services.ReportError(_("The monthly bulletin is for one month: write the month as 2020-06, "
                                     "not %(period)s.") % {"period": code})
    return period


def ytd_zh(period: Period) -> str:
    """The year to date of a month as statistical tables write it: 2020-06 → 2020年1—6月, 2020-01 → 2020年1月."""
    return f"{period.year}年1—{period.number}月" if period.number > 1 else period.zh


def _months(period: Period) -> list[str]:
    """January to the bulletin's month, of its year and of the year before."""
    this = [f"{period.year}-{m:02d}" for m in range(1, period.number + 1)]
    return this + [f"{period.year - 1}-{m:02d}" for m in range(1, period.number + 1)]


def collect(province_code: str, period_code: str) -> Bulletin:
    """Every line of the bulletin, read from the cube in two reads. ReportError for a period that is not
    a month, a month after the data cut-off, or a region that is not a province."""
    try:
        province = get_region(province_code)
    except LookupError:
        raise services.ReportError(_("There is no region with the code %(code)s: choose a region from the list.")
                                   % {"code": province_code}) from None
    if province.level != RegionLevel.PROVINCE:
        raise services.ReportError(_("The monthly bulletin covers a province with its cities and counties: "
                                     "%(name)s is not a province; give a province, e.g. 410000.")
                                   % {"name": province.name})
    period = _parse_month(period_code)
    cut = cutoff.current()
    if cut is None:
        raise services.ReportError(_("The cube holds no figures yet: run `ipgov compute` first, then write "
                                     "the bulletin."))
    if period.last > cut.last:
        raise services.ReportError(_("%(period)s is after the data cut-off (%(cutoff)s): choose a month up to "
                                     "%(month)s.") % {"period": period.code, "cutoff": cut.end_label,
                                                     "month": cut.code})
    check_report(province.code)
    cities = list(city_level_units(province.code).order_by("code"))
    counties = list(ranking.county_units(province.code).order_by("code"))
    city_names = {c.code: c.name for c in cities}
    codes = [province.code] + [c.code for c in cities] + [c.code for c in counties]
    months = _months(period)
    flows = sorted({i.indicator for i in ITEMS if i.flow})
    stocks = sorted({i.indicator for i in ITEMS if not i.flow})
    totals = read_cells([(flows, codes, months), (stocks, codes, [period.code])])
    split = [i.indicator for i in ITEMS if i.breakdown]
    by_type = read_cells([(split, codes, months)], breakdowns=True) if split else totals

    lines: dict[tuple[str, str], list[Line]] = {}
    groups = (("province", [province]), ("cities", cities), ("counties", counties))
    for item in ITEMS:
        cells = by_type if item.breakdown else totals
        for group, regions in groups:
            rows = []
            for r in regions:
                month = months_sum(cells, item.indicator, r.code, [period.code], item.breakdown) if item.flow \
                    else cells.get((item.indicator, r.code, period.code, item.breakdown))
                ytd = year_to_date(cells, item.indicator, r.code, period.code, item.breakdown) if item.flow else None
                rows.append(Line(r.code, r.name, city_names.get(r.city_id, "") if group == "counties" else "",
                                 month, ytd))
            if group != "province":
                month_rank = ranking.rank_of({x.code: x.month.value for x in rows if x.month})
                ytd_rank = ranking.rank_of({x.code: x.ytd.value for x in rows if x.ytd})
                for x in rows:
                    x.month_rank, x.ytd_rank = month_rank.get(x.code), ytd_rank.get(x.code)
            lines[(item.label, group)] = rows
    return Bulletin(province, period, lines)


# -- the document ----------------------------------------------------------------------------------------
def _value_cell(item: Item, result: ObservationResult | None) -> Cell:
    decimals = item.entry.decimals
    fmt = "0" if not decimals else "0." + "0" * decimals
    return Cell(MISSING, None, fmt) if result is None else Cell(numbers.fixed(result.value, decimals), result.value, fmt)


def _yoy_cell(item: Item, result: ObservationResult | None) -> Cell:
    decimals = item.entry.yoy_decimals
    fmt = "0." + "0" * decimals
    if result is None or result.yoy is None:
        return Cell(MISSING, None, fmt)
    shown = numbers.fixed(numbers.to_decimal(result.yoy) * 100, decimals)
    return Cell(shown, float(shown), fmt)


def _rank_cell(rank: int | None) -> Cell:
    return Cell(MISSING, None, "0") if rank is None else Cell(str(rank), rank, "0")


def _header(item: Item, period: Period, counties: bool) -> list[str]:
    unit = item.entry.unit
    month = f"{period.number}月"
    first = ["县（市、区）", "所属省辖市"] if counties else ["地区"]
    if not item.flow:
        return [*first, f"{month}末（{unit}）", "同比增长（%）", "位次"]
    return [*first, f"{month}（{unit}）", "同比增长（%）", "位次", f"1—{period.number}月（{unit}）", "同比增长（%）", "位次"]


def _row(item: Item, line: Line, counties: bool) -> list[Cell]:
    name = line.name + (DIFFERS_MARK if line.missing(item) else "")
    first = [Cell(name, name), Cell(line.city, line.city)] if counties else [Cell(name, name)]
    cells = [*first, _value_cell(item, line.month), _yoy_cell(item, line.month), _rank_cell(line.month_rank)]
    if item.flow:
        cells += [_value_cell(item, line.ytd), _yoy_cell(item, line.ytd), _rank_cell(line.ytd_rank)]
    return cells


def _missing_note(item: Item, lines: list[Line], period: Period) -> str:
    """"※ 统计数据库中暂无以下地区的数据（表中以“—”表示，不参与排名）：…" — empty when every cell is there."""
    parts = []
    for line in lines:
        lacking = []
        if line.month is None:
            lacking.append(f"{period.zh}" + ("" if item.flow else "末"))
        if item.flow and line.ytd is None:
            lacking.append(f"{ytd_zh(period)}累计")
        if lacking:
            parts.append(f"{line.name}（{'、'.join(lacking)}）")
    if not parts:
        return ""
    return f"{DIFFERS_MARK}统计数据库中暂无以下地区的{item.label}数据（表中以“—”表示，不参与排名）：{'、'.join(parts)}。"


def _tables(b: Bulletin) -> list[Table]:
    tables, n = [], 0
    period = b.period
    for item in ITEMS:
        for group, scope in (("cities", "全省及各省辖市"), ("counties", "各县（市、区）")):
            n += 1
            lines = b.lines[(item.label, "province")] + b.lines[(item.label, group)] if group == "cities" \
                else b.lines[(item.label, group)]
            counties = group == "counties"
            when = f"{period.zh}末" if not item.flow else ytd_zh(period)
            notes = ["注：位次为" + ("在全省县（市、区）中的位次" if counties else "在全省各省辖市中的位次")
                     + "，数值相同者位次并列；同比栏“—”表示上年同期无数据或为零。"]
            note = _missing_note(item, lines, period)
            if note:
                notes.append(note)
            header = _header(item, period, counties)
            tables.append(Table(f"{group}-{item.indicator}-{item.breakdown or 'total'}",
                                f"表{n}　{scope}{item.label}（{when}）", header,
                                [_row(item, line, counties) for line in lines], notes,
                                [16, 12][:2 if counties else 1] + [12] * (len(header) - (2 if counties else 1))))
    return tables


def _figure(item: Item, result: ObservationResult | None, region: str, period: str) -> Figure:
    entry = item.entry
    f = Figure(item.indicator, item.label, region, period, item.breakdown, unit=entry.unit,
               decimals=entry.decimals, yoy_decimals=entry.yoy_decimals, definition=entry.definition)
    if result is not None:
        f.value, f.yoy, f.status, f.run_id = result.value, result.yoy, result.status, result.run_id
    return f


def _summary(b: Bulletin) -> list[str]:
    """The opening paragraphs: the province's figures (GB/T 15835: 19万件), then the leading cities."""
    p = b.period
    province = {item.label: b.lines[(item.label, "province")][0] for item in ITEMS}
    ytd = {k: _figure(item, province[item.label].ytd, b.province.code, p.code) for k, item in
           ((i.label, i) for i in ITEMS if i.flow)}
    month = {i.label: _figure(i, province[i.label].month, b.province.code, p.code) for i in ITEMS}
    apps, grants, inventions = ITEMS[0].label, ITEMS[1].label, ITEMS[2].label
    stock = ITEMS[3].label
    first = (f"{ytd_zh(p)}，全省{services.stat(ytd[apps], apps, '', fmt='auto')}；"
             f"{services.stat(ytd[grants], grants, '', fmt='auto')}，其中"
             f"{services.stat(ytd[inventions], inventions, '', fmt='auto')}。")
    if p.number > 1:
        first += (f"{p.number}月当月，全省{services.stat(month[apps], apps, '', fmt='auto')}；"
                  f"{services.stat(month[grants], grants, '', fmt='auto')}。")
    first += f"截至{p.zh_end}，全省{services.stat(month[stock], stock, '为')}。"
    paras = [first]
    leaders = []
    for item in ITEMS:
        lines = b.lines[(item.label, "cities")]
        ranked = sorted((x for x in lines if (x.ytd if item.flow else x.month)),
                        key=lambda x: (x.ytd_rank if item.flow else x.month_rank))[:3]
        if ranked:
            leaders.append(f"{item.label}{LEADING[len(ranked)]}" + "、".join(x.name for x in ranked))
    if leaders:
        paras.append(f"分地区看，{ytd_zh(p) if p.number > 1 else p.zh}全省各省辖市中，" + "；".join(leaders) + "。")
    paras.append("本月报数据由知识产权统计数据库按登记记录计算：申请量按申请日、授权量按授权公告日统计，"
                 "每万人口发明专利拥有量为月末国内有效发明专利量除以常住人口（万人）；累计数为1月至本月各月之和。")
    return paras


def build_bulletin(period_code: str, province_code: str = PROVINCE) -> Report:
    """The monthly bulletin of the province for a month, as a Report with its tables (ReportError for a
    bad period or region, with the sentence to show)."""
    b = collect(province_code, period_code)
    results = [r for rows in b.lines.values() for x in rows for r in (x.month, x.ytd) if r is not None]
    runs = services._runs(results)
    font = cjk_font()
    cut = cutoff.current()
    return Report("bulletin", f"{b.province.name}知识产权统计月报", b.province.code, b.province.name, b.period,
                  None, _summary(b), [], [], services._data_note(runs, []), runs, font.family, font.path,
                  timezone.localtime(), b, cutoff=min(b.period.end, cut.end) if cut else b.period.end,
                  tables=_tables(b))
