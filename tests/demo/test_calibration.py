"""The calibration arithmetic: rounding, solving whole counts for published ratios, the volume plan."""

import datetime as dt
from decimal import Decimal

import pytest

from ipgov.demo.synth.calibration import (
    HENAN_POPULATION_2020,
    Half,
    derive_targets,
    in_wan,
    per_10k,
    solve_prior,
    solve_stock_per_10k,
    solve_wan,
    whole_priors,
    yoy_percent,
)
from ipgov.demo.synth.plan import TYPES, patent_plan, split


def test_rounding_is_half_up_on_exact_decimals():
    assert yoy_percent(10_045, 10_000, 1) == Decimal("0.5")  # 0.45 → 0.5 (banker's rounding would give 0.4)
    assert yoy_percent(10_035, 10_000, 1) == Decimal("0.4")  # 0.35 → 0.4 (float round(0.35, 1) gives 0.3)
    assert yoy_percent(9_000, 10_000, 1) == Decimal("-10.0")
    assert per_10k(412, 1_000_000) == Decimal("4.12")
    assert per_10k(4_125, 10_000_000) == Decimal("4.13")
    assert in_wan(987_500) == Decimal("98.8") and in_wan(987_499) == Decimal("98.7")
    assert in_wan(194_999, 0) == Decimal("19") and in_wan(195_000, 0) == Decimal("20")
    with pytest.raises(ValueError):
        yoy_percent(1, 0)


def test_solve_prior_gives_the_nearest_whole_value_that_rounds_back():
    prior = solve_prior(80_868, "21.4", 1)
    assert prior == 66_613  # 80,868 ÷ 1.214 = 66,612.85
    assert yoy_percent(80_868, prior) == Decimal("21.4")
    assert solve_prior(52_106, "25.4", 1) == 41_552
    assert solve_prior(40_939, "10.64", 2) == 37_002
    assert yoy_percent(40_939, 37_002, 2) == Decimal("10.64")
    assert yoy_percent(40_939, 37_003, 2) == Decimal("10.64")  # several fit; the nearest is taken
    assert yoy_percent(40_939, 36_990, 2) != Decimal("10.64")


def test_gi_plus_54_percent_has_no_whole_prior():
    with pytest.raises(ValueError, match="no whole previous value"):
        solve_prior(21, "54", 0)
    table = dict(whole_priors(21, "54", 1))
    assert table[14] == Decimal("50.0") and table[13] == Decimal("61.5")


def test_stocks_from_published_per_10k_values():
    june20 = solve_stock_per_10k("4.12", HENAN_POPULATION_2020)
    assert june20 == 40_939 and per_10k(june20, HENAN_POPULATION_2020) == Decimal("4.12")
    dec19 = solve_stock_per_10k("3.88", HENAN_POPULATION_2020)
    assert dec19 == 38_554 and per_10k(dec19, HENAN_POPULATION_2020) == Decimal("3.88")
    assert solve_wan("98.8") == 988_000 and solve_wan("87.4") == 874_000 and solve_wan("19") == 190_000


def test_targets_and_findings():
    t = derive_targets()
    assert t.applications == {"2019": 144_010, "2020H1": 80_868, "2019H1": 66_613, "2017H1": 51_228,
                              "2016H1": 40_433}
    assert t.grants["2019H1"] == 41_552 and t.grants["2016H1"] == 22_626
    assert t.valid_inventions[dt.date(2019, 6, 30)] == 37_002
    assert t.trademarks_valid == {dt.date(2020, 6, 30): 988_000, dt.date(2019, 6, 30): 755_930,
                                  dt.date(2019, 12, 31): 874_000}
    assert yoy_percent(988_000, 755_930) == Decimal("30.7")
    assert t.gi_approvals == {2019: 21, 2018: 14}
    figures = {f.figure for f in t.findings}
    assert any("GI" in f for f in figures) and any("2.67" in f for f in figures)
    assert per_10k(25_310, HENAN_POPULATION_2020) == Decimal("2.55")  # not the published 2.67


def test_split_is_exact_and_proportional():
    assert split(10, [1, 1, 1]) == [4, 3, 3]
    assert sum(split(80_868, [0.2, 0.5, 0.3])) == 80_868
    assert split(0, [1, 2]) == [0, 0]


def test_plan_hits_every_calibrated_window():
    plan = patent_plan()
    t = plan.targets

    def filings(key: str, kind: str | None = None) -> int:
        hs = [Half(int(key), 1), Half(int(key), 2)] if len(key) == 4 else [Half.parse(key)]
        return sum(plan.filings[h][k] for h in hs for k in (TYPES if kind is None else (kind,)))

    def grants(key: str) -> int:
        hs = [Half(int(key), 1), Half(int(key), 2)] if len(key) == 4 else [Half.parse(key)]
        return sum(plan.grants[h][k] for h in hs for k in TYPES)

    for key, value in t.applications.items():
        assert filings(key) == value, key
    for key, value in t.invention_applications.items():
        assert filings(key, "invention") == value, key
    for key, value in t.grants.items():
        assert grants(key) == value, key
    assert all(v >= 0 for counts in (*plan.filings.values(), *plan.grants.values()) for v in counts.values())
    # the invention stock moves by grants − terminations between the checkpoints
    stock = plan.initial_invention_stock
    by_end = {}
    for h in sorted(plan.grants):
        stock += plan.grants[h]["invention"] - plan.invention_terminations[h]
        by_end[h.end] = stock
    for day, value in t.valid_inventions.items():
        assert by_end[day] == value, day


def test_scaled_plan_is_smaller_and_still_consistent():
    plan = patent_plan(0.01)
    assert sum(plan.filings[Half(2019, 1)].values()) == round(66_613 * 0.01)
    assert plan.initial_invention_stock > 0
