"""From monthly increments (what the executors return) to the cube's cells.

Flows: a period's value is the sum of its months. Stocks: the running sum of increments from the
opening month, taken at the period's last month. Both are one DuckDB statement over every base
indicator's increments joined to the window's periods (`base_cells`); `base_cells_pandas` is the same rule
written with pandas, kept as the reference the tests compare it with. Derived indicators are then evaluated
per region and period from their inputs' cells (never by adding regions or ratios), in pandas over the
totals: the engine has already reduced millions of records to (region × month × breakdown) rows.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from ipgov.core.choices import PeriodKind
from ipgov.core.periods import Period, parse, standard_periods
from ipgov.indicators.catalogue import Catalogue, Indicator
from ipgov.indicators.expr.compiler import TOTAL, next_month, previous_month

CELL = ["indicator", "code", "period", "breakdown"]
COLUMNS = [*CELL, "period_kind", "value"]


def window_periods(first: int, last: int) -> list[Period]:
    """Months, quarters, halves, years and every range of two or more whole years inside the window."""
    out = standard_periods(first, last)
    years = [p.end_year for p in out if p.kind == PeriodKind.YEAR]
    out += [parse(f"{a}..{b}") for a in years for b in years if b > a]
    return out


def _month_axis(first: int, last: int) -> list[int]:
    months, m = [], first
    while m <= last:
        months.append(m)
        m = next_month(m)
    return months


def _wide(inc: pd.DataFrame, months: list[int], opening: int | None) -> pd.DataFrame:
    """Series (code, breakdown) × months; an opening column holds the stock brought forward."""
    frame = inc.copy()
    frame["breakdown"] = np.where(frame["bkey"] == TOTAL, "",
                                  frame["bkey"] + "=" + frame["bval"].fillna("").replace("", "unknown"))
    cols = ([opening] if opening is not None else []) + months
    wide = frame.pivot_table(index=["code", "breakdown"], columns="month", values="n", aggfunc="sum")
    return wide.reindex(columns=cols, fill_value=0.0).fillna(0.0)


def base_cells_pandas(ind: Indicator, inc: pd.DataFrame, first: int, last: int, codes: list[str],
                      plist: list[Period]) -> pd.DataFrame:
    months = _month_axis(first, last)
    opening = previous_month(first) if ind.is_stock else None
    wide = _wide(inc, months, opening)
    totals = pd.MultiIndex.from_product([codes, [""]], names=["code", "breakdown"])
    wide = wide.reindex(wide.index.union(totals), fill_value=0.0)
    if ind.is_stock:
        level = wide.cumsum(axis=1)
        values = {p.code: level[p.last] for p in plist}
    else:
        values = {p.code: wide[p.months].sum(axis=1) for p in plist}
    out = pd.DataFrame(values)
    out.columns.name = "period"
    long = out.stack().rename("value").reset_index()
    long = long[(long["breakdown"] == "") | (long["value"] != 0)]
    kinds = {p.code: p.kind for p in plist}
    long["period_kind"] = long["period"].map(kinds)
    long["indicator"] = ind.id
    return long[COLUMNS]


# The base cells in steps on one connection (relations `increments`, `kinds`, `dp` with its row number
# `did`, `codes`): the rule of `base_cells_pandas`. The statements group and leave the engine as integers —
# row of `dp` (indicator and period), region, breakdown — and values: DuckDB's export of 5M rows of strings
# cost more than the statements. Arrow puts the strings back from the small dictionaries, and the totals
# (every region's of every indicator and period, most of them zero) are laid out densely by numpy.
BASE_STEPS = [
    """CREATE OR REPLACE TEMP TABLE inc AS
    SELECT i.indicator, i.code, i.month, i.n, k.is_stock,
           CASE WHEN i.bkey = '' THEN '' ELSE i.bkey || '=' || COALESCE(NULLIF(i.bval, ''), 'unknown') END AS breakdown
    FROM increments i JOIN kinds k USING (indicator)
    WHERE i.month BETWEEN $first AND $last OR (k.is_stock AND i.month = $opening)""",
    # every region has a total for every period, zero when it has no records
    """CREATE OR REPLACE TEMP TABLE cx AS
    SELECT code, CAST(row_number() OVER (ORDER BY code) - 1 AS INTEGER) AS cid
    FROM (SELECT code FROM codes UNION SELECT code FROM inc)""",
    """CREATE OR REPLACE TEMP TABLE bx AS
    SELECT breakdown, CAST(row_number() OVER (ORDER BY breakdown) - 1 AS INTEGER) AS bid
    FROM (SELECT '' AS breakdown UNION SELECT breakdown FROM inc WHERE breakdown IS NOT NULL)""",  # '' first
    # a flow sums its period's months; a stock every month up to the period's last
    """CREATE OR REPLACE TEMP TABLE sums AS
    SELECT p.did, c.cid, b.bid, SUM(inc.n) AS value
    FROM inc JOIN dp p ON p.indicator = inc.indicator AND inc.month <= p.last
                          AND (inc.is_stock OR inc.month >= p.first)
    JOIN cx c ON c.code IS NOT DISTINCT FROM inc.code JOIN bx b ON b.breakdown = inc.breakdown
    GROUP BY p.did, c.cid, b.bid""",
]
# a region's total: its sum (a NULL code's stays zero, as the join on codes gave it before)
TOTALS_SQL = "SELECT s.did, s.cid, s.value FROM sums s JOIN cx c USING (cid) WHERE s.bid = 0 AND c.code IS NOT NULL"
BREAKDOWNS_SQL = "SELECT did, cid, bid, value FROM sums WHERE bid > 0 AND value <> 0"
# the totals of some base indicators (`$ids`) as rows, for the derived indicators' statements
INPUT_TOTALS_SQL = """
INSERT INTO cells
SELECT d.indicator, c.code, d.period, '' AS breakdown, d.kind AS period_kind,
       CASE WHEN c.code IS NULL THEN 0.0 ELSE COALESCE(s.value, 0.0) END AS value
