"""Open-data tables of public indicators, read from the cube as an anonymous visitor may read them.

The one scope check (`ipgov.core.scope.check_cell`, under the anonymous actor) decides: a non-public
indicator is refused here as it is in `indicators.services.query`. Values are rounded as published
(`indicators.services.round_value`), so the page, the CSV and `query` agree cell by cell.
"""

from __future__ import annotations

from dataclasses import dataclass

from ipgov.core.actor import Actor, acting_as
from ipgov.core.scope import check_cell
from ipgov.indicators import catalogue
from ipgov.indicators.choices import ObservationStatus
from ipgov.indicators.models import Observation
from ipgov.indicators.opendata import per_cube_run
from ipgov.indicators.services import round_value

PROVINCE = "410000"


@dataclass
class Table:
    indicator: catalogue.Indicator
    regions: list[tuple[str, str]]  # (code, name): the province, then the city-level units
    periods: list[str]  # ascending
    values: dict[tuple[str, str], float | int]  # (region, period) -> value as published

    def rows(self):
        return [(code, name, [self.values.get((code, p)) for p in self.periods]) for code, name in self.regions]


def public_indicators() -> list[catalogue.Indicator]:
    return [ind for ind in catalogue.indicators() if ind.public]


def regions() -> list[tuple[str, str]]:
    from ipgov.regions.models import Region
    from ipgov.regions.services import city_level_units

    return [(PROVINCE, Region.objects.get(code=PROVINCE).name)] + [(u.code, u.name) for u in
                                                                   city_level_units(PROVINCE).order_by("code")]


def table(indicator_id: str, kind: str | None = None) -> Table:
    """The region × period table of totals; `kind` limits the periods (year, half …; default: years when
    there are any). UnknownIndicator or OutOfScope for what the public may not see."""
    ind = catalogue.get(indicator_id)
    with acting_as(Actor.anonymous()):
        check_cell(ind, PROVINCE)
    return per_cube_run("portal-table", lambda: _table(ind, kind), ind.id, kind)  # the same for every visitor


def _table(ind, kind: str | None) -> Table:
    units = regions()
    rows = Observation.objects.filter(indicator=ind.id, breakdown="", status=ObservationStatus.COMPUTED,
                                      region__in=[c for c, _n in units])
    if kind:
        rows = rows.filter(period_kind=kind)
    elif rows.filter(period_kind="year").exists():
        rows = rows.filter(period_kind="year")
    values = {(o.region_id, o.period): round_value(ind, o.value) for o in rows}
    periods = sorted({p for _r, p in values})
    return Table(ind, units, periods, values)
