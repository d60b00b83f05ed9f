"""Helpers shared by the write services of `programs` and `finance`."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from ipgov.core import audit
from ipgov.core.actor import require_actor
from ipgov.core.models import ObjectChange

# No single utilization record in a province runs above 1,000 亿元; anything larger is a typo
# (a 万元 figure entered in 元 twice over, extra zeros) and is refused rather than stored.
MAX_AMOUNT_YUAN = Decimal("100000000000")


def save_new(obj: models.Model, message: str = "") -> models.Model:
    """Validate and insert `obj`, then write its audit row."""
    require_actor()
    obj.full_clean()
    obj.save()
    audit.record(obj, ObjectChange.Action.CREATE, message=message)
    return obj


def amount(value, field: str, allow_zero: bool = False) -> Decimal:
    """An amount in 元 as an exact Decimal (2 places); floats are refused, not rounded."""
    if isinstance(value, float):
        raise ValidationError({field: _("amounts must be given exactly (Decimal or text), not as float")})
    try:
        result = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("%(value)r is not an amount") % {"value": value}}) from None
    if not result.is_finite():
        raise ValidationError({field: _("%(value)r is not an amount") % {"value": value}})
    if result < 0 or (result == 0 and not allow_zero):
        raise ValidationError({field: _("amount must be positive, got %(result)s") % {"result": result}})
    if result > MAX_AMOUNT_YUAN:
        raise ValidationError({field: _("amount %(result)s 元 is beyond %(MAX_AMOUNT_YUAN)s 元: check the unit") % {"result": result, "MAX_AMOUNT_YUAN": MAX_AMOUNT_YUAN}})
    if result != result.quantize(Decimal("0.01")):
        raise ValidationError({field: _("amount %(result)s has more than 2 decimal places (分)") % {"result": result}})
    return result.quantize(Decimal("0.01"))


def as_date(value, field: str) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError({field: _("%(value)r is not a date (YYYY-MM-DD)") % {"value": value}}) from None
