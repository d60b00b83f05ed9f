"""Live figures in article bodies, and the check of typed figures against the cube.

**References.** `{{ cell patent_applications 410000 2020H1 }}` in a body renders as the cube's value of
that cell, linked to the indicator's open-data page. It is read through `ipgov.indicators.services.query`
under the anonymous actor, whoever views the page, so only public indicators ever render; an unknown,
non-public or empty cell renders as "—" with the reason in its title.

**Typed figures** (`check_figures`). A simple heuristic for editors, not a parser: for every indicator
name of the catalogue (专利申请量, 授权量 after it, 核准地理标志商标 …) found in the text, the first number
within a few characters after it (with 万 understood; a live reference there is not a typed figure) is
compared with the cube cell of the nearest period written before it in the same sentence (up to 。) (2019年 → 2019, 2020年上半年 → 2020H1, 2020年第二季度 → 2020Q2) and
the region the sentence names (全省 or nothing → the province; a city's name → that city). A difference
beyond the typed precision is a warning shown in the editor's preview; nothing is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ipgov.core.actor import Actor, acting_as

PROVINCE = "410000"
REFERENCE = re.compile(r"\{\{\s*cell\s+([a-z0-9_]+)\s+(\d{6})\s+([0-9A-Za-z.\-]+)\s*\}\}")


@dataclass(frozen=True)
class Cell:
    indicator: str
    region: str
    period: str
    value: float | int | None
    unit: str = ""
    problem: str = ""


def read_cell(indicator: str, region: str, period: str) -> Cell:
    """The published value of one cell as an anonymous visitor may read it."""
    from ipgov.core.scope import OutOfScope
    from ipgov.indicators import catalogue, services

    try:
        with acting_as(Actor.anonymous()):
            rows = services.query(indicator, region, period)
    except catalogue.UnknownIndicator:
        return Cell(indicator, region, period, None, problem=_("unknown indicator"))
    except OutOfScope:
        return Cell(indicator, region, period, None, problem=_("not a public indicator"))
    except (LookupError, ValueError) as exc:
        return Cell(indicator, region, period, None, problem=str(exc))
    if not rows:
        return Cell(indicator, region, period, None, problem=_("no value in the cube for this cell"))
    return Cell(indicator, region, period, rows[0].value, rows[0].unit)


def format_value(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def render_references(body: str) -> str:
    """The body (already sanitised HTML) with every cell reference replaced by its live value."""

    def one(match: re.Match) -> str:
        cell = read_cell(*match.groups())
        if cell.value is None:
            return format_html('<span class="cell missing" title="{}">—</span>', cell.problem)
        url = reverse("portal:indicator", args=[cell.indicator]) + f"?region={cell.region}"
        title = f"{cell.indicator} {cell.region} {cell.period}"
        return format_html('<a class="cell" href="{}" title="{}">{}</a>', url, title, format_value(cell.value))

    return REFERENCE.sub(one, body)


# ------------------------------------------------------------------ typed figures
NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(万)?")
PERIOD = re.compile(r"(\d{4})年(上半年|下半年|第([一二三四1-4])季度|(\d{1,2})月)?")
QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4}
WINDOW = 12  # characters between an indicator's name and its number
LIVE_MARK = "\u2063"  # stands for a live reference while checking (an invisible separator)


@dataclass(frozen=True)
class FigureWarning:
    phrase: str
    typed: str
    indicator: str
    region: str
    period: str
    cube: float | int

    def __str__(self):
        return _("“%(phrase)s … %(typed)s” (%(period)s): the cube has %(cube)s (%(indicator)s %(region)s)") % {
            "phrase": self.phrase, "typed": self.typed, "period": self.period, "cube": format_value(self.cube),
            "indicator": self.indicator, "region": self.region}


def _period(match: re.Match) -> str:
    year, part, quarter, month = match.group(1), match.group(2), match.group(3), match.group(4)
    if not part:
        return year
    if part == "上半年":
        return f"{year}H1"
    if part == "下半年":
        return f"{year}H2"
    if quarter:
        return f"{year}Q{QUARTERS.get(quarter, quarter)}"
    return f"{year}-{int(month):02d}"


def _phrases() -> list[tuple[str, str]]:
    from ipgov.indicators import catalogue

    names = [(ind.name_zh, ind.id) for ind in catalogue.indicators() if ind.public and ind.name_zh]
    return sorted(names, key=lambda n: -len(n[0]))  # the longest name first: 发明专利申请量 before 专利申请量


def _region(sentence: str) -> str:
    from ipgov.regions.services import city_level_units

    for unit in city_level_units(PROVINCE):
        short = unit.name.removesuffix("市").removesuffix("县")
        if short and short in sentence:
            return unit.code
    return PROVINCE


def check_figures(body: str) -> list[FigureWarning]:
    from ipgov.portal.sanitize import text_of

    text = REFERENCE.sub(LIVE_MARK, text_of(body))
    warnings = []
    for sentence in re.split(r"[。！!？?\n]", text):
        taken: list[tuple[int, int]] = []
        for phrase, indicator in _phrases():
            for found in re.finditer(re.escape(phrase), sentence):
                start, end = found.span()
                if any(a <= start < b for a, b in taken):
                    continue  # part of a longer name already checked
                taken.append((start, end))
                number = NUMBER.search(sentence, end, end + WINDOW + 8)
                if not number or number.start() - end > WINDOW or LIVE_MARK in sentence[end:number.start()]:
                    continue  # no typed figure, or the figure is a live reference
                periods = list(PERIOD.finditer(sentence, 0, start))
                if not periods:
                    continue
                period = _period(periods[-1])
                cell = read_cell(indicator, _region(sentence[:start]), period)
                if cell.value is None:
                    continue
                typed = float(number.group(1))
                decimals = len(number.group(1).partition(".")[2])
                cube = cell.value / 10000 if number.group(2) else cell.value
                if round(cube, decimals) != typed:
                    warnings.append(FigureWarning(phrase, number.group(0), indicator, cell.region, period,
                                                  cell.value))
    return warnings

