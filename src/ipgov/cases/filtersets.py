"""Filtersets of the cases lists: one definition serves the staff UI, its exports and the API."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ipgov.cases.choices import Kind, RightType
from ipgov.cases.kinds import get_kind
from ipgov.cases.models import Case
from ipgov.regions.filtersets import RegionWithinFilter


class CaseFilterSet(django_filters.FilterSet):
    region = RegionWithinFilter(field_name="region")
    kind = django_filters.ChoiceFilter(choices=Kind.choices, label=_("kind"))
    right_type = django_filters.ChoiceFilter(choices=RightType.choices, label=_("right"))
    open = django_filters.BooleanFilter(method="filter_open", label=_("open"))
    received_after = django_filters.DateFilter(field_name="received_on", lookup_expr="gte",
                                               label=_("received from"))
    received_before = django_filters.DateFilter(field_name="received_on", lookup_expr="lte",
                                                label=_("received until"))
    closed_after = django_filters.DateFilter(field_name="closed_on", lookup_expr="gte", label=_("closed from"))
    closed_before = django_filters.DateFilter(field_name="closed_on", lookup_expr="lte", label=_("closed until"))
    party = django_filters.CharFilter(method="filter_party", label=_("party"))
    q = django_filters.CharFilter(method="filter_q", label=_("number or title"))

    class Meta:
        model = Case
        fields = ["q", "region", "kind", "right_type", "open", "received_after", "received_before",
                  "closed_after", "closed_before", "party"]

    def filter_open(self, qs, name, value):
        if value is None:
            return qs
        return qs.exclude(finished_q()) if value else qs.filter(finished_q())

    def filter_party(self, qs, name, value):
        value = value.strip()
        return qs.filter(parties__name__icontains=value).distinct() if value else qs

    def filter_q(self, qs, name, value):
        value = value.strip()
        return qs.filter(Q(number__icontains=value) | Q(title__icontains=value)) if value else qs


def finished_q() -> Q:
    """Cases in a final state of their kind's workflow (closed, not filed, withdrawn …)."""
    q = Q(pk__in=[])
    for kind in Kind.values:
        q |= Q(kind=kind, state__in=[s.key for s in get_kind(kind).states if s.final])
    return q
