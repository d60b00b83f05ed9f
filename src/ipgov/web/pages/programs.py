"""Designation list and detail pages (ipgov.programs): pilot units, centers, workstations, …"""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from ipgov.programs.choices import DesignationKind, DesignationStatus, Level
from ipgov.programs.models import Designation
from ipgov.web.filtersets import RegionWithinFilter
from ipgov.web.registry import Column, ListPage, TimelineEntry, register


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
        from django.db.models import Q

        return qs.filter(designated_on__lte=value).filter(Q(revoked_on__isnull=True) | Q(revoked_on__gt=value))


def designation_timeline(designation: Designation) -> list[TimelineEntry]:
    events = [TimelineEntry(e.date, e.get_status_display(), e.document) for e in designation.events.all()]
    events += [TimelineEntry(e.date, _("evaluation %(year)s") % {"year": e.year}, f"{e.score} {e.result}")
               for e in designation.evaluations.all()]
    return sorted(events, key=lambda e: e.date)


def register_pages() -> None:
    register(ListPage(
        slug="designations", model=Designation, filterset=DesignationFilterSet, title=_("Designations"),
        ordering=("kind", "level", "year", "organization__name"), select_related=("region", "organization"),
        columns=[
            Column("organization.name", _("organization"), sort="organization__name", link=True),
            Column("kind", _("kind"), sort="kind"),
            Column("level", _("level"), sort="level"),
            Column("year", _("year"), sort="year"),
            Column("batch", _("batch")),
            Column("status", _("status"), sort="status"),
            Column("designated_on", _("designated on"), sort="designated_on"),
            Column("region.name", _("region"), sort="region"),
        ],
        timeline=designation_timeline,
    ))
