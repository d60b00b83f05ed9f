"""Cell values: dates (`0` or blank = no date), counts, lists, yes/no."""

from __future__ import annotations

import datetime
import re
from functools import lru_cache

from django.utils.translation import gettext as _

_DATE_PATTERNS = (
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
    re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?"),
)
LIST_SPLIT = re.compile(r"\s*[;；]\s*")


class BadValue(ValueError):
    pass


def parse_date(value) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return parse_date_text(str(value).strip())


@lru_cache(maxsize=65536)  # a register has a few thousand distinct dates a year
def parse_date_text(text: str) -> datetime.date | None:
    """A trimmed date cell; raises BadValue."""
    if text in ("", "0", "0.0", "-", "—", "无"):
        return None
    for pattern in _DATE_PATTERNS:
        m = pattern.fullmatch(text)
        if m:
            try:
                return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                raise BadValue(_("not a calendar date")) from None
    raise BadValue(_("not a date (expected YYYYMMDD, YYYY-MM-DD or YYYY年M月D日)"))


def parse_count(value) -> int:
    text = str(value or "").strip()
    if not text:
        return 0
    try:
        number = float(text)
    except ValueError:
        raise BadValue(_("not a number")) from None
    if number < 0 or not number.is_integer():
        raise BadValue(_("not a non-negative whole number"))
    return int(number)


def split_list(value) -> list[str]:
    text = value.strip() if value.__class__ is str else str(value or "").strip()
    if not text:
        return []
    if ";" not in text and "；" not in text:
        return [text]
    return [p for p in LIST_SPLIT.split(text) if p]


def parse_bool(value) -> bool:
    text = str(value or "").strip().casefold()
    if text in ("是", "y", "yes", "true", "1", "√", "地理标志"):
        return True
    if text in ("", "否", "n", "no", "false", "0"):
        return False
    raise BadValue(_("not yes/no (是/否)"))
