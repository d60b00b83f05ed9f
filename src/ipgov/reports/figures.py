"""The report's only door to the cube: figures read through `ipgov.indicators.services.query`.

A `Figure` is one cell (indicator × region × period × breakdown) as the cube holds it — the computed
value and YoY, the run that computed it and, when the cube also holds a published (reported) value
for the same cell, that value beside it — plus how the report phrases it. Nothing here computes a
statistic: values and YoY come from the cube; this module only chooses words and rounding for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ipgov.core import periods
from ipgov.indicators import catalogue
from ipgov.indicators import services as cube
from ipgov.reports import phrases

COMPUTED, REPORTED = "computed", "reported"
DIFFERS_MARK = "※"


@dataclass
class Figure:
    indicator: str
    name_zh: str
    region: str
    period: str
    breakdown: str = ""
    value: float | int | None = None
    unit: str = ""
    yoy: float | None = None
    status: str = ""
    run_id: int | None = None
    decimals: int = 0
    yoy_decimals: int = 1
    definition: str = ""
    reported_value: float | int | None = None  # the published figure for the same cell, if any
    reported_yoy: float | None = None
    problem: str = ""  # why the figure is missing, in Chinese (shown in the XLSX)
    findings: list = field(default_factory=list)  # `ipgov check` findings on this cell (indicators.checks)
    shown: list[str] = field(default_factory=list)  # every phrase the report printed for it

    # -- state ------------------------------------------------------------------------------------
    @property
    def missing(self) -> bool:
        return self.value is None

    @property
    def differs(self) -> bool:
        """`ipgov check` found the computed cell outside the published figure's quoted precision."""
        return not self.missing and any(f.kind == "difference" for f in self.findings)

    @property
    def inconsistent(self) -> bool:
        """The published figures contradict each other (e.g. 21件 "+54%" implies 13.6 a year before)."""
        return any(f.kind == "inconsistent" for f in self.findings)

    @property
    def difference_note(self) -> str:
        label = f"{self.name_zh}（{periods.parse(self.period).zh}）"
        notes = []
        for f in self.findings:
            if f.kind == "difference":
                shown = self.plain(self.value)
                if self.yoy is not None:
                    shown += "，" + phrases.change(self.yoy, self.yoy_decimals)
                notes.append(f"{label}：计算值{shown}，公布值{f.reported}，两者超出公布数字的精度")
            elif f.kind == "inconsistent":
                notes.append(f"{label}：公布值{f.reported}前后矛盾（按公布的同比推算的上年数不成立），"
                             "报告采用计算值")
        return "；".join(notes)

    # -- phrases (called from the report templates) ----------------------------------------------------
    def plain(self, value) -> str:
        """`value` as this indicator prints by default: 80868件, 4.12件, 11.89亿元 (no mark, not recorded)."""
        if self.unit == "元":
            return phrases.money(value)
        if self.unit == "%":
            return f"{phrases.fixed(value, self.decimals)}%"
        word = self.unit.split("/")[0] if self.unit.split("/")[0] in phrases.MEASURE_WORDS else "件"
        return phrases.count(value, word, decimals=self.decimals)

    def _show(self, text: str) -> str:
        if self.missing:
            raise phrases.PhraseError(f"{self.indicator} {self.region} {self.period}: no observation to phrase")
        if self.differs or self.inconsistent:  # the note "注：公布数…" explains it, once
            text += DIFFERS_MARK
        self.shown.append(text)
        return text

    def text(self, word: str | None = None) -> str:
        """The value with its unit: 80868件, 4.12件, 11.89亿元; `word` swaps the measure word (23项)."""
        if word and not self.missing:
            return self._show(phrases.count(self.value, word, decimals=self.decimals))
        return self._show(self.plain(self.value) if not self.missing else "")

    def wan(self, decimals: int = 1, word: str = "件") -> str:
        return self._show(phrases.wan(self.value, word, decimals=decimals))

    def money(self, decimals: int = 2) -> str:
        return self._show(phrases.money(self.value, decimals=decimals))

    @property
    def has_yoy(self) -> bool:
        return not self.missing and self.yoy is not None

    def change(self) -> str:
        """同比增长21.4% / 同比下降… / 同比持平, to the indicator's declared YoY precision."""
        if not self.has_yoy:
            raise phrases.PhraseError(f"{self.indicator} {self.region} {self.period}: no YoY in the cube")
        text = phrases.change(self.yoy, self.yoy_decimals)
        self.shown.append(text)
        return text


def _entry(indicator_id: str):
    try:
        return catalogue.get(indicator_id)
    except catalogue.UnknownIndicator:
        return None


