"""Every unit the catalogue uses reads as itself in zh-Hans and in English words in English mode."""

import re

import pytest
from django.utils import translation

from ipgov.indicators import catalogue, units

CJK = re.compile(r"[\u4e00-\u9fff]")


def catalogue_units() -> set[str]:
    return {ind.unit for ind in catalogue.indicators()}


def test_every_catalogue_unit_has_a_label():
    assert catalogue_units() <= set(units.LABELS), catalogue_units() - set(units.LABELS)


@pytest.mark.parametrize("unit", sorted(units.LABELS))
def test_unit_in_both_languages(unit):
    with translation.override("zh-hans"):
        assert units.label(unit) == unit
    with translation.override("en"):
        english = units.label(unit)
    assert english and not CJK.search(english), (unit, english)


def test_examples():
    with translation.override("en"):
        assert [units.label(u) for u in ("件", "亿元", "万件", "件/万人")] == [
            "items", "100 million yuan", "10,000 items", "per 10,000 people"]
