"""Build a report from the cube: render the definition's templates with figures read through
`figures.fetch` (hence `ipgov.indicators.services.query`), draw the charts, collect provenance.

A report is a record of its region: `build_report` refuses (OutOfScope) a reader outside the region's
scope (`ipgov.core.scope.check_report`); the cells it reads are checked again by the cube."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext

from django.utils import timezone
from django.utils.translation import gettext as _

from ipgov.core import numbers
from ipgov.core.choices import PeriodKind
from ipgov.core.periods import Period, parse
from ipgov.core.scope import check_report
from ipgov.regions.names import RegionNameError, find_region
from ipgov.reports import charts, phrases, records, templating
from ipgov.reports.document import Chart, KeyRow, Report, Section
from ipgov.reports.figures import Figure, answering, breakdown, fetch, findings_by_cell, prefetch
from ipgov.reports.fonts import cjk_font

# How breakdown values read in charts (the register's codes → Chinese).
BREAKDOWN_LABELS = {
    "type=invention": "发明", "type=utility": "实用新型", "type=utility_model": "实用新型",
    "type=design": "外观设计", "applicant=enterprise": "企业", "applicant=university": "大专院校",
    "applicant=institute": "科研单位", "applicant=research": "科研单位", "applicant=research_institute": "科研单位",
    "applicant=government_other": "机关团体", "applicant=government": "机关团体",
    "applicant=organization": "机关团体", "applicant=individual": "个人",
}


class ReportError(ValueError):
    pass


def stat(figure: Figure, label: str, verb: str = "达到", fmt: str = "text", decimals: int = 1,
         word: str | None = None, yoy: bool = True) -> str:
    """"专利申请量达到80868件，同比增长21.4%" — or "专利申请量暂无数据" when the cube has no such cell.
    fmt "auto" writes counts of 10万 and more in 万 (GB/T 15835: 19万件, 98.8万件), smaller ones whole."""
    if figure.missing:
        return f"{label}暂无数据"
    if fmt == "auto":
        fmt = "wan" if figure.unit != "元" and abs(figure.value) >= 100_000 else "text"
    if fmt == "wan":
        value = figure.wan(decimals, word or "件")
    elif fmt == "money":
        value = figure.money()
    elif fmt == "text":
        value = figure.text(word)
    else:
        raise templating.DefinitionError(f"stat(): unknown fmt {fmt!r} (text, auto, wan, money)")
    text = f"{label}{verb}{value}"
    if yoy and figure.has_yoy:
        text += f"，{figure.change()}"
    return text


def listing(items, verb: str = "") -> str:
    """[(figure, label, word)] → "A9家、B13家": the figures present and not zero, joined (a kind the region
    has none of is left out, never written "0家"). `word` is a measure word, or "money" for an amount in 元."""
    present = []
    for figure, label, word in items:
        if figure.missing or not figure.value:
            continue
        if word == "money":
            present.append(stat(figure, label, verb, fmt="money", yoy=False))
        else:
            present.append(stat(figure, label, verb, word=word, yoy=False))
    return "、".join(present)


def last_full_year(period: Period) -> Period:
    return parse(str(period.year - 1)) if period.is_subannual else period.full_year


class _Fetcher:
    """Caches figures so a cell cited twice is read once; records which section cited which. The cells a
    report usually cites (`figures.prefetch` of `periods`) are read from the cube at once."""

    def __init__(self, region_code: str, periods: list[Period | None] = (), findings: dict | None = None):
        self.region_code = region_code
        self.cache: dict[tuple, Figure] = {}
        self.findings = findings_by_cell() if findings is None else findings
        self.read = prefetch(region_code, list(periods)) if periods else None

    def __call__(self, indicator: str, period: Period | str, breakdown_: str = "", region: str | None = None):
        key = (indicator, str(period), breakdown_, region or self.region_code)
        if key not in self.cache:
            with answering(self.read) if self.read else nullcontext():
                self.cache[key] = fetch(indicator, key[3], key[1], breakdown_, self.findings)
        return self.cache[key]


def _section_context(fetcher: _Fetcher, cited: list[Figure]) -> Callable:
    def fig(indicator: str, period: Period | str, breakdown_: str = "") -> Figure:
        figure = fetcher(indicator, period, breakdown_)
        if figure not in cited:
            cited.append(figure)
        return figure
    return fig


def _has(*figures: Figure) -> bool:
    return any(not f.missing for f in figures)


def _nonzero(*figures: Figure) -> bool:
    """True when any of the figures is in the cube and not zero (for events: "0场" is not news)."""
    return any(not f.missing and f.value for f in figures)


def zero_news(*figures: Figure) -> bool:
    """True when every figure is in the cube, zero, of an indicator the catalogue marks `zero_meaningful`, and
    of a register the office keeps (indicators.services.register_kept): the template then writes "尚无…"
    instead of leaving the sentence out. An office that never entered its cases reads no "尚无办结的案件"."""
    from ipgov.indicators import catalogue
    from ipgov.indicators.services import register_kept

    def meaningful(f: Figure) -> bool:
        try:
            return catalogue.get(f.indicator).zero_meaningful
        except LookupError:
            return False

    return bool(figures) and all(not f.missing and not f.value and meaningful(f) and register_kept(f.indicator)
                                 for f in figures)


def _label(breakdown_: str) -> str:
    return BREAKDOWN_LABELS.get(breakdown_, breakdown_.split("=", 1)[-1])


# -- charts: each reads its figures through the fetcher, returns a Chart or a note saying why not ---------
def _trend_chart(fetcher, region, period: Period):
    if period.kind == PeriodKind.RANGE:
        return None, "趋势图只适用于年度、半年度、季度或月度报告。"
    last = period.shifted(-1)
    panels, cited = [], []
    for indicator, title in (("patent_applications", "专利申请量（按月）"), ("patent_grants", "专利授权量（按月）")):
        this_f = [fetcher(indicator, m) for m in period.month_codes]
        last_f = [fetcher(indicator, m) for m in last.month_codes]
        cited += [f for f in this_f + last_f if not f.missing]
        months = [f"{int(m[5:])}月" for m in period.month_codes]
        if _has(*this_f, *last_f):  # an indicator with no monthly cells gets no empty panel
            panels.append((title, months, [f.value for f in this_f], [f.value for f in last_f]))
    if not panels:
        return None, f"统计数据库中暂无{period.zh}的月度专利数据，未绘制月度趋势图。"
    png = charts.trend(panels, f"{period.year}年", f"{last.year}年")
    return Chart("trend", f"图：{period.zh}与上年同期专利申请量、授权量月度走势", png, cited), ""


def _composition_chart(fetcher, region, period: Period):
    panels, cited = [], []
    for indicator, by, title in (("patent_applications", "type", "专利申请量按类型"),
                                 ("patent_applications", "applicant", "专利申请量按申请人类型")):
        parts = [f for f in breakdown(indicator, region.code, period.code, by) if f.value]
        cited += parts
        if parts:
            panels.append((title, [_label(f.breakdown) for f in parts], [f.value for f in parts]))
    if not panels:
        return None, f"统计数据库中暂无{period.zh}专利申请量的分类型数据，未绘制构成图。"
    return Chart("composition", f"图：{period.zh}专利申请构成", charts.composition(panels), cited), ""


def _city_figures(fetcher, region, period: Period, indicator: str) -> list[tuple[str, str, Figure]]:
    from ipgov.regions.services import city_level_units

    province = region.province_id or region.code
    units = {u.code: u.name for u in city_level_units(province)}
    return [(code, units.get(code, code), fetcher(indicator, period, "", code)) for code in charts.city_codes()
            if code in units]


def _ranking_chart(fetcher, region, period: Period):
    rows = [r for r in _city_figures(fetcher, region, period, "patent_applications") if not r[2].missing]
    if not rows:
        return None, f"统计数据库中暂无{period.zh}各市专利申请量，未绘制排名图。"
    highlight = region.name if region.code != (region.province_id or region.code) else None
    png = charts.ranking(f"{period.zh}各市专利申请量", [n for _, n, _ in rows], [f.value for *_, f in rows],
                         highlight)
    return Chart("ranking", f"图：{period.zh}各省辖市专利申请量排名", png, [f for *_, f in rows]), ""


def _map_chart(fetcher, region, period: Period):
    rows = _city_figures(fetcher, region, period, "valid_invention_patents_per_10k")
    if not _has(*(f for *_, f in rows)):
        return None, f"统计数据库中暂无{period.zh}各市每万人口发明专利拥有量，未绘制分布图。"
    values = {code: f.value for code, _, f in rows if not f.missing}
    png = charts.choropleth(f"截至{period.zh_end}各市每万人口发明专利拥有量", values, "件/万人",
                            region.code if region.code in values else None)
    return Chart("map", f"图：截至{period.zh_end}各省辖市每万人口发明专利拥有量",
                 png, [f for *_, f in rows if not f.missing]), ""


CHARTS = {"trend": _trend_chart, "composition": _composition_chart, "ranking": _ranking_chart,
          "map": _map_chart}


def _runs(figures: list[Figure]) -> list[dict]:
    from ipgov.indicators.models import ComputationRun

    ids = sorted({f.run_id for f in figures if f.run_id is not None})
    return [{"id": r.pk, "executor": r.executor, "finished": r.finished, "status": r.status}
            for r in ComputationRun.objects.filter(pk__in=ids).order_by("pk")]


def _data_note(runs: list[dict], figures: list[Figure]) -> str:
    if not runs:
        if any(not f.missing for f in figures):
            return "数据为公布值，无计算批次"
        return "统计数据库中暂无本期数据"
    latest = max((r["finished"] for r in runs if r["finished"]), default=None)
    when = "未完成"
    if latest:
        t = timezone.localtime(latest)
        when = f"{t.year}年{t.month}月{t.day}日 {t:%H:%M}"
    ids = "、".join(f"#{r['id']}" for r in runs)
    return f"计算批次{ids}，数据计算于{when}"


class _Named:
    """The records a section names (`named.funds()`, `named.auctions()` …), limited to the report's region;
    events are those of the review window (from the start of Y to the end of P: "2019年以来")."""

    def __init__(self, region_code: str, period: Period, year: Period):
        self._region, self._start, self._end, self._year = region_code, year.start, period.end, year

    def grant_cities(self) -> list[str]:
        return records.grant_cities(self._region, self._end)

    def funds(self):
        return records.funds(self._region, self._end)

    def auctions(self):
        return records.auctions(self._region, self._start, self._end)

    def trusts(self):
        return records.trusts(self._region, self._start, self._end)

    def designations(self, kind: str, accepted: bool = False):
        return records.designations(self._region, kind, self._start, self._end, accepted=accepted)

    def distinction_in_force(self, kind: str) -> str:
        return records.distinction_in_force(self._region, kind, self._end)

    def work_plan(self):
        return records.work_plan(self._region, self._end.year)

    def training_theme(self) -> str:
        return records.training_theme(self._region, self._year.start, self._year.end)


def base_context(region, period: Period) -> dict:
    y = last_full_year(period)
    return {
        "region": {"code": region.code, "name": region.name}, "R": phrases.region_whole(region.name),
        "R_we": phrases.region_we(region.name),
        "P": period, "Y": y, "W": parse(f"{y.year - 2}..{y.year}"), "named": _Named(region.code, period, y),
        "stat": stat, "has": _has, "nonzero": _nonzero, "zero_news": zero_news,
        "listing": listing,
    }


def _heading(sdef: templating.SectionDef, base: dict, fetcher: _Fetcher) -> str:
    """The evaluative heading (取得新成效) when the section's gauge grew year on year, else the plain title."""
    if not (sdef.better and sdef.gauge):
        return sdef.title
    gauge = fetcher(sdef.gauge, base.get(sdef.gauge_period, base["P"]))
    grew = gauge.has_yoy and gauge.yoy > 0
    return sdef.better if grew else sdef.title