FROM (SELECT * FROM dp WHERE list_contains($ids, indicator)) d
CROSS JOIN cx c LEFT JOIN sums s ON s.did = d.did AND s.cid = c.cid AND s.bid = 0"""


def _decode(indices: np.ndarray, values: pa.Array) -> pa.Array:
    return pa.DictionaryArray.from_arrays(pa.array(indices, pa.int32()), values).cast(pa.large_string())


def _base_arrow(con, dp: pd.DataFrame, base: list[str], first: int, last: int) -> pa.Table:
    """The base cells (`base`: the indicators of `kinds`) as Arrow, the steps' tables left in `con`."""
    params = {"first": first, "last": last, "opening": previous_month(first)}
    for k, step in enumerate(BASE_STEPS):
        con.execute(step, params if k == 0 else None)
    axis = lambda sql: con.sql(sql).to_arrow_table().column(0).combine_chunks().cast(pa.large_string())  # noqa: E731
    codes, breakdowns = axis("SELECT code FROM cx ORDER BY cid"), axis("SELECT breakdown FROM bx ORDER BY bid")
    column = lambda name: pa.array(dp[name].to_numpy(dtype=object), pa.large_string())  # noqa: E731
    # the totals: every (row of dp of a base indicator) × region, zero where the statements found nothing
    rows = np.flatnonzero(dp["indicator"].isin(base).to_numpy())
    place = np.full(len(dp), -1, dtype=np.int64)
    place[rows] = np.arange(len(rows))
    n = len(codes)
    found = con.sql(TOTALS_SQL).to_arrow_table()
    values = np.zeros(len(rows) * n)
    values[place[found["did"].to_numpy()] * n + found["cid"].to_numpy()] = found["value"].to_numpy()
    did = np.repeat(rows, n)
    totals = pa.record_batch({
        "indicator": _decode(did, column("indicator")),
        "code": pa.concat_arrays([codes] * len(rows)) if len(rows) else codes.slice(0, 0),
        "period": _decode(did, column("period")), "breakdown": pa.repeat(pa.scalar("", pa.large_string()), len(did)),
        "period_kind": _decode(did, column("kind")), "value": pa.array(values, pa.float64())})
    split = con.sql(BREAKDOWNS_SQL).to_arrow_table()
    did = split["did"].to_numpy()
    breakdowns = pa.record_batch({
        "indicator": _decode(did, column("indicator")), "code": _decode(split["cid"].to_numpy(), codes),
        "period": _decode(did, column("period")), "breakdown": _decode(split["bid"].to_numpy(), breakdowns),
        "period_kind": _decode(did, column("kind")), "value": split["value"].combine_chunks()})
    return pa.Table.from_batches([totals, breakdowns])


