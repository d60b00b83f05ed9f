"""Pledge financing list and detail pages (ipgov.finance)."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ipgov.finance.choices import PledgedKinds, PledgeeKind, PledgeStatus
from ipgov.finance.models import Pledge
from ipgov.web.filtersets import RegionWithinFilter
from ipgov.web.registry import Column, ListPage, TimelineEntry, register


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


def pledge_timeline(pledge: Pledge) -> list[TimelineEntry]:
    entries = [TimelineEntry(pledge.registration_date, pgettext_lazy("timeline", "registered"), pledge.registration_number),
               TimelineEntry(pledge.term_start, pgettext_lazy("timeline", "term starts")), TimelineEntry(pledge.term_end, pgettext_lazy("timeline", "term ends"))]
    if pledge.ended_on:
        entries.append(TimelineEntry(pledge.ended_on, pledge.get_status_display()))
    return sorted(entries, key=lambda e: e.date)


def register_pages() -> None:
    register(ListPage(
        slug="pledges", model=Pledge, filterset=PledgeFilterSet, title=_("Pledges"),
        ordering=("-registration_date", "registration_number"), select_related=("region", "pledgor"),
        columns=[
            Column("registration_number", pgettext_lazy("pledge", "registration number"), sort="registration_number", link=True),
            Column("pledgor.name", _("pledgor"), sort="pledgor__name"),
            Column("pledgee", _("pledgee"), sort="pledgee"),
            Column("right_kinds", _("rights pledged"), sort="right_kinds"),
            Column("amount", _("amount (yuan)"), sort="amount"),
            Column("registration_date", pgettext_lazy("pledge", "registration date"), sort="registration_date"),
            Column("region.name", _("region"), sort="region"),
            Column("status", _("status"), sort="status"),
        ],
        timeline=pledge_timeline,
        detail_extra=lambda request, obj: {"related": [(_("Rights pledged"), [str(r) for r in obj.rights.all()])]},
    ))
