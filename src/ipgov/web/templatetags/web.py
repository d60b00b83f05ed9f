import datetime
import decimal

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import get_language

register = template.Library()


@register.filter
def cell(value):
    """A value as a list/detail cell: dates as the language writes them, empty as a dash, decimals without
    noise."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{_date(value)} {value:%H:%M}"
    if isinstance(value, datetime.date):
        return _date(value)
    if isinstance(value, decimal.Decimal):
        return f"{value:,.2f}"
    return value


def _date(value: datetime.date) -> str:
    """2020年6月30日 in Chinese, as documents write it; 2020-06-30 otherwise."""
    if (get_language() or "").startswith("zh"):
        return f"{value.year}年{value.month}月{value.day}日"
    return value.isoformat()


@register.filter(name="zip")
def zip_(a, b):
    return zip(a, b, strict=False)


@register.simple_tag
def sort_link(column, current, query):
    """A column header that sorts the list: ascending, then descending; aria-sort says which."""
    key = column.sort
    if current == key:
        target, state, arrow = f"-{key}", "ascending", " ▲"
    elif current == f"-{key}":
        target, state, arrow = key, "descending", " ▼"
    else:
        target, state, arrow = key, "none", ""
    href = "?" + (query + "&" if query else "") + urlencode({"sort": target})
    return format_html('<a href="{}" hx-get="{}" hx-target="#results" hx-push-url="true" aria-sort="{}">{}{}</a>',
                       href, href, state, column.label, arrow)


@register.filter
def number(value, decimals=0):
    """Thousands separators, fixed decimals; a dash for a missing figure."""
    if value is None:
        return "—"
    return f"{float(value):,.{int(decimals)}f}"


@register.filter
def percent(value, decimals=1):
    """YoY ratio (0.214) as a signed percent, one decimal unless the indicator quotes more (+10.64%)."""
    if value is None:
        return "—"
    return f"{float(value) * 100:+.{int(decimals)}f}%"
