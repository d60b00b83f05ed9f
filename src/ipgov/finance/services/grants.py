from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ipgov.core.scope import CHANGE, check_region
from ipgov.finance.choices import GrantSource
from ipgov.finance.models import OperationCityGrant
from ipgov.programs.services.common import amount, as_date, save_new
from ipgov.regions.services import get_region


@transaction.atomic
def record_grant(*, city_code: str, year: int, granted_on: datetime.date | str, source: str, amount_yuan,
                 document: str = "") -> OperationCityGrant:
    """Funds granted to an operation-service key city (运营服务体系重点城市) in a year."""
    city = get_region(city_code)
    if not city.is_city_level:
        raise ValidationError({"city": _("%(city)s is not a city-level unit") % {"city": city}})
    check_region(city.code, CHANGE)
    if source not in GrantSource.values:
        raise ValidationError({"source": _("unknown funding source %(source)r") % {"source": source}})
    if OperationCityGrant.objects.filter(city=city, year=year, source=source).exists():
        raise ValidationError({"year": _("%(city)s already has %(source)s funding for %(year)s") % {"city": city, "source": GrantSource(source).label, "year": year}})
    return save_new(OperationCityGrant(city=city, year=year, granted_on=as_date(granted_on, "granted_on"), source=source,
                                       amount=amount(amount_yuan, "amount"), document=document))
