from decimal import Decimal

import pytest

from ipgov.core import numbers


@pytest.mark.parametrize(("value", "decimals", "expected"), [
    (988000, 1, "98.8万件"),
    (987650, 1, "98.8万件"),       # half-up, not banker's rounding
    (987449, 1, "98.7万件"),
    (190000, 0, "19万件"),
    (190000, 1, "19万件"),          # 19.0 → trailing zero dropped
    (194999, 0, "19万件"),
    (195000, 0, "20万件"),
])
def test_wan(value, decimals, expected):
    assert numbers.wan(value, decimals=decimals) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (1_189_000_000, "11.89亿元"),
    (Decimal("1188960000"), "11.89亿元"),
    (6_890_000_000, "68.9亿元"),
    (350_000_000, "3.5亿元"),
    (200_000_000, "2亿元"),
    (30_006_000, "3000.6万元"),
    (10_000, "1万元"),
    (9_999.5, "9999.5元"),
    (0, "0元"),
    (-30_006_000, "-3000.6万元"),
])
def test_money(value, expected):
    assert numbers.money(value) == expected


@pytest.mark.parametrize(("value", "parts"), [
    (1_189_000_000, (Decimal("11.89"), 2, "亿元")),
    (30_006_000, (Decimal("3000.6"), 1, "万元")),
    (200_000_000, (Decimal("2"), 0, "亿元")),
    (5_000, (Decimal("5000"), 0, "元")),
])
def test_money_parts_are_what_the_text_shows(value, parts):
    assert numbers.money_parts(value) == parts
    number, decimals, unit = parts
    assert numbers.money(value) == f"{number:.{decimals}f}{unit}"


def test_wan_parts():
    assert numbers.wan_parts(988000) == (Decimal("98.8"), 1)
    assert numbers.wan_parts(190000) == (Decimal("19"), 0)


def test_fixed():
    assert numbers.fixed(0.125, 2) == "0.13"
    assert numbers.fixed(-0.0001, 2) == "0.00"   # no negative zero
    assert numbers.fixed(19.0, 1, strip=True) == "19"
    with pytest.raises(ValueError):
        numbers.fixed(1, -1)
