"""Read services of the cube: what reports, dashboards, the API and `ipgov indicator` call.

`read_cells(blocks)` is the batch form a page uses: every cell of several indicator × region × period
blocks in one query (and one scope check), each with the same YoY as `query`. Inside
`with prefetched(blocks):` `query` itself answers the cells the blocks name from that one read, so a page
or report that asks cell by cell costs one read: name the cells first, then ask as before.

`query(indicator_id, region_code, period, by=None)` returns the observations of one indicator for one
region and period — the total, or one row per value of the breakdown `by` — each with its YoY against
the same period a year earlier (from unrounded values) and the computation run that produced it.

Reads run under the current actor (`ipgov.core.actor`; none: NoActorError) and are scoped by
`ipgov.core.scope.check_cell`: public indicators for every region, the others within the reader's scope
(OutOfScope otherwise) — so no caller has to remember the check.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass
from functools import reduce
from operator import or_

from django.db.models import Q

from ipgov.core import periods
from ipgov.core.choices import PeriodKind
from ipgov.core.scope import check_cell, check_cells
from ipgov.indicators import catalogue
from ipgov.indicators.choices import ObservationStatus
from ipgov.indicators.models import Observation
from ipgov.regions import cache as region_cache


class UnknownBreakdown(ValueError):
    pass


@dataclass(frozen=True)
class ObservationResult:
    indicator: str
    region: str
    period: str
    breakdown: str  # "" for the total, else "dimension=value"
    value: float | int  # in the unit's base (件, 元, 件/万人), rounded to the indicator's decimals
    unit: str
    yoy: float | None  # fraction (0.214 = +21.4%), to the precision the indicator quotes
    status: str
    run_id: int | None
    raw_value: float | None = None  # unrounded, as stored

    def as_dict(self) -> dict:
        return asdict(self)


def round_value(ind: catalogue.Indicator, value: float) -> float | int:
    if ind.unit == "%":  # fractions: keep the quoted precision in percent
        return round(value, ind.decimals + 2)
    return int(round(value)) if ind.decimals == 0 else round(value, ind.decimals)


def round_yoy(ind: catalogue.Indicator, yoy: float | None) -> float | None:
    return None if yoy is None else round(yoy, ind.yoy_decimals + 2)


def yoy(value: float | None, prior: float | None) -> float | None:
    """value ÷ prior − 1; None when there is no prior value or it is zero."""
    if value is None or not prior:
        return None
    return value / prior - 1


def breakdown_prefix(ind: catalogue.Indicator, by: str | None) -> str | None:
    if not by:
        return None
    if by not in ind.breakdowns:
        shown = ", ".join(ind.breakdowns) or "none"
        raise UnknownBreakdown(f"indicator {ind.id!r} has no breakdown {by!r} (it has: {shown})")
    return f"{by}="


def query(indicator_id: str, region_code: str, period: str, by: str | None = None,
          status: str = ObservationStatus.COMPUTED) -> list[ObservationResult]:
    ind = catalogue.get(indicator_id)
    read = _prefetched.get()
    if read is not None:
        found = read.answer(ind, region_code, period, by, status)
        if found is not None:
            return found
    region = region_cache.get(region_code)
    check_cell(ind, region.code)
    p = periods.parse(period)
    prefix = breakdown_prefix(ind, by)
    rows = Observation.objects.filter(indicator=ind.id, region=region, period=p.code, status=status)
    rows = rows.filter(breakdown__startswith=prefix) if prefix else rows.filter(breakdown="")
    rows = list(rows.order_by("breakdown"))
    prior = {
        o.breakdown: o.value
        for o in Observation.objects.filter(indicator=ind.id, region=region, period=p.shifted(-1).code,
                                            status=status, breakdown__in=[r.breakdown for r in rows])
    }
    return [
        ObservationResult(
            indicator=ind.id, region=region.code, period=p.code, breakdown=o.breakdown,
            value=round_value(ind, o.value), unit=o.unit,
            yoy=round_yoy(ind, o.reported_yoy if o.reported_yoy is not None else yoy(o.value, prior.get(o.breakdown))),
            status=o.status, run_id=o.run_id, raw_value=o.value,
        )
        for o in rows
    ]


def register_kept(indicator_id: str) -> bool:
    """Whether the office records what the indicator counts at all: a computed cell of it that is not zero, in
    any region and period. Without one, a zero says the records were never entered, not that nothing
    happened (a report then leaves the sentence out instead of writing "尚无…"). One index lookup."""
    return Observation.objects.filter(indicator=indicator_id, status=ObservationStatus.COMPUTED).exclude(
        value=0).exists()


def value(indicator_id: str, region_code: str, period: str) -> float | int | None:
    """The computed total, rounded as published, or None when the cube has no such cell."""
    rows = query(indicator_id, region_code, period)
    return rows[0].value if rows else None


Block = tuple[Iterable[str], Iterable[str], Iterable[str]]  # indicator ids × region codes × period codes


class Cells(dict):
    """(indicator, region, period, breakdown) → ObservationResult, as `read_cells` found them; `asked`
    holds every (indicator, region, period) the blocks named, found or not."""

    def __init__(self):
        super().__init__()
        self.asked: set[tuple[str, str, str]] = set()
        self.breakdowns = False
        self.status = ObservationStatus.COMPUTED

    def total(self, indicator_id: str, region_code: str, period: str) -> ObservationResult | None:
        return self.get((indicator_id, region_code, period, ""))

    def rows(self, indicator_id: str, region_code: str, period: str) -> list[ObservationResult]:
        """The cell's total and breakdown rows, ordered by breakdown as `query` orders them."""
        if not hasattr(self, "_rows"):
            self._rows: dict[tuple, list[ObservationResult]] = {}
            for key in sorted(self):
                self._rows.setdefault(key[:3], []).append(self[key])
        return self._rows.get((indicator_id, region_code, period), [])