def _figure_note(fetcher: _Fetcher, f: Figure) -> str:
    """One plain sentence for a figure whose published value differs from, or contradicts, the records:
    "注：公布数21件、同比增长54%，按2018年14件计算应为50.0%". Empty when there is nothing to say."""
    if not (f.differs or f.inconsistent) or f.reported_value is None or f.missing:
        return ""
    published = f.plain(f.reported_value)
    if f.reported_yoy is not None:
        shown = numbers.to_decimal(f.reported_yoy) * 100
        published += "、" + phrases.change(f.reported_yoy, max(0, -shown.normalize().as_tuple().exponent))
    text = f"注：公布数{published}"
    if f.plain(f.value) != published.split("、")[0]:
        text += f"，按记录计算为{f.plain(f.value)}"
    if f.has_yoy and f.reported_yoy is not None and \
            phrases.percent(f.yoy, f.yoy_decimals) != phrases.percent(f.reported_yoy, f.yoy_decimals):
        prior_period = parse(f.period).shifted(-1)
        prior = fetcher(f.indicator, prior_period, f.breakdown)
        basis = f"按{prior_period.zh}{prior.plain(prior.value)}计算" if not prior.missing else "按记录计算"
        text += f"，{basis}应为{phrases.percent(f.yoy, f.yoy_decimals)}"
    return text


