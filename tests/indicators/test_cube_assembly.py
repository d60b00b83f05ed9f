"""The cube's periods are assembled by one DuckDB statement (`cube.base_cells`); the same rule written in
pandas (`cube.base_cells_pandas`) is the reference: both must give the same cells on increments drawn at
random, with breakdowns, an opening balance, months outside the window and regions without records."""

import numpy as np
import pandas as pd
import pytest

from ipgov.indicators import catalogue, cube
from ipgov.indicators.expr.compiler import TOTAL

FIRST, LAST = 201901, 202012


def _increments(rng, codes, stock: bool, n: int = 400) -> pd.DataFrame:
    months = [y * 100 + m for y in (2018, 2019, 2020, 2021) for m in range(1, 13)]
    month = rng.choice(months, n)
    if stock:
        month = np.maximum(month, 201812)  # executors bring earlier records forward to the opening month
    bkey = rng.choice([TOTAL, "type"], n)
    bval = np.where(bkey == TOTAL, None, rng.choice(["invention", "utility", ""], n))
    return pd.DataFrame({"code": rng.choice(codes, n), "bkey": bkey, "bval": bval, "month": month,
                         "n": rng.choice([1.0, 2.0, -1.0] if stock else [1.0, 2.0, 0.5], n)})


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_duckdb_assembly_equals_the_pandas_rule(seed):
    cat = catalogue.default()
    flow = next(i for i in cat.base_indicators() if not i.is_stock)
    stock = next(i for i in cat.base_indicators() if i.is_stock)
    rng = np.random.default_rng(seed)
    codes = ["410100", "410200", "410300", "410400"]
    increments = {flow.id: _increments(rng, codes[:3], False), stock.id: _increments(rng, codes[:3], True)}
    plist = cube.window_periods(FIRST, LAST)
    got = cube.base_cells(cat, increments, FIRST, LAST, codes, plist)
    want = pd.concat([cube.base_cells_pandas(cat.get(i), inc, FIRST, LAST, codes, plist)
                      for i, inc in increments.items()], ignore_index=True)
    key = [*cube.CELL, "period_kind"]
    merged = want.merge(got, on=key, how="outer", suffixes=("_pandas", "_duckdb"), indicator=True)
    assert (merged["_merge"] == "both").all(), merged[merged["_merge"] != "both"].head()
    assert np.allclose(merged["value_pandas"], merged["value_duckdb"])
    # the rule by hand for one cell: the stock's 2019 level is its total increments up to December 2019
    # (the engine gives the total and each breakdown as rows of their own)
    inc = increments[stock.id]
    by_hand = inc[(inc.code == "410100") & (inc.bkey == TOTAL) & (inc.month <= 201912)].n.sum()
    row = got[(got.indicator == stock.id) & (got.code == "410100") & (got.period == "2019") & (got.breakdown == "")]
    assert row.value.item() == by_hand
    # a region without records has a zero total in every period, and no breakdown rows
    empty = got[got.code == "410400"]
    assert set(empty.breakdown) == {""} and (empty.value == 0).all() and len(empty) == 2 * len(plist)


def test_no_increments_no_cells():
    assert cube.base_cells(catalogue.default(), {}, FIRST, LAST, ["410100"], cube.window_periods(FIRST, LAST)).empty


FIRST2 = 201701  # a window long enough for three trailing years


@pytest.mark.parametrize("seed", [1, 2])
def test_assembling_some_cells_from_one_arrow_table_gives_the_full_cubes_cells(seed):
    """The incremental compute assembles only the cells a delta reaches (and those they are derived from),
    from the kept increments as one Arrow table: they are the whole cube's cells, value for value —
    YoY, year to date and trailing years included, from the months of their windows only."""
    from ipgov.indicators import incremental

    cat = catalogue.default()
    ids = ["patent_applications", "invention_applications", "patent_grants", "valid_invention_patents"]
    rng = np.random.default_rng(seed)
    codes = ["410100", "410200", "410300"]
    increments = {i: incremental.combine([_increments(rng, codes, cat.get(i).is_stock)]) for i in ids}
    increments = {i: f[f["month"] <= LAST] for i, f in increments.items()}
    small = catalogue.Catalogue(sources=cat.sources, indicators={
        i: cat.get(i) for i in [*ids, "patent_applications_yoy", "patent_applications_ytd", "patent_grants_3y",
                                "invention_share_of_applications"]})
    pops = cube.Populations([])
    plist = cube.window_periods(FIRST2, LAST)
    whole = cube.assemble(small, increments, FIRST2, LAST, codes, pops)
    months = {"patent_applications": {202006}, "invention_applications": {202006}, "patent_grants": {202003},
              "valid_invention_patents": {202006, 202007}}
    affected = incremental.affected_periods(small, months, plist, set())
    needed = incremental.needed_cells(small, affected, plist, FIRST2)
    # the windows of the affected periods, not every month: year to date from January 2020, trailing 3 years
    # from April 2017 (the earliest window reaching March 2020), YoY a year earlier
    ytd_months = {p.code for p in needed["patent_applications"] if len(p.code) == 7}
    assert ytd_months == {f"2020-{m:02d}" for m in range(1, 13)} | {"2019-06"}
    assert min(p.code for p in needed["patent_grants"]) == "2017-04"  # 3 years to March 2020
    assert "2020-12" in {p.code for p in needed["patent_grants"]}
    assert {p.code for p in needed["valid_invention_patents"]} == affected["valid_invention_patents"]
    part = cube.assemble(small, incremental.as_table(increments), FIRST2, LAST, codes, pops, plist=plist,
                         cells_of=needed)
    part = incremental.restrict(part, affected)
    assert len(part) < len(whole)
    key = [*cube.CELL, "period_kind"]
    want = incremental.restrict(whole, affected)
    merged = want.merge(part, on=key, how="outer", suffixes=("_whole", "_part"), indicator=True)
    assert (merged["_merge"] == "both").all(), merged[merged["_merge"] != "both"].head()
    assert np.allclose(merged["value_whole"], merged["value_part"])
    assert set(part["indicator"]) == set(small.indicators)
    ytd = part[(part.indicator == "patent_applications_ytd") & (part.code == "410100") & (part.period == "2020-06")]
    flows = increments["patent_applications"]
    by_hand = flows[(flows.code == "410100") & (flows.bkey == TOTAL) & flows.month.between(202001, 202006)].n.sum()
    assert ytd.value.item() == pytest.approx(by_hand)


