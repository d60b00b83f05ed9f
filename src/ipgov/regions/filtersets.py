"""Filters shared by every list of region-scoped records (staff UI, exports and the API)."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from ipgov.regions.models import Region


class RegionField(forms.CharField):
    """A region by code or name (410300, 洛阳, 洛阳市); cleans to the code, or says which regions fit."""

    def clean(self, value):
        from ipgov.regions.names import RegionNameError, find_region

        value = super().clean(value)
        if not value:
            return value
        try:
            return find_region(value).code
        except RegionNameError as exc:
            raise forms.ValidationError(str(exc)) from None


class RegionWithinFilter(django_filters.CharFilter):
    """A region (code or name) matching records of that region and everything under it (city → its
    counties)."""

    field_class = RegionField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("region (code or name)"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        value = (value or "").strip()
        if not value:
            return qs
        # the codes as values (one query), not a subquery: the planners then know how much of a big table
        # the region is (a city: walk the list's order; a county: its rows by the region index, then sort)
        codes = list(Region.objects.within(value).values_list("code", flat=True))
        return qs.filter(**{f"{self.field_name}__in": codes})
