"""Filters shared by every list of region-scoped records (staff UI, exports and the API)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from ipgov.regions.models import Region


class RegionWithinFilter(django_filters.CharFilter):
    """A region code matching records of that region and everything under it (city → its counties)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("region code"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        value = (value or "").strip()
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__in": Region.objects.within(value).values("code")})
