"""The in-UI help of an indicator (指标说明), from the catalogue: definition, unit, source, counting rule
— in the active language — and which kinds of figure (computed, reported, estimated) the cube holds
for a cell. What a "?" beside a figure opens."""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ipgov.core import periods
from ipgov.core.scope import check_cell
from ipgov.indicators import catalogue, units
from ipgov.indicators.choices import ObservationStatus
from ipgov.indicators.models import Observation


def _zh() -> bool:
    return (get_language() or "zh").lower().startswith("zh")


def _field_label(ind: catalogue.Indicator, name: str | None) -> str:
    """A source column's name as its model field is labelled (translated): filing_date → 申请日."""
    if not name:
        return ""
    source = catalogue.default().sources.get(ind.source) if ind.source else None
    if source is None:
        return name
    try:
        return str(apps.get_model(source.model)._meta.get_field(name).verbose_name)
    except (LookupError, FieldDoesNotExist):
        return name


def _name(indicator_id: str) -> str:
    try:
        ind = catalogue.get(indicator_id)
    except LookupError:
        return indicator_id
    return ind.name_zh if _zh() else ind.name_en


FORMULA_LABELS = {
    "per_10k_population": lambda: _("per 10,000 resident population"),
    "share": lambda: _("share of the first in the second"),
    "sum": lambda: _("sum"),
    "yoy": lambda: _("change on the same period a year earlier"),
    "ytd": lambda: _("year to date"),
    "trailing_years": lambda: _("over the trailing years"),
}


def counting_rule(ind: catalogue.Indicator) -> str:
    """How a record is counted, one sentence in the active language, built from the catalogue entry."""
    if ind.is_derived:
        formula = FORMULA_LABELS.get(ind.formula, lambda: ind.formula or "")()
        return _("Derived: %(formula)s, from %(inputs)s.") % {
            "formula": formula, "inputs": "、".join(_name(i) for i in ind.inputs)}
    how = (_("summing %(measure)s") % {"measure": _field_label(ind, ind.measure)} if ind.measure
           else _("one per record"))
    if ind.is_stock:
        end = (_(", and not ended by %(end)s") % {"end": _field_label(ind, ind.end)}) if ind.end else ""
        return _("Stock on the period's last day: records whose %(date)s is on or before it%(end)s, %(how)s, "
                 "placed in the record's region.") % {"date": _field_label(ind, ind.date), "end": end, "how": how}
    return _("Flow: records whose %(date)s falls in the period, %(how)s, placed in the record's region.") % {
        "date": _field_label(ind, ind.date), "how": how}


def source_label(ind: catalogue.Indicator) -> str:
    """Where the figures come from: the register's records (专利, 商标 …), or the inputs of a derived one."""
    if ind.is_derived or not ind.source:
        return _("computed from other indicators")
    source = catalogue.default().sources.get(ind.source)
    try:
        model = apps.get_model(source.model)
    except (LookupError, AttributeError):
        return ind.source
    return _("the register: %(records)s") % {"records": model._meta.verbose_name_plural}


def explain(ind: catalogue.Indicator) -> dict:
    """{id, name, definition, unit, source, rule, kind} of one indicator in the active language."""
    definition = ind.definition_zh if _zh() and ind.definition_zh else ("" if _zh() else ind.definition)
    return {"id": ind.id, "name": ind.name_zh if _zh() else ind.name_en,
            "definition": definition or counting_rule(ind), "unit": units.label(ind.unit),
            "source": source_label(ind), "rule": counting_rule(ind)}


def statuses(indicator_ids: list[str], region_code: str, period: str) -> dict[str, list[tuple[str, str]]]:
    """{indicator: [(status, label)]} the kinds of figure the cube holds for the region's total cell of the
    period (computed, reported, estimated), in one query; readable cells only."""
    readable = []
    for indicator_id in indicator_ids:
        try:
            ind = catalogue.get(indicator_id)
        except LookupError:
            continue
        check_cell(ind, region_code)
        readable.append(ind.id)
    p = periods.parse(period)
    rows = (Observation.objects.filter(indicator__in=readable, region_id=region_code, period=p.code, breakdown="")
            .values_list("indicator", "status").distinct())
    labels = dict(ObservationStatus.choices)
    out: dict[str, list[tuple[str, str]]] = {}
    for indicator, status in sorted(rows):
        out.setdefault(indicator, []).append((status, str(labels.get(status, status))))
    return out
