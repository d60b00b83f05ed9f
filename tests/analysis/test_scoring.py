import pytest

from ipgov.analysis import scoring


def test_efficacy_coefficient():
    got = scoring.normalise("efficacy", {"a": 10, "b": 30, "c": 20, "d": None})
    assert got == {"a": 60.0, "b": 100.0, "c": 80.0, "d": None}


def test_efficacy_lower_is_better_and_all_equal():
    assert scoring.normalise("efficacy", {"a": 10, "b": 30}, direction="lower") == {"a": 100.0, "b": 60.0}
    assert scoring.normalise("efficacy", {"a": 5, "b": 5}) == {"a": 100.0, "b": 100.0}


def test_minmax():
    assert scoring.normalise("minmax", {"a": 2, "b": 4, "c": 3}) == {"a": 0.0, "b": 100.0, "c": 50.0}


def test_rank_shares_the_best_rank_on_ties():
    assert scoring.ranks({"a": 5, "b": 9, "c": 5, "d": 1}) == {"a": 2, "b": 1, "c": 2, "d": 4}
    got = scoring.normalise("rank", {"a": 5, "b": 9, "c": 5, "d": 1, "e": None})
    assert got == {"a": pytest.approx(100 * 2 / 3), "b": 100.0, "c": pytest.approx(100 * 2 / 3), "d": 0.0, "e": None}


def test_thresholds():
    steps = [[50, 60], [70, 80], [90, 100]]
    got = scoring.normalise("threshold", {"a": 49.9, "b": 50, "c": 89, "d": 95}, thresholds=steps)
    assert got == {"a": 0.0, "b": 60.0, "c": 80.0, "d": 100.0}
    lower = scoring.normalise("threshold", {"a": 10, "b": 40}, direction="lower", thresholds=[[30, 100], [60, 50]])
    assert lower == {"a": 100.0, "b": 50.0}
