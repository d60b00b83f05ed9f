"""Filtersets of the finance lists: one definition serves the staff UI, its exports and the API."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ipgov.finance.choices import PledgedKinds, PledgeeKind, PledgeStatus
from ipgov.finance.models import Fund, Pledge
from ipgov.regions.filtersets import RegionWithinFilter


class PledgeFilterSet(django_filters.FilterSet):
    region = RegionWithinFilter(field_name="region")
    right_kinds = django_filters.ChoiceFilter(choices=PledgedKinds.choices, label=_("rights pledged"))
    pledgee_kind = django_filters.ChoiceFilter(choices=PledgeeKind.choices, label=_("pledgee kind"))
    status = django_filters.ChoiceFilter(choices=PledgeStatus.choices, label=_("status"))
    registered_after = django_filters.DateFilter(field_name="registration_date", lookup_expr="gte",
                                                 label=pgettext_lazy("pledge", "registered from"))
    registered_before = django_filters.DateFilter(field_name="registration_date", lookup_expr="lte",
                                                  label=pgettext_lazy("pledge", "registered until"))
    min_amount = django_filters.NumberFilter(field_name="amount", lookup_expr="gte", label=_("amount from (yuan)"))
    q = django_filters.CharFilter(method="filter_q", label=_("number, pledgor or pledgee"))

    class Meta:
        model = Pledge
        fields = ["q", "region", "right_kinds", "pledgee_kind", "status", "registered_after",
                  "registered_before", "min_amount"]

    def filter_q(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        return qs.filter(Q(registration_number__icontains=value) | Q(pledgor__name__icontains=value)
                         | Q(pledgee__icontains=value))


class FundFilterSet(django_filters.FilterSet):
    region = RegionWithinFilter(field_name="region")
    q = django_filters.CharFilter(method="filter_q", label=_("name or sponsor"))

    class Meta:
        model = Fund
        fields = ["q", "region"]

    def filter_q(self, qs, name, value):
        value = value.strip()
        return qs.filter(Q(name__icontains=value) | Q(sponsor__icontains=value)) if value else qs