def _register_base(con, catalogue: Catalogue, stacked, base: list[str], dp: pd.DataFrame, codes: list[str]) -> None:
    for name, frame in (("increments", stacked), ("dp", dp.assign(did=np.arange(len(dp), dtype=np.int32))),
                        ("kinds", pd.DataFrame({"indicator": base,
                                                "is_stock": [catalogue.get(i).is_stock for i in base]})),
                        ("codes", pd.DataFrame({"code": pd.Series(codes, dtype="string")}))):
        con.register(name, frame)


def base_cells(catalogue: Catalogue, increments: dict[str, pd.DataFrame] | pa.Table, first: int, last: int,
               codes: list[str], plist: list[Period], indicators: list[str] | None = None) -> pd.DataFrame:
    """Every base indicator's cells for the window's periods, assembled by DuckDB from the monthly
    increments (columns code, bkey, bval, month, n; a stock's opening balance at the month before the
    window): per indicator, or one Arrow table of them all with an `indicator` column (then `indicators`
    names those to assemble)."""
    stacked, ids = _stacked(catalogue, increments)
    ids = list(indicators or []) if isinstance(increments, pa.Table) else ids
    if not ids:
        return pd.DataFrame(columns=COLUMNS)
    dp = pd.DataFrame([(i, p.code, str(p.kind), p.first, p.last) for i in ids for p in plist],
                      columns=["indicator", "period", "kind", "first", "last"])
    with duckdb.connect() as con:
        _register_base(con, catalogue, stacked, ids, dp, codes)
        out = _base_arrow(con, dp, ids, first, last).to_pandas()
    return out[COLUMNS]


class Populations:
    """Population of a region for a year: the latest year on or before it, else the earliest."""

    def __init__(self, rows: list[tuple[str, int, int]]):
        self.by_code: dict[str, list[tuple[int, int]]] = {}
        for code, year, value in sorted(rows):
            self.by_code.setdefault(code, []).append((year, value))

    def get(self, code: str, year: int) -> float:
        years = self.by_code.get(code)
        if not years:
            return np.nan
        before = [v for y, v in years if y <= year]
        return float(before[-1] if before else years[0][1])


def _totals(cells: pd.DataFrame, ind_id: str) -> pd.Series:
    rows = cells[(cells["indicator"] == ind_id) & (cells["breakdown"] == "")]
    return rows.set_index(["code", "period"])["value"]


def _monthly_cumulative(series: pd.Series, lo: int, hi: int) -> pd.DataFrame:
    """code × month cumulative sums, from month `lo` to `hi`, of a flow's month cells (for ytd / trailing
    windows)."""
    months = series[series.index.get_level_values("period").str.fullmatch(r"\d{4}-\d{2}")]
    wide = months.unstack("period")
    wide.columns = [int(c.replace("-", "")) for c in wide.columns]
    wide = wide.loc[:, [m for m in wide.columns if lo <= m <= hi]]
    return wide.sort_index(axis=1).cumsum(axis=1)