class _Prefetched:
    """The reads of `prefetched`, one per status, and the region table they were checked against."""

    def __init__(self, reads: dict[str, Cells], regions: dict):
        self.reads, self.regions = reads, regions

    def answer(self, ind, region_code: str, period: str, by: str | None, status: str):
        """`query`'s answer when the read holds it, else None (then `query` reads the cell itself)."""
        read = self.reads.get(status)
        region = self.regions.get((region_code or "").strip())
        if read is None or region is None or (by and not read.breakdowns):
            return None
        try:
            code = periods.parse(period).code
        except ValueError:
            return None
        if (ind.id, region.code, code) not in read.asked:
            return None
        prefix = breakdown_prefix(ind, by)
        rows = read.rows(ind.id, region.code, code)
        return [r for r in rows if r.breakdown.startswith(prefix)] if prefix else [r for r in rows if not r.breakdown]


_prefetched: ContextVar[_Prefetched | None] = ContextVar("cube_prefetched", default=None)


def read_ahead(blocks: Iterable[Block], breakdowns: bool = False,
               statuses: Iterable[str] = (ObservationStatus.COMPUTED,)) -> _Prefetched:
    """One read per status of every cell the blocks name (scope checked now), for `answering`."""
    blocks = [(list(i), list(r), list(p)) for i, r, p in blocks]
    reads = {status: read_cells(blocks, breakdowns, status) for status in statuses}
    return _Prefetched(reads, region_cache.regions())


@contextmanager
def answering(read: _Prefetched):
    """Within the block, `query` answers the cells `read` holds from it (same values, YoY and scope as
    asking one by one); other cells are read as usual."""
    token = _prefetched.set(read)
    try:
        yield read.reads
    finally:
        _prefetched.reset(token)


def prefetched(blocks: Iterable[Block], breakdowns: bool = False,
               statuses: Iterable[str] = (ObservationStatus.COMPUTED,)):
    """`with prefetched(blocks):` — read the blocks' cells at once, then ask `query` cell by cell."""
    return answering(read_ahead(blocks, breakdowns, statuses))


