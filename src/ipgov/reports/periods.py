"""Report periods as the cube names them (`2019`, `2020H1`, `2020Q3`, `2020-03`, `2017..2019`) and how
a report writes them (2019年, 2020年上半年, 2020年三季度, 2020年3月, 2017-2019年). Labels only: which
records a period covers is the indicator engine's business."""

from __future__ import annotations

import re
from dataclasses import dataclass

_PATTERN = re.compile(r"^(?P<y>\d{4})(?:(?P<kind>[HQ]|-)(?P<n>\d{1,2}))?(?:(?:\.\.|-)(?P<y2>\d{4}))?$")
_QUARTERS = {1: "一季度", 2: "二季度", 3: "三季度", 4: "四季度"}


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    code: str
    year: int          # the (last) year the period falls in
    kind: str          # "Y", "H", "Q", "M" or "R" (a range of whole years)
    n: int = 0         # half, quarter or month number
    first_year: int = 0

    @property
    def label(self) -> str:
        if self.kind == "Y":
            return f"{self.year}年"
        if self.kind == "H":
            return f"{self.year}年{'上' if self.n == 1 else '下'}半年"
        if self.kind == "Q":
            return f"{self.year}年{_QUARTERS[self.n]}"
        if self.kind == "M":
            return f"{self.year}年{self.n}月"
        return f"{self.first_year}-{self.year}年"

    @property
    def is_subannual(self) -> bool:
        return self.kind in {"H", "Q", "M"}

    @property
    def months(self) -> list[str]:
        """The months the period covers, as cube period codes (2020H1 → 2020-01 … 2020-06)."""
        if self.kind == "Y":
            span = range(1, 13)
        elif self.kind == "H":
            span = range(6 * self.n - 5, 6 * self.n + 1)
        elif self.kind == "Q":
            span = range(3 * self.n - 2, 3 * self.n + 1)
        elif self.kind == "M":
            span = range(self.n, self.n + 1)
        else:
            return [f"{y}-{m:02d}" for y in range(self.first_year, self.year + 1) for m in range(1, 13)]
        return [f"{self.year}-{m:02d}" for m in span]

    def shifted(self, years: int) -> Period:
        """The same period `years` later (negative: earlier): 2020H1 shifted -1 → 2019H1."""
        if self.kind == "R":
            return parse(f"{self.first_year + years}..{self.year + years}")
        return parse(f"{self.year + years}{self.code[4:]}")

    @property
    def end_label(self) -> str:
        """The period's last day, for stocks: 2020H1 → 2020年6月30日."""
        import calendar

        month = 12 if self.kind in {"Y", "R"} else self.months[-1]
        month = month if isinstance(month, int) else int(month[5:])
        return f"{self.year}年{month}月{calendar.monthrange(self.year, month)[1]}日"

    @property
    def full_year(self) -> Period:
        return parse(str(self.year))

    def __str__(self) -> str:
        return self.code


def parse(code: str) -> Period:
    m = _PATTERN.match((code or "").strip())
    if not m:
        raise PeriodError(f"bad period {code!r}: expected 2019, 2020H1, 2020Q3, 2020-03 or 2017..2019")
    y = int(m["y"])
    if m["y2"]:
        if m["kind"] or int(m["y2"]) < y:
            raise PeriodError(f"bad period range {code!r}: expected e.g. 2017..2019")
        return Period(code=f"{y}..{m['y2']}", year=int(m["y2"]), kind="R", first_year=y)
    if not m["kind"]:
        return Period(code=m.group(0), year=y, kind="Y", first_year=y)
    kind, n = ("M" if m["kind"] == "-" else m["kind"]), int(m["n"])
    if not 1 <= n <= {"H": 2, "Q": 4, "M": 12}[kind]:
        raise PeriodError(f"bad period {code!r}: {kind}{n} is out of range")
    canonical = f"{y}-{n:02d}" if kind == "M" else f"{y}{kind}{n}"
    return Period(code=canonical, year=y, kind=kind, n=n, first_year=y)
