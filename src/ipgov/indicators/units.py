"""Units as the reader's language writes them.

The catalogue states every unit in Chinese (件, 元, 件/万人 …), the office's base language; the staff
UI shows it through this table so English mode reads "items", "100 million yuan". A unit missing here
is shown as the catalogue writes it (tests/indicators/test_units.py fails on one).
"""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

# The msgid is the English unit; the zh-Hans catalogue gives back the Chinese one.
LABELS = {
    "件": pgettext_lazy("unit", "items"),
    "万件": pgettext_lazy("unit", "10,000 items"),
    "个": pgettext_lazy("unit", "units"),
    "项": pgettext_lazy("unit", "entries"),
    "家": pgettext_lazy("unit", "entities"),
    "场": pgettext_lazy("unit", "events"),
    "日": pgettext_lazy("unit", "days"),
    "人次": pgettext_lazy("unit", "person-times"),
    "元": pgettext_lazy("unit", "yuan"),
    "万元": pgettext_lazy("unit", "10,000 yuan"),
    "亿元": pgettext_lazy("unit", "100 million yuan"),
    "件/万人": pgettext_lazy("unit", "per 10,000 people"),
    "%": "%",
}


def label(unit: str) -> str:
    """`unit` (as the catalogue writes it) in the active language."""
    return str(LABELS.get(unit, unit))
