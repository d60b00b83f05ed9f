"""Read services of the cube: what reports, dashboards, the API and `ipgov indicator` call.

`query(indicator_id, region_code, period, by=None)` returns the observations of one indicator for one
region and period — the total, or one row per value of the breakdown `by` — each with its YoY against
the same period a year earlier (from unrounded values) and the computation run that produced it.

Reads run under the current actor (`ipgov.core.actor`; none: NoActorError) and are scoped by
`ipgov.core.scope.check_cell`: public indicators for every region, the others within the reader's scope
(OutOfScope otherwise) — so no caller has to remember the check.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ipgov.core import periods
from ipgov.core.scope import check_cell
from ipgov.indicators import catalogue
from ipgov.indicators.choices import ObservationStatus
from ipgov.indicators.models import Observation
from ipgov.regions.services import get_region


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
    region = get_region(region_code)
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


def value(indicator_id: str, region_code: str, period: str) -> float | int | None:
    """The computed total, rounded as published, or None when the cube has no such cell."""
    rows = query(indicator_id, region_code, period)
    return rows[0].value if rows else None
