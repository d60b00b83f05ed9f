"""`ipgov check`: reported figures against the computed cube, and against each other.

Differences: a computed value outside the reported one's quoted precision, or a YoY outside the quoted
YoY's precision. Contradictions: a count whose published value and YoY imply a prior-year count that is
not a whole number (the seed's "21 件, +54%": 21 / 1.54 = 13.6), or a reported prior-year figure that
the published YoY does not fit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ipgov.core import periods
from ipgov.indicators import catalogue, services
from ipgov.indicators.choices import ObservationStatus
from ipgov.indicators.models import Observation, reported_cells
from ipgov.indicators.reported import parse_yoy

COUNT_UNITS = {"件", "项", "家", "个", "所", "人次"}


@dataclass(frozen=True)
class Finding:
    kind: str  # "difference" | "missing" | "inconsistent" | "agrees"
    indicator: str
    region: str
    period: str
    breakdown: str
    reported: str
    computed: str
    message: str


def _computed(obs: Observation) -> Observation | None:
    return Observation.objects.filter(status=ObservationStatus.COMPUTED, indicator=obs.indicator,
                                      region_id=obs.region_id, period=obs.period,
                                      breakdown=obs.breakdown).first()


def implied_prior(value: float, tolerance: float, yoy: float, yoy_tolerance: float) -> tuple[float, float]:
    """The interval of prior-period values that the published value and YoY allow."""
    return (value - tolerance) / (1 + yoy + yoy_tolerance), (value + tolerance) / (1 + yoy - yoy_tolerance)


def _consistency(obs: Observation, ind: catalogue.Indicator) -> Finding | None:
    if obs.reported_yoy is None:
        return None
    _yoy, ytol = parse_yoy(obs.quoted_yoy)
    low, high = implied_prior(obs.value, obs.tolerance, obs.reported_yoy, ytol)
    base = dict(indicator=obs.indicator, region=obs.region_id, period=obs.period, breakdown=obs.breakdown,
                reported=f"{obs.quoted} {obs.quoted_yoy}", computed="")
    prior_code = periods.parse(obs.period).shifted(-1).code
    prior = Observation.objects.filter(status=ObservationStatus.REPORTED, indicator=obs.indicator,
                                       region_id=obs.region_id, period=prior_code,
                                       breakdown=obs.breakdown).first()
    if prior and not (low - prior.tolerance <= prior.value <= high + prior.tolerance):
        return Finding("inconsistent", **base, message=(
            _("%(yoy)s on %(quoted)s implies %(prior)s between %(low)s and %(high)s, but %(prior)s is reported "
              "as %(prior_quoted)s") % {"yoy": obs.quoted_yoy, "quoted": obs.quoted, "prior": prior_code,
                                       "low": f"{low:,.2f}", "high": f"{high:,.2f}", "prior_quoted": prior.quoted}))
    if ind.unit in COUNT_UNITS and obs.tolerance <= 0.5 and math.floor(high) < math.ceil(low):
        return Finding("inconsistent", **base, message=(
            _("%(yoy)s on %(quoted)s implies a %(prior)s count between %(low)s and %(high)s: no whole number — the "
              "published figures contradict each other") % {"yoy": obs.quoted_yoy, "quoted": obs.quoted,
                                                           "prior": prior_code, "low": f"{low:,.2f}",
                                                           "high": f"{high:,.2f}"}))
    return None


def check(region: str | None = None) -> list[Finding]:
    reported = reported_cells()
    if region:
        reported = reported.filter(region_id=region)
    findings: list[Finding] = []
    # sorted here, not by the query: asked to order, SQLite scans the cube's unique index instead of the
    # partial index of the few published cells
    for obs in sorted(reported.order_by(), key=lambda o: (o.indicator, o.region_id, o.period, o.breakdown)):
        try:
            ind = catalogue.get(obs.indicator)
        except catalogue.UnknownIndicator:
            continue
        if (bad := _consistency(obs, ind)) is not None:
            findings.append(bad)
        base = dict(indicator=obs.indicator, region=obs.region_id, period=obs.period, breakdown=obs.breakdown,
                    reported=f"{obs.quoted or obs.value} {obs.quoted_yoy}".strip())
        comp = _computed(obs)
        if comp is None:
            findings.append(Finding("missing", **base, computed="",
                                    message=_("no computed value: run `ipgov compute` over this period")))
            continue
        prior = Observation.objects.filter(status=ObservationStatus.COMPUTED, indicator=obs.indicator,
                                           region_id=obs.region_id, breakdown=obs.breakdown,
                                           period=periods.parse(obs.period).shifted(-1).code).first()
        comp_yoy = services.yoy(comp.value, prior.value if prior else None)
        shown = f"{services.round_value(ind, comp.value):,}" + (
            f" {comp_yoy * 100:+.{ind.yoy_decimals}f}%" if comp_yoy is not None else "")
        problems = []
        if abs(comp.value - obs.value) > obs.tolerance + 1e-9:
            problems.append(_("value differs by %(diff)s") % {"diff": f"{comp.value - obs.value:+,.{max(ind.decimals, 0)}f}"})
        if obs.reported_yoy is not None:
            _y, ytol = parse_yoy(obs.quoted_yoy)
            if comp_yoy is None:
                problems.append(_("no computed YoY (no prior period in the cube)"))
            elif abs(comp_yoy - obs.reported_yoy) > ytol + 1e-12:
                problems.append(_("YoY differs by %(points)s points") % {"points": f"{(comp_yoy - obs.reported_yoy) * 100:+.2f}"})
        findings.append(Finding("difference" if problems else "agrees", **base, computed=shown,
                                message=_("; ").join(problems) or _("within the published precision")))
    return findings
