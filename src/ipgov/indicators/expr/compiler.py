"""Compile catalogue indicators to engine-neutral Ibis expressions (no connection objects here).

For one base indicator the expression yields the monthly increments of the cube, already rolled up
to every region level, in columns

    code (region code) · month (yyyymm) · bkey (breakdown key, "" for the total) · bval · n

A flow adds `n` records (or the summed measure) to the month of its placing date. A stock adds +1 in
the month it starts and −1 in the month it ends (at the latest of the two, so a record that ends before
it starts never counts); the stock at a month's end is the running sum, taken by `cube.py`.
Months before the window collapse into one opening month (`window_first − 1`, the stock brought
forward); months after it are dropped.

Region rollup: each record counts once for its own code, once for its city-level unit (when that is
another code) and once for its province (when that is yet another code) — the `Region.city` and
`Region.province` columns, so a city includes its counties and zones and a retired county code still
counts for its city. Records without a region count nowhere.
"""

from __future__ import annotations

import ibis
from ibis import _

from ipgov.indicators.catalogue import Indicator, Source

REGIONS = "regions"  # the regions table: code, city_id, province_id
TOTAL = ""


def month_of(col: ibis.Value) -> ibis.Value:
    return col.year().cast("int64") * 100 + col.month().cast("int64")


def previous_month(yyyymm: int) -> int:
    y, m = divmod(yyyymm, 100)
    return (y - 1) * 100 + 12 if m == 1 else yyyymm - 1


def next_month(yyyymm: int) -> int:
    y, m = divmod(yyyymm, 100)
    return (y + 1) * 100 + 1 if m == 12 else yyyymm + 1


def _filters(ind: Indicator, t: ibis.Table) -> list[ibis.Value]:
    preds = []
    for column, wanted in ind.filters.items():
        preds.append(t[column].isin(wanted) if isinstance(wanted, list) else t[column] == wanted)
    return preds


def _increments(ind: Indicator, source: Source, t: ibis.Table, first: int, last: int,
                sign: str | None = None) -> ibis.Table:
    """Rows (region, month, <breakdown columns>, w): one per record event inside the window."""
    dims = list(dict.fromkeys(ind.breakdowns.values()))
    base = t.filter(t[ind.date].notnull(), t[source.region].notnull(), *_filters(ind, t))

    def weight_of(rows: ibis.Table) -> ibis.Value:
        weight = rows[ind.measure].cast("float64") if ind.measure else ibis.literal(1.0)
        return weight * rows[sign] if sign else weight

    weight = weight_of(base)
    opening = previous_month(first)

    def rows(month: ibis.Value, factor: float) -> ibis.Table:
        return base.select(region=base[source.region], month=month, **{d: base[d] for d in dims},
                           w=weight * factor)

    start = month_of(base[ind.date])
    if not ind.is_stock:
        return rows(start, 1.0).filter(_.month >= first, _.month <= last)
    starts = rows(ibis.greatest(start, opening), 1.0)
    events = starts
    if ind.end:
        ended = base.filter(base[ind.end].notnull())
        end = ibis.greatest(month_of(ended[ind.end]), month_of(ended[ind.date]), opening)
        ends = ended.select(region=ended[source.region], month=end, **{d: ended[d] for d in dims},
                            w=weight_of(ended) * -1.0)
        events = starts.union(ends)
    return events.filter(_.month <= last)


def _rollup(leaf: ibis.Table, regions: ibis.Table) -> ibis.Table:
    r = regions.select(rcode=regions.code, city=regions.city_id, province=regions.province_id)
    j = leaf.join(r, leaf.region == r.rcode, how="left")
    own = j.select(code=j.region, month=j.month, bkey=j.bkey, bval=j.bval, n=j.n)
    city = j.filter(j.city.notnull(), j.city != j.region).select(
        code=j.city, month=j.month, bkey=j.bkey, bval=j.bval, n=j.n)
    province = j.filter(j.province.notnull(), j.province != j.region,
                        j.city.isnull() | (j.province != j.city)).select(
        code=j.province, month=j.month, bkey=j.bkey, bval=j.bval, n=j.n)
    return own.union(city).union(province).group_by("code", "month", "bkey", "bval").agg(n=_.n.sum().cast("float64"))


def compile_indicator(ind: Indicator, source: Source, table: ibis.Table, regions: ibis.Table,
                      first: int, last: int, sign: str | None = None) -> ibis.Table:
    """The monthly, region-rolled-up increments of a base indicator over [first, last] (yyyymm). `sign`
    names a column (+1 / −1) each record's weight is multiplied by (the incremental compute's rows
    entering and leaving the register, in one table)."""
    if ind.is_derived:
        raise ValueError(f"{ind.id} is derived: it is evaluated from other indicators, not compiled")
    inc = _increments(ind, source, table, first, last, sign)
    leaves = [inc.group_by("region", "month").agg(n=_.w.sum().cast("float64")).mutate(
        bkey=ibis.literal(TOTAL), bval=ibis.literal(TOTAL))]
    for key, column in ind.breakdowns.items():
        leaves.append(inc.group_by("region", "month", bval=inc[column].cast("string").fill_null("")).agg(n=_.w.sum().cast("float64"))
                      .mutate(bkey=ibis.literal(key)))
    leaf = leaves[0].select("region", "month", "bkey", "bval", "n")
    for more in leaves[1:]:
        leaf = leaf.union(more.select("region", "month", "bkey", "bval", "n"))
    return _rollup(leaf, regions)
