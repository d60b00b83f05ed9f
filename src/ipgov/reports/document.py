"""A built report, independent of the format it is written in (the writers read only this)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from ipgov.core.periods import Period
from ipgov.reports.figures import Figure


@dataclass
class Chart:
    key: str
    title: str
    png: bytes
    figures: list[Figure]  # the observations drawn, for provenance
    note: str = ""


@dataclass
class Section:
    key: str
    number: str  # 一, 二 …
    title: str
    paragraphs: list[str]
    figures: list[Figure] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # 注：… for published figures that differ (each once)
    omitted: list[str] = field(default_factory=list)  # charts not drawn, and why (appendix only)

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.title}"


@dataclass(frozen=True)
class Cell:
    """One cell of a document table: the text DOCX/PDF/HTML print and the value XLSX stores (a number
    with `number_format`, or the text again)."""

    text: str
    value: float | int | str | None = None
    number_format: str = ""  # XLSX, e.g. "0", "0.00", "0.0%"


@dataclass
class Table:
    """A statistical table of a report (the monthly bulletin, the cities' comparison): a title, a header,
    rows of cells, and the notes printed under it (※ …)."""

    key: str
    title: str
    header: list[str]
    rows: list[list[Cell]]
    notes: list[str] = field(default_factory=list)
    widths: list[int] = field(default_factory=list)  # XLSX column widths
    landscape: bool = False  # wide: DOCX and PDF put it on landscape pages


@dataclass
class KeyRow:
    figure: Figure
    compare: Figure | None = None  # the same indicator for the --compare period


@dataclass
class Report:
    kind: str
    title: str
    region_code: str
    region_name: str
    period: Period
    compare: Period | None
    intro: list[str]
    sections: list[Section]
    key_rows: list[KeyRow]
    data_note: str  # which computation run(s) and when
    runs: list[dict]
    font_name: str
    font_path: str
    generated: datetime.datetime
    fetcher: object | None = field(default=None, repr=False)  # the figures read, cached (benchmark baseline)
    cutoff: datetime.date | None = None  # the last day the data cover
    tables: list[Table] = field(default_factory=list)  # statistical tables, after the sections

    @property
    def cutoff_zh(self) -> str:
        """"数据截至2020年6月30日" (the header line of every format)."""
        day = self.cutoff or self.period.end
        return f"数据截至{day.year}年{day.month}月{day.day}日"

    @property
    def subtitle(self) -> str:
        return f"（{self.period.zh}）"

    @property
    def figures(self) -> list[Figure]:
        return [f for s in self.sections for f in s.figures]

    @property
    def any_differs(self) -> bool:
        return any(f.differs for f in self.figures)