def render_sections(definition: templating.ReportDef, base: dict, fetcher: _Fetcher) -> list[Section]:
    """Render each section's template; figures come from `fetcher` (the cube, or its warm cache). A section
    whose template writes nothing (no records for it) is left out and the others are numbered on."""
    sections = []
    for sdef in definition.sections:
        cited: list[Figure] = []
        ctx = dict(base, fig=_section_context(fetcher, cited))
        text = definition.env.get_template(sdef.template).render(ctx)
        paras = templating.paragraphs(text)
        if not paras:
            continue
        sections.append(Section(sdef.key, phrases.chinese_numeral(len(sections) + 1),
                                _heading(sdef, base, fetcher), paras, cited))
    return sections


def _data_cutoff(region_code: str, period: Period):
    """The last day the report's data cover: the period's end, or the cube's last month if earlier.

    OFFICE15: issue 15 item 2 gives the register a data cut-off ("数据截至2020年6月30日"); when that
    function is on this branch, call it here instead of reading the cube's last month."""
    from ipgov.indicators.models import Observation

    last = (Observation.objects.filter(indicator="patent_applications", region_id=region_code, period_kind="month")
            .order_by("-period").values_list("period", flat=True).first())
    if not last:
        return period.end
    return min(period.end, parse(last).end)