def _window_sum(cum: pd.DataFrame, start: int, end: int) -> pd.Series:
    if start not in cum.columns or end not in cum.columns:
        return pd.Series(np.nan, index=cum.index)
    before = previous_month(start)
    return cum[end] - (cum[before] if before in cum.columns else 0.0)


def window_start(ind: Indicator, p: Period) -> int:
    """First month of a year-to-date or trailing-years indicator's window ending at `p`."""
    if ind.formula == "ytd":
        return p.end_year * 100 + 1
    return next_month(p.last - ind.years * 100)  # the month after the same month N years earlier


def derived_cells(ind: Indicator, cells: pd.DataFrame, plist: list[Period], populations: Populations,
                  lookup: list[Period] | None = None) -> pd.DataFrame:
    """The indicator's cells for the periods of `plist`, from its inputs' cells (which may hold more
    periods: `lookup` then lists every period they can hold)."""
    inputs = [_totals(cells, i) for i in ind.inputs]
    by_code = {p.code: p for p in (lookup or plist)}
    if ind.formula == "sum":
        value = pd.concat(inputs, axis=1).sum(axis=1, min_count=len(inputs))
    elif ind.formula == "share":
        value = (inputs[0] / inputs[1].where(inputs[1] != 0)).dropna()
    elif ind.formula == "per_10k_population":
        x = inputs[0]
        years = [by_code[p].end_year for p in x.index.get_level_values("period")]
        pops = np.array([populations.get(c, y) for c, y in zip(x.index.get_level_values("code"), years,
                                                              strict=True)])
        value = x / (pops / 10_000)
    elif ind.formula == "yoy":
        x = inputs[0]
        prior_keys = [(c, by_code[p].shifted(-1).code) for c, p in x.index]
        prior = x.reindex(pd.MultiIndex.from_tuples(prior_keys, names=x.index.names)).to_numpy()
        value = pd.Series(np.where(prior > 0, x.to_numpy() / np.where(prior > 0, prior, 1) - 1, np.nan),
                          index=x.index)
    else:  # ytd, trailing_years: windows of months ending at the period's last month
        parts = []
        if plist:
            # the cumulative sums start at the earliest window's first month (or the first month there is:
            # a window starting before it has no value); months outside every window are left out
            present = [int(p.replace("-", "")) for p in inputs[0].index.get_level_values("period").unique()
                       if len(p) == 7 and p[4] == "-"]
            lo = max(min(window_start(ind, p) for p in plist), min(present, default=0))
            cum = _monthly_cumulative(inputs[0], lo, max(p.last for p in plist))
            for p in plist:
                s = _window_sum(cum, window_start(ind, p), p.last)
                parts.append(pd.DataFrame({"code": s.index, "period": p.code, "value": s.to_numpy()}))
        value = pd.concat(parts).set_index(["code", "period"])["value"] if parts else pd.Series(dtype=float)
    out = value.replace([np.inf, -np.inf], np.nan).dropna().rename("value").reset_index()
    if lookup is not None:
        out = out[out["period"].isin({p.code for p in plist})]
    out["indicator"] = ind.id
    out["breakdown"] = ""
    out["period_kind"] = out["period"].map({p.code: p.kind for p in plist})
    return out[COLUMNS]