def read_cells(blocks: Iterable[Block], breakdowns: bool = False,
               status: str = ObservationStatus.COMPUTED) -> Cells:
    """Every cell of the indicator × region × period blocks — totals only, or with every breakdown — with
    its YoY, in one query (the prior periods fetched with them) after one scope check per block.
    A cell the cube does not have is absent. Unknown indicators, regions and periods raise as in `query`."""
    wanted, asked, inds, checks = [], set(), {}, []
    table = region_cache.regions()
    for ind_ids, region_codes, period_codes in blocks:
        block_inds = [inds.setdefault(i, catalogue.get(i)) for i in ind_ids]
        block_codes = [region_cache.get(c, table).code for c in region_codes]
        block_periods = [periods.parse(p) for p in period_codes]
        if not (block_inds and block_codes and block_periods):
            continue
        checks.append((block_inds, block_codes))
        both = {p.code for p in block_periods} | {p.shifted(-1).code for p in block_periods}
        wanted.append(Q(indicator__in=[i.id for i in block_inds], region_id__in=block_codes, period__in=both))
        asked.update((i.id, c, p.code, p.shifted(-1).code) for i in block_inds for c in block_codes
                     for p in block_periods)
    for block_inds, block_codes in checks:  # per block: a city block of public indicators stays readable
        check_cells(block_inds, block_codes)
    out = Cells()
    out.asked = {(i, c, p) for i, c, p, _prior in asked}
    out.breakdowns, out.status = breakdowns, status
    if not wanted:
        return out
    rows = Observation.objects.filter(reduce(or_, wanted), status=status)
    if not breakdowns:
        rows = rows.filter(breakdown="")
    found = {
        (i, r, p, b): (v, u, y, s, run)
        for i, r, p, b, v, u, y, s, run in rows.values_list(
            "indicator", "region_id", "period", "breakdown", "value", "unit", "reported_yoy", "status", "run_id")
    }
    by_cell: dict[tuple, list[str]] = {}
    for i, r, p, b in found:
        by_cell.setdefault((i, r, p), []).append(b)
    for ind_id, code, period, prior_period in asked:
        ind = inds[ind_id]
        for b in by_cell.get((ind_id, code, period), ()):
            v, unit, reported_yoy, st, run = found[(ind_id, code, period, b)]
            prior = found.get((ind_id, code, prior_period, b))
            change = reported_yoy if reported_yoy is not None else yoy(v, prior[0] if prior else None)
            out[(ind_id, code, period, b)] = ObservationResult(
                indicator=ind_id, region=code, period=period, breakdown=b, value=round_value(ind, v), unit=unit,
                yoy=round_yoy(ind, change), status=st, run_id=run, raw_value=v)
    return out



def months_sum(cells: Cells, indicator_id: str, region_code: str, months: list[str], breakdown: str = ""
               ) -> ObservationResult | None:
    """A flow over `months` (month codes): the cube's month cells in `cells` summed, as the catalogue's `ytd`
    formula sums them, with the YoY against the same months a year earlier (from unrounded values). `cells`
    must hold both years' months (`read_cells` of them; with breakdowns for a breakdown). The cube keeps no
    breakdown cell whose count is zero: a breakdown absent where the month's total is present counts 0.
    None when a month is absent from the cube; the YoY is None when a month of the year before is."""
    ind = catalogue.get(indicator_id)
    if ind.kind != "flow":
        raise ValueError(f"{indicator_id}: a sum of months is defined for flows only")

    def total(codes):
        values, rows = 0.0, []
        for code in codes:
            found = cells.get((ind.id, region_code, code, breakdown))
            if found is None and breakdown and (ind.id, region_code, code, "") in cells:
                found = cells[(ind.id, region_code, code, "")]
                found = ObservationResult(ind.id, region_code, code, breakdown, 0, found.unit, None, found.status,
                                          found.run_id, 0.0)
            if found is None:
                return None
            values += found.raw_value
            rows.append(found)
        return values, rows

    now = total(months)
    if now is None:
        return None
    before = total([periods.parse(m).shifted(-1).code for m in months])
    value, rows = now
    runs = [r.run_id for r in rows if r.run_id is not None]
    return ObservationResult(
        indicator=ind.id, region=region_code, period=months[0] if len(months) == 1 else f"{months[0]}..{months[-1]}",
        breakdown=breakdown, value=round_value(ind, value), unit=rows[-1].unit,
        yoy=round_yoy(ind, yoy(value, before and before[0])), status=rows[-1].status,
        run_id=max(runs) if runs else None, raw_value=value)


def year_to_date(cells: Cells, indicator_id: str, region_code: str, month: str, breakdown: str = ""
                 ) -> ObservationResult | None:
    """A flow from January to `month` (the 1—6月 of a monthly bulletin): `months_sum` of those months."""
    p = periods.parse(month)
    if p.kind != PeriodKind.MONTH:
        raise ValueError(f"{month}: year to date ends with a month, e.g. 2020-06")
    return months_sum(cells, indicator_id, region_code, [f"{p.year}-{m:02d}" for m in range(1, p.number + 1)],
                      breakdown)