def fetch(indicator_id: str, region_code: str, period: str, breakdown: str = "",
          findings: dict | None = None) -> Figure:
    """One figure from the cube; a missing cell or an indicator not in the catalogue gives a Figure
    with `missing` set and the reason in `problem` — never a made-up value."""
    entry = _entry(indicator_id)
    if entry is None:
        return Figure(indicator_id, indicator_id, region_code, period, breakdown,
                      problem="指标目录中没有该指标")
    figure = Figure(indicator_id, entry.name_zh, region_code, period, breakdown, unit=entry.unit,
                    decimals=entry.decimals, yoy_decimals=getattr(entry, "yoy_decimals", 1),
                    definition=entry.definition)
    by = breakdown.split("=", 1)[0] if breakdown else None
    if by and by not in getattr(entry, "breakdowns", {}):
        figure.problem = f"该指标没有“{by}”分组"
        return figure
    rows = {}
    # `ipgov check` lists every published cell (agreeing, differing or with no computed value), so a cell
    # absent from `findings` has no published value and its second query can be skipped.
    statuses = (COMPUTED, REPORTED) if findings is None or _published(findings, indicator_id, region_code,
                                                                       period, breakdown) else (COMPUTED,)
    for status in statuses:
        for row in cube.query(indicator_id, region_code, period, by=by, status=status):
            if row.breakdown == breakdown:
                rows[status] = row
    main = rows.get(COMPUTED) or rows.get(REPORTED)
    if main is None:
        figure.problem = "统计数据库中暂无该数据"
        return figure
    figure.value, figure.yoy, figure.status, figure.run_id = main.value, main.yoy, main.status, main.run_id
    figure.unit = main.unit or figure.unit
    if REPORTED in rows:
        figure.reported_value, figure.reported_yoy = rows[REPORTED].value, rows[REPORTED].yoy
    if main.status == COMPUTED:
        figure.findings = (findings or {}).get((indicator_id, region_code, main.period, breakdown), [])
    return figure


def prefetch_blocks(region_code: str, report_periods: list) -> list[tuple]:
    """The cells a report of `region_code` cites, as indicator × region × period blocks for one cube read
    (`indicators.services.read_ahead`): every indicator for the report's periods, the same periods a
    year before, their full years and months; the city-level units' cells of the charts. A cell outside
    these is still read, one by one."""
    from ipgov.core.choices import PeriodKind
    from ipgov.regions import cache
    from ipgov.regions.services import city_level_units

    wanted = set()
    for p in (p for p in report_periods if p is not None):
        for q in (p, p.shifted(-1)):
            wanted |= {q.code, *(q.month_codes if q.kind != PeriodKind.RANGE else ())}
            if q.is_subannual:
                wanted |= {str(q.year), str(q.year - 1)}
    region = cache.regions().get(region_code)
    province = (region.province_id or region.code) if region else region_code
    cities = [u.code for u in city_level_units(province)]
    now = [p.code for p in report_periods if p is not None]
    return [
        (list(catalogue.default().indicators), [region_code], sorted(wanted)),
        (["patent_applications", "valid_invention_patents_per_10k"], cities, now),
    ]


def prefetch(region_code: str, report_periods: list):
    """One cube read (per status) of the cells `prefetch_blocks` names; `with answering(read):` then
    serves `fetch` from it."""
    return cube.read_ahead(prefetch_blocks(region_code, report_periods), breakdowns=True,
                           statuses=(COMPUTED, REPORTED))


answering = cube.answering


def _published(findings: dict, indicator_id: str, region_code: str, period: str, breakdown: str) -> bool:
    try:
        code = periods.parse(period).code
    except ValueError:
        return True  # let the query itself report the bad period
    return (indicator_id, region_code, code, breakdown) in findings


def findings_by_cell(region_code: str | None = None) -> dict[tuple, list]:
    """The indicator engine's comparison of published with computed cells, keyed by cell."""
    from ipgov.indicators import checks

    out: dict[tuple, list] = {}
    for f in checks.check(region_code):
        out.setdefault((f.indicator, f.region, f.period, f.breakdown), []).append(f)
    return out


def breakdown(indicator_id: str, region_code: str, period: str, by: str) -> list[Figure]:
    """Every value of one breakdown dimension (type=invention, type=utility …), computed cells only."""
    entry = _entry(indicator_id)
    if entry is None or by not in getattr(entry, "breakdowns", {}):
        return []
    return [
        Figure(row.indicator, entry.name_zh, row.region, row.period, row.breakdown, row.value, row.unit,
               row.yoy, row.status, row.run_id, entry.decimals, getattr(entry, "yoy_decimals", 1),
               entry.definition)
        for row in cube.query(indicator_id, region_code, period, by=by)
    ]
