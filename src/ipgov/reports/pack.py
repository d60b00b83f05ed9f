"""The symposium pack (座谈会材料): one work report per city-level unit of the province, built by the work
report's own builder (`services.build_report`), and the cities' comparison table — each city's key
indicators (the work report's key-indicator table) with its rank among the province's city-level units —
as a `document.Report` with one table, which the DOCX and XLSX writers write."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone

from ipgov.core import numbers
from ipgov.indicators import catalogue, ranking
from ipgov.indicators.opendata import PROVINCE
from ipgov.regions.services import city_level_units, get_region
from ipgov.reports import services
from ipgov.reports.document import Cell, Report, Table
from ipgov.reports.figures import DIFFERS_MARK, findings_by_cell
from ipgov.reports.fonts import cjk_font
from ipgov.reports.writers import unavailable, write

CITIES = "cities"  # `ipgov report work --region cities`
COMPARISON_FORMATS = ("xlsx", "docx")
MISSING = "—"


@dataclass
class Pack:
    period: str
    reports: list[Report]
    comparison: Report
    written: list[tuple[Path, str]] = field(default_factory=list)  # (path, what) in the order written
    skipped: list[str] = field(default_factory=list)  # formats this machine cannot write, with why


def city_reports(period_code: str, province_code: str = PROVINCE, compare: str | None = None) -> list[Report]:
    """The work report of each city-level unit of the province, in code order (ReportError as
    `build_report` raises it, for the first city)."""
    findings = findings_by_cell()  # the cube's checks, once for all the cities
    return [services.build_report(code, period_code, compare=compare, findings=findings)
            for code in city_codes(province_code)]


def city_codes(province_code: str = PROVINCE) -> list[str]:
    return list(city_level_units(province_code).order_by("code").values_list("code", flat=True))


def _scaled(figure) -> tuple[float | int, str, int]:
    """A key figure in the unit its column shows: amounts in 万元 (2 decimals), others as the cube has them."""
    if figure.unit == "元":
        return round(float(numbers.to_decimal(figure.value) / numbers.WAN), 2), "万元", 2
    return figure.value, figure.unit, figure.decimals


def _public(indicator_id: str) -> bool:
    try:
        return catalogue.get(indicator_id).public
    except catalogue.UnknownIndicator:
        return False


def comparison(reports: list[Report], province_code: str = PROVINCE) -> Report:
    """The cities' key indicators side by side with ranks (public indicators only: ranking a city among
    its peers reads the peers' cells, `indicators.ranking`)."""
    first = reports[0]
    period = first.period
    columns = [row.figure for row in first.key_rows]
    header = ["省辖市"]
    for f in columns:
        unit = _scaled(f)[1] if not f.missing else f.unit
        header += [f"{f.name_zh}（{unit}）", "位次"]
    ranks = {}
    for i, f in enumerate(columns):
        values = {r.region_code: r.key_rows[i].figure.value for r in reports if not r.key_rows[i].figure.missing}
        ranks[i] = ranking.rank_of(values) if _public(f.indicator) else {}
    rows, lacking = [], []
    for r in reports:
        missing = [row.figure.name_zh for row in r.key_rows if row.figure.missing]
        name = r.region_name + (DIFFERS_MARK if missing else "")
        cells = [Cell(name, name)]
        for i, row in enumerate(r.key_rows):
            f = row.figure
            if f.missing:
                cells += [Cell(MISSING, None, "0"), Cell(MISSING, None, "0")]
                continue
            value, _unit, decimals = _scaled(f)
            fmt = "0" if not decimals else "0." + "0" * decimals
            rank = ranks[i].get(r.region_code)
            cells += [Cell(numbers.fixed(value, decimals), value, fmt),
                      Cell(MISSING, None, "0") if rank is None else Cell(str(rank), rank, "0")]
        rows.append(cells)
        if missing:
            lacking.append(f"{r.region_name}（{'、'.join(missing)}）")
    notes = [f"注：统计期为{period.zh}（存量指标为{period.zh_end}）；位次为在全省{len(reports)}个省辖市中的位次，"
             "数值相同者位次并列；仅公开指标排位次。数据截至" + first.cutoff_zh.removeprefix("数据截至") + "。"]
    if lacking:
        notes.append(f"{DIFFERS_MARK}统计数据库中暂无以下地区的数据（表中以“—”表示，不参与排名）：{'、'.join(lacking)}。")
    table = Table("comparison", f"各省辖市知识产权主要指标对比（{period.zh}）", header, rows, notes,
                  [12] + [14, 6] * len(columns), landscape=True)
    runs = sorted({tuple(sorted(run.items())) for r in reports for run in r.runs})
    font = cjk_font()
    return Report("comparison", "各省辖市知识产权主要指标对比表", province_code, get_region(province_code).name,
                  period, None,
                  [], [], [], "；".join(dict.fromkeys(r.data_note for r in reports)), [dict(x) for x in runs],
                  font.family, font.path, timezone.localtime(), cutoff=first.cutoff, tables=[table])


def build_pack(period_code: str, province_code: str = PROVINCE, compare: str | None = None) -> Pack:
    reports = city_reports(period_code, province_code, compare)
    if not reports:
        raise services.ReportError(f"no city-level units under {province_code}")
    return Pack(period_code, reports, comparison(reports, province_code))


def file_paths(codes: list[str], period: str, folder: Path, formats: tuple[str, ...]) -> list[Path]:
    """The files of a pack: work_<city>_<period>.<fmt> of each city, then comparison_cities_<period>.xlsx/.docx."""
    return [folder / f"work_{code}_{period}.{fmt}" for code in codes for fmt in formats] + \
        [folder / f"comparison_cities_{period}.{fmt}" for fmt in COMPARISON_FORMATS]


def pack_paths(pack: Pack, folder: Path, formats: tuple[str, ...]) -> list[tuple[Report, str, Path]]:
    """(report, format, path) of every file of the pack, in `file_paths` order."""
    docs = [(r, fmt) for r in pack.reports for fmt in formats] + [(pack.comparison, fmt) for fmt in COMPARISON_FORMATS]
    paths = file_paths([r.region_code for r in pack.reports], pack.reports[0].period.code, folder, formats)
    return [(r, fmt, path) for (r, fmt), path in zip(docs, paths, strict=True)]


def write_pack(pack: Pack, folder: Path, formats: tuple[str, ...] = ("docx",)) -> Pack:
    """Write every file of the pack into `folder` (formats this machine cannot write are skipped and said)."""
    pack.skipped = [f"{fmt.upper()}: {unavailable(fmt)}" for fmt in formats if unavailable(fmt)]
    usable = tuple(fmt for fmt in formats if not unavailable(fmt))
    for report, fmt, path in pack_paths(pack, folder, usable):
        write(report, fmt, path)
        pack.written.append((path, f"{report.title}{report.subtitle}"))
    return pack
