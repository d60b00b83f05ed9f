"""Typed columns of a tabular import spec (Chinese headers first) and the parsing of their cells.

Every refusal is a `ValueError` whose text is the reason shown to the user beside the row number,
the column's header and the value. Plausibility is part of parsing: dates within a window (no
future dates unless the column allows them), amounts within a magnitude, text without control
or bidi-override characters and within a length — refused with the reason, never cut silently.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

EARLIEST = datetime.date(1980, 1, 1)  # before China's patent law (1985) and the first trademark law (1982)
MAX_DIGITS = 15  # 10^15 元 is beyond any amount this office records
TEXT_LIMIT = 500
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Column:
    name: str  # field name handed to the row handler
    headers: tuple[str, ...]  # accepted Chinese (and English) headers; the first is the one shown
    kind: str = "text"  # text | int | date | yuan | wanyuan (万元, converted to 元) | choice
    required: bool = True
    choices: type | None = None  # a TextChoices class, for kind == "choice"
    names: dict | None = None  # Chinese names accepted for the choices (value → code)
    future: bool = False  # a date column that may lie in the future (a term's end, a planned event)
    max_length: int = TEXT_LIMIT

    @property
    def label(self) -> str:
        return self.headers[0]


def choice(name: str, headers: tuple[str, ...], choices: type, names: dict, required: bool = True) -> Column:
    return Column(name, headers, "choice", required=required, choices=choices, names=names)


def parse(col: Column, raw, today: datetime.date | None = None) -> object:
    """The value of one cell for `col`; ValueError with the reason when it is refused."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if col.required:
            raise ValueError(_("required"))
        return None
    if col.kind == "date":
        return _date(col, raw, today or datetime.date.today())
    if col.kind == "int":
        text = str(raw).strip().replace(",", "")
        if text.endswith(".0"):
            text = text[:-2]
        if not text.lstrip("-").isdecimal() or len(text) > 12:
            raise ValueError(_("not a whole number"))
        return int(text)
    if col.kind in ("yuan", "wanyuan"):
        return _amount(col, raw)
    text = _text(col, raw)
    if col.kind == "choice":
        if text in col.choices.values:
            return text
        names = col.names or {}
        if text not in names:
            raise ValueError(_("unknown value; expected one of %(values)s")
                             % {"values": ", ".join(names or col.choices.values)})
        return names[text]
    return text


def _text(col: Column, raw) -> str:
    text = str(raw).strip()
    if CONTROL.search(text):
        raise ValueError(_("contains control or bidirectional-override characters; remove them"))
    if len(text) > col.max_length:
        raise ValueError(_("%(n)s characters, longer than the %(max)s allowed") % {"n": len(text), "max": col.max_length})
    return text


def _date(col: Column, raw, today: datetime.date) -> datetime.date:
    if isinstance(raw, datetime.datetime):
        value = raw.date()
    elif isinstance(raw, datetime.date):
        value = raw
    else:
        text = str(raw).strip().replace("/", "-").replace(".", "-")
        if len(text) == 8 and text.isdecimal():
            text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
        try:
            value = datetime.date.fromisoformat(text)
        except ValueError:
            raise ValueError(_("not a date (YYYY-MM-DD)")) from None
    if value < EARLIEST:
        raise ValueError(_("%(date)s is before %(year)s: check the date") % {"date": value, "year": EARLIEST.year})
    if value > today and not col.future:
        raise ValueError(_("%(date)s is in the future (today is %(today)s)") % {"date": value, "today": today})
    return value


def _amount(col: Column, raw) -> Decimal:
    try:  # str() of an Excel float is its shortest exact repr: 3000.6 stays 3000.6
        value = Decimal(str(raw).strip().replace(",", ""))
    except InvalidOperation:
        raise ValueError(_("not an amount")) from None
    if not value.is_finite():
        raise ValueError(_("not an amount"))
    if value and value.adjusted() >= MAX_DIGITS:
        raise ValueError(_("%(value)s is far beyond any real amount: check the unit") % {"value": f"{value:e}"})
    return value * 10000 if col.kind == "wanyuan" else value