def _parse_period(code: str) -> Period:
    try:
        return parse(code)
    except ValueError:
        raise ReportError(_("%(period)s is not a period: write a year (2019), a half-year (2020H1), a quarter "
                            "(2020Q2), a month (2020-05) or a range of years (2017..2019).")
                          % {"period": code}) from None


def build_report(region_code: str, period_code: str, compare: str | None = None, kind: str = "work",
                 with_charts: bool = True, findings: dict | None = None) -> Report:
    """The report for one region and period, read from the cube. Unknown region or period: ReportError;
    a region outside the current actor's scope: OutOfScope. `findings` (`figures.findings_by_cell()`) may
    be passed by a caller building many reports, so the cube's checks run once."""
    try:
        region = find_region(region_code)
    except RegionNameError as exc:  # the one sentence of regions.names for an unknown code or name
        raise ReportError(str(exc)) from None
    period = _parse_period(period_code)
    compare_period = _parse_period(compare) if compare else None
    check_report(region.code)
    definition = templating.load(kind)
    fetcher = _Fetcher(region.code, [period, compare_period], findings)
    base = base_context(region, period)
    sections = render_sections(definition, base, fetcher)
    defs = {s.key: s for s in definition.sections}
    written: set[str] = set()
    for section in sections:
        for key in defs[section.key].charts if with_charts else []:
            if key not in CHARTS:
                raise templating.DefinitionError(f"section {section.key!r}: unknown chart {key!r} "
                                                 f"(known: {', '.join(CHARTS)})")
            chart, note = CHARTS[key](fetcher, region, period)
            if chart:
                section.charts.append(chart)
            else:
                section.omitted.append(note)
        for f in section.figures:  # each note once in the whole report, under the section that cites it first
            note = _figure_note(fetcher, f)
            if note and note not in written:
                written.add(note)
                section.notes.append(note)

    key_rows = []
    for row in definition.key_indicators:
        when = {"P": period, "Y": base["Y"]}.get(row.get("period", "P"), period)
        figure = fetcher(row["indicator"], when, row.get("breakdown", ""))
        other = fetcher(row["indicator"], compare_period, row.get("breakdown", "")) if compare_period else None
        key_rows.append(KeyRow(figure, other))

    every = list(fetcher.cache.values())
    runs = _runs(every)
    data_note = _data_note(runs, every)
    title = definition.env.from_string(definition.title).render(base)
    areas = [defs[s.key].area or defs[s.key].title for s in sections]
    intro_ctx = dict(base, data_note=data_note, areas=phrases.joined(areas),
                     progress=any(s.title == defs[s.key].better for s in sections),
                     review_label=base["Y"].zh if period.is_subannual else period.zh)
    intro = templating.paragraphs(definition.env.get_template(definition.intro).render(intro_ctx)) \
        if definition.intro else []
    font = cjk_font()
    return Report(kind, title, region.code, region.name, period, compare_period, intro, sections, key_rows,
                  data_note, runs, font.family, font.path, timezone.localtime(), fetcher,
                  cutoff=_data_cutoff(region.code, period))
