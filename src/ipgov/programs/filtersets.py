"""Filtersets of the programs lists: one definition serves the staff UI, its exports and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from ipgov.programs.choices import (
    AwardGrade,
    AwardKind,
    DesignationKind,
    DesignationStatus,
    Level,
    OrganizationKind,
)
from ipgov.programs.models import Award, Designation, Organization
from ipgov.regions.filtersets import RegionWithinFilter


class DesignationFilterSet(django_filters.FilterSet):
    region = RegionWithinFilter(field_name="region")
    kind = django_filters.ChoiceFilter(choices=DesignationKind.choices, label=_("kind"))
    level = django_filters.ChoiceFilter(choices=Level.choices, label=_("level"))
    status = django_filters.ChoiceFilter(choices=DesignationStatus.choices, label=_("status"))
    year = django_filters.NumberFilter(label=_("year"))
    in_force_on = django_filters.DateFilter(method="filter_in_force", label=_("in force on"))
    organization = django_filters.CharFilter(field_name="organization__name", lookup_expr="icontains",
                                             label=_("organization"))

    class Meta:
        model = Designation
        fields = ["organization", "region", "kind", "level", "status", "year", "in_force_on"]

    def filter_in_force(self, qs, name, value):
        from ipgov.programs.stats import in_force

        return in_force(qs, value)


class OrganizationFilterSet(django_filters.FilterSet):
    region = RegionWithinFilter(field_name="region")
    kind = django_filters.ChoiceFilter(choices=OrganizationKind.choices, label=_("kind"))
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("name"))
    credit_code = django_filters.CharFilter(label=_("unified social credit code"))

    class Meta:
        model = Organization
        fields = ["q", "region", "kind", "credit_code"]


class AwardFilterSet(django_filters.FilterSet):
    region = RegionWithinFilter(field_name="region")
    kind = django_filters.ChoiceFilter(choices=AwardKind.choices, label=_("award"))
    grade = django_filters.ChoiceFilter(choices=AwardGrade.choices, label=_("grade"))
    edition = django_filters.NumberFilter(label=_("edition"))

    class Meta:
        model = Award
        fields = ["region", "kind", "grade", "edition"]