DERIVED_SQL = {  # one derived indicator's cells from its inputs' totals (x0, x1 …) over the periods `dp`
    "sum": "SELECT x0.code, x0.period, {total} AS value FROM {joined}",
    "share": "SELECT x0.code, x0.period, x0.value / x1.value AS value FROM {joined} WHERE x1.value <> 0",
    "per_10k_population": """
        SELECT x0.code, x0.period, x0.value / (pop.value / 10000.0) AS value
        FROM {joined} JOIN pinfo p ON p.period = x0.period
        JOIN pops pop ON pop.code = x0.code AND pop.year = p.end_year""",
    "yoy": """
        SELECT x0.code, x0.period, x0.value / prior.value - 1 AS value
        FROM {joined} JOIN pinfo p ON p.period = x0.period
        JOIN x0 prior ON prior.code = x0.code AND prior.period = p.prior WHERE prior.value > 0""",
    # year to date, trailing years: the months of the window ending at the period's last month, when its
    # first and last months are months the input has (else no value)
    "window": """
        SELECT x0.code, w.period, SUM(x0.value) AS value
        FROM x0 JOIN pinfo m ON m.period = x0.period AND m.is_month
        JOIN windows w ON m.last BETWEEN w.start AND w.last
        WHERE w.start IN (SELECT last FROM present) AND w.last IN (SELECT last FROM present)
        GROUP BY x0.code, w.period""",
}


def _derived_sql(ind: Indicator) -> str:
    inputs = ", ".join(f"x{k} AS (SELECT code, period, value FROM cells WHERE indicator = $i{k} AND breakdown = '')"
                       for k in range(len(ind.inputs)))
    joined = " ".join(["x0"] + [f"JOIN x{k} USING (code, period)" for k in range(1, len(ind.inputs))])
    total = " + ".join(f"x{k}.value" for k in range(len(ind.inputs)))
    formula = "window" if ind.formula in ("ytd", "trailing_years") else ind.formula
    extra = (", present AS (SELECT DISTINCT m.last FROM x0 JOIN pinfo m ON m.period = x0.period AND m.is_month)"
             if formula == "window" else "")
    return f"""
INSERT INTO cells
WITH {inputs}{extra}, v AS ({DERIVED_SQL[formula].format(joined=joined, total=total)})
SELECT $id AS indicator, v.code, v.period, '' AS breakdown, p.kind AS period_kind, v.value
FROM v JOIN dp ON dp.indicator = $id AND dp.period = v.period JOIN pinfo p ON p.period = v.period
WHERE isfinite(v.value)"""


def _period_frame(plist: list[Period]) -> pd.DataFrame:
    def prior(p: Period) -> str | None:
        try:
            return p.shifted(-1).code
        except ValueError:
            return None

    return pd.DataFrame({"period": [p.code for p in plist], "kind": [str(p.kind) for p in plist],
                         "first": [p.first for p in plist], "last": [p.last for p in plist],
                         "end_year": [p.end_year for p in plist], "prior": [prior(p) for p in plist],
                         "is_month": [p.kind == PeriodKind.MONTH for p in plist]})


def _stacked(catalogue: Catalogue, increments: dict[str, pd.DataFrame] | pa.Table) -> tuple[object, list[str]]:
    """The increments as one relation with an `indicator` column, and the base indicators it holds."""
    if isinstance(increments, pa.Table):
        return increments, [i.id for i in catalogue.base_indicators()]
    frames = [inc[["code", "bkey", "bval", "month", "n"]].assign(indicator=i) for i, inc in increments.items()]
    if not frames:
        return pd.DataFrame(columns=["code", "bkey", "bval", "month", "n", "indicator"]), []
    stacked = pd.concat(frames, ignore_index=True)
    return stacked.astype({"code": "string", "bkey": "string", "bval": "string", "month": "int64",
                           "n": "float64"}), list(increments)