@pytest.mark.parametrize("seed", [1, 2])
def test_derived_indicators_in_sql_equal_the_pandas_rule(seed):
    """`assemble` evaluates the derived indicators by DuckDB statements; `derived_cells` (pandas) is the
    reference: sum, share, per 10k population, YoY, year to date and trailing years, cell for cell."""
    cat = catalogue.default()
    ids = ["patent_applications", "invention_applications", "patent_grants", "domestic_valid_invention_patents",
           "gi_trademarks_registered", "gi_products_approved"]
    derived = ["valid_invention_patents_per_10k", "gi_approvals", "invention_share_of_applications",
               "patent_applications_yoy", "patent_applications_ytd", "patent_grants_3y"]
    small = catalogue.Catalogue(sources=cat.sources, indicators={i: cat.get(i) for i in [*ids, *derived]})
    rng = np.random.default_rng(seed)
    codes = ["410100", "410200", "410300", "410400"]
    increments = {i: _increments(rng, codes[:3], cat.get(i).is_stock) for i in ids}
    pops = cube.Populations([("410100", 2018, 10_000_000), ("410100", 2020, 12_000_000), ("410200", 2021, 5_000),
                             ("410300", 2019, 0)])
    got = cube.assemble(small, increments, FIRST2, LAST, codes, pops)
    plist = cube.window_periods(FIRST2, LAST)
    want = cube.base_cells(small, increments, FIRST2, LAST, codes, plist)
    for i in derived:
        want = pd.concat([want, cube.derived_cells(small.get(i), want, plist, pops)], ignore_index=True)
    key = [*cube.CELL]
    merged = want.merge(got, on=key, how="outer", suffixes=("_pandas", "_sql"), indicator=True)
    assert (merged["_merge"] == "both").all(), merged[merged["_merge"] != "both"].head()
    assert np.allclose(merged["value_pandas"], merged["value_sql"])
    assert (merged["period_kind_pandas"].astype(str) == merged["period_kind_sql"].astype(str)).all()
    # by hand: 410100's population for 2019 is 2018's (the latest before), 410200's the earliest there is,
    # 410300's zero gives no value
    per_10k = got[got.indicator == "valid_invention_patents_per_10k"].set_index(["code", "period"]).value
    stock = got[(got.indicator == "domestic_valid_invention_patents") & (got.breakdown == "")].set_index(
        ["code", "period"]).value
    assert per_10k["410100", "2019"] == pytest.approx(stock["410100", "2019"] / 1000)
    assert per_10k["410200", "2019"] == pytest.approx(stock["410200", "2019"] / 0.5)
    assert ("410300", "2019") not in per_10k.index and "410400" not in per_10k.index.get_level_values("code")
    flows = got[(got.indicator == "patent_applications") & (got.breakdown == "")].set_index(["code", "period"]).value
    yoy = got[got.indicator == "patent_applications_yoy"].set_index(["code", "period"]).value
    if flows["410100", "2019"] > 0:
        assert yoy["410100", "2020"] == pytest.approx(flows["410100", "2020"] / flows["410100", "2019"] - 1)
    ytd = got[got.indicator == "patent_applications_ytd"].set_index(["code", "period"]).value
    assert ytd["410200", "2020Q3"] == pytest.approx(sum(flows["410200", f"2020-{m:02d}"] for m in range(1, 10)))