def assemble_arrow(catalogue: Catalogue, increments: dict[str, pd.DataFrame] | pa.Table, first: int, last: int,
                   codes: list[str], populations: Populations, plist: list[Period] | None = None,
                   cells_of: dict[str, list[Period]] | None = None, memory_limit: str | None = None,
                   sort: bool = False) -> pa.Table:
    """The cube's cells (`sort`: by indicator, region, period, breakdown — a third of the time on a national
    cube, and no reader needs it) as an Arrow table, assembled in one DuckDB connection: the base
    indicators' periods by `BASE_STEPS` (`_base_arrow`), then each derived indicator, in catalogue order,
    by a statement over its inputs' cells (`DERIVED_SQL`) — the rules of `base_cells_pandas` and
    `derived_cells`. `cells_of` (indicator → some of the window's periods) limits the cells to those (the
    incremental compute: the periods it recomputes and those they are derived from)."""
    plist = window_periods(first, last) if plist is None else plist
    stacked, present = _stacked(catalogue, increments)
    base = [i.id for i in catalogue.base_indicators() if i.id in present] if cells_of is None else [
        i.id for i in catalogue.base_indicators() if cells_of.get(i.id) and i.id in present]
    done = set(base)
    derived = []
    for ind in catalogue.derived_indicators():
        if (cells_of.get(ind.id) if cells_of is not None else all(i in done for i in ind.inputs)):
            derived.append(ind)
            done.add(ind.id)
    wanted = {i: (plist if cells_of is None else cells_of[i]) for i in [*base, *(d.id for d in derived)]}
    dp = pd.DataFrame([(i, p.code, str(p.kind), p.first, p.last) for i, ps in wanted.items() for p in ps],
                      columns=["indicator", "period", "kind", "first", "last"])
    years = sorted({p.end_year for p in plist})
    pops = pd.DataFrame([(c, y, populations.get(c, y)) for c in populations.by_code for y in years],
                        columns=["code", "year", "value"])
    # large strings: what pandas' string columns hold, so that to_pandas does not copy every value again
    config = {"arrow_large_buffer_size": True, **({"memory_limit": memory_limit} if memory_limit else {})}
    with duckdb.connect(config=config) as con:
        _register_base(con, catalogue, stacked, base, dp, codes)
        for name, frame in (("pinfo", _period_frame(plist)), ("pops", pops)):
            con.register(name, frame)
        con.execute("CREATE TABLE cells (indicator VARCHAR, code VARCHAR, period VARCHAR, breakdown VARCHAR, "
                    "period_kind VARCHAR, value DOUBLE)")  # the derived indicators' inputs and results
        base_cells = _base_arrow(con, dp, base, first, last) if base else None
        inputs = sorted({i for ind in derived for i in ind.inputs} & set(base))
        if base and inputs:
            con.execute(INPUT_TOTALS_SQL, {"ids": inputs})
        for ind in derived:
            params = {"id": ind.id, **{f"i{k}": i for k, i in enumerate(ind.inputs)}}
            if ind.formula in ("ytd", "trailing_years"):
                windows = pd.DataFrame([(p.code, window_start(ind, p), p.last) for p in wanted[ind.id]],
                                       columns=["period", "start", "last"])
                con.register("windows", windows)
            con.execute(_derived_sql(ind), params)
        parts = [base_cells] if base else []
        if derived:
            parts.append(con.sql("SELECT * FROM cells WHERE list_contains($ids, indicator)",
                                 params={"ids": [d.id for d in derived]}).to_arrow_table())
        if not parts:
            return con.sql("SELECT * FROM cells").to_arrow_table()
        cells = pa.concat_tables([t.cast(parts[0].schema) for t in parts])
        if sort:
            con.register("assembled", cells)
            cells = con.sql("SELECT * FROM assembled ORDER BY indicator, code, period, breakdown").to_arrow_table()
        return cells


def assemble(catalogue: Catalogue, increments: dict[str, pd.DataFrame] | pa.Table, first: int, last: int,
             codes: list[str], populations: Populations, plist: list[Period] | None = None,
             cells_of: dict[str, list[Period]] | None = None, memory_limit: str | None = None,
             sort: bool = False) -> pd.DataFrame:
    """`assemble_arrow` as a pandas frame."""
    return assemble_arrow(catalogue, increments, first, last, codes, populations, plist, cells_of,
                          memory_limit, sort).to_pandas()[COLUMNS]
