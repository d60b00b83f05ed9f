"""Patent and trademark lists and detail pages (register: ipgov.rights)."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ipgov.rights.choices import PatentType, TrademarkKind
from ipgov.rights.models import Patent, Trademark
from ipgov.web.filtersets import RegionWithinFilter
from ipgov.web.registry import Column, ListPage, TimelineEntry, register


class PatentFilterSet(django_filters.FilterSet):
    region = RegionWithinFilter(field_name="region")
    patent_type = django_filters.ChoiceFilter(choices=PatentType.choices, label=_("type"))
    filed_after = django_filters.DateFilter(field_name="filing_date", lookup_expr="gte", label=_("filed from"))
    filed_before = django_filters.DateFilter(field_name="filing_date", lookup_expr="lte", label=_("filed until"))
    granted_after = django_filters.DateFilter(field_name="grant_date", lookup_expr="gte",
                                              label=_("granted from"))
    granted_before = django_filters.DateFilter(field_name="grant_date", lookup_expr="lte",
                                               label=_("granted until"))
    status = django_filters.ChoiceFilter(method="filter_status", label=_("status today"), choices=[
        ("pending", _("not granted")), ("valid", _("granted, in force")), ("terminated", _("granted, ended")),
    ])
    applicant = django_filters.CharFilter(method="filter_applicant", label=_("applicant"))
    ipc = django_filters.CharFilter(method="filter_ipc", label=_("IPC (prefix)"))
    is_pct = django_filters.BooleanFilter(label=_("PCT national phase"))
    q = django_filters.CharFilter(method="filter_q", label=_("number or title"))

    class Meta:
        model = Patent
        fields = ["q", "region", "patent_type", "status", "filed_after", "filed_before", "granted_after",
                  "granted_before", "applicant", "ipc", "is_pct"]

    def filter_status(self, qs, name, value):
        if value == "pending":
            return qs.filter(grant_date__isnull=True)
        if value == "valid":
            return qs.filter(grant_date__isnull=False, terminated_on__isnull=True)
        if value == "terminated":
            return qs.filter(grant_date__isnull=False, terminated_on__isnull=False)
        return qs

    def filter_applicant(self, qs, name, value):
        value = value.strip()
        return qs.filter(applicants__name__icontains=value).distinct() if value else qs

    def filter_ipc(self, qs, name, value):
        value = value.strip().upper()
        return qs.filter(ipc_main__istartswith=value) if value else qs

    def filter_q(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        return qs.filter(Q(application_number__icontains=value) | Q(title__icontains=value))


def patent_timeline(patent: Patent) -> list[TimelineEntry]:
    entries = [TimelineEntry(patent.filing_date, pgettext_lazy("timeline", "filed"), patent.application_number)]
    if patent.pct_filing_date:
        entries.append(TimelineEntry(patent.pct_filing_date, pgettext_lazy("timeline", "international filing (PCT)"),
                                     patent.pct_application_number))
    if patent.publication_date:
        entries.append(TimelineEntry(patent.publication_date, pgettext_lazy("timeline", "published"), patent.publication_number))
    if patent.grant_date:
        entries.append(TimelineEntry(patent.grant_date, pgettext_lazy("timeline", "grant announced"), patent.grant_number))
    for event in patent.events.all():
        entries.append(TimelineEntry(event.date, event.get_kind_display(), event.detail))
    return sorted(entries, key=lambda e: e.date)


class TrademarkFilterSet(django_filters.FilterSet):
    region = RegionWithinFilter(field_name="region")
    kind = django_filters.ChoiceFilter(choices=TrademarkKind.choices, label=_("kind"))
    filed_after = django_filters.DateFilter(field_name="filing_date", lookup_expr="gte", label=_("filed from"))
    filed_before = django_filters.DateFilter(field_name="filing_date", lookup_expr="lte", label=_("filed until"))
    registered_after = django_filters.DateFilter(field_name="registration_date", lookup_expr="gte",
                                                 label=_("registered from"))
    registered_before = django_filters.DateFilter(field_name="registration_date", lookup_expr="lte",
                                                  label=_("registered until"))
    status = django_filters.ChoiceFilter(method="filter_status", label=_("status today"), choices=[
        ("pending", _("not registered")), ("valid", _("registered, in force")),
        ("terminated", _("registration ended")),
    ])
    owner = django_filters.CharFilter(field_name="owner_name", lookup_expr="icontains", label=_("owner"))
    is_gi = django_filters.BooleanFilter(label=_("geographical-indication mark"))
    q = django_filters.CharFilter(method="filter_q", label=_("number or mark"))

    class Meta:
        model = Trademark
        fields = ["q", "region", "kind", "status", "filed_after", "filed_before", "registered_after",
                  "registered_before", "owner", "is_gi"]

    def filter_status(self, qs, name, value):
        if value == "pending":
            return qs.filter(registration_date__isnull=True)
        if value == "valid":
            return qs.filter(registration_date__isnull=False, terminated_on__isnull=True)
        if value == "terminated":
            return qs.filter(registration_date__isnull=False, terminated_on__isnull=False)
        return qs

    def filter_q(self, qs, name, value):
        value = value.strip()
        return qs.filter(Q(number__icontains=value) | Q(name__icontains=value)) if value else qs


def trademark_timeline(mark: Trademark) -> list[TimelineEntry]:
    entries = []
    if mark.filing_date:
        entries.append(TimelineEntry(mark.filing_date, pgettext_lazy("timeline", "filed")))
    if mark.registration_date:
        entries.append(TimelineEntry(mark.registration_date, pgettext_lazy("timeline", "registered"), mark.number))
    if mark.well_known_on:
        entries.append(TimelineEntry(mark.well_known_on, pgettext_lazy("timeline", "recognized as well-known")))
    for event in mark.events.all():
        entries.append(TimelineEntry(event.date, event.get_kind_display(), event.detail))
    return sorted(entries, key=lambda e: e.date)


def register_pages() -> None:
    register(ListPage(
        slug="patents", model=Patent, filterset=PatentFilterSet, title=_("Patents"),
        ordering=("-filing_date", "application_number"), select_related=("region",),
        columns=[
            Column("application_number", _("application number"), sort="application_number", link=True),
            Column("title", _("title")),
            Column("patent_type", _("type"), sort="patent_type"),
            Column("filing_date", _("filing date"), sort="filing_date"),
            Column("grant_date", _("grant date"), sort="grant_date"),
            Column("ipc_main", _("main IPC"), sort="ipc_main"),
            Column("region.name", _("region"), sort="region"),
            Column("is_pct", _("PCT")),
            Column("terminated_on", _("right ended on"), sort="terminated_on"),
        ],
        detail_fields=[
            Column("application_number", _("application number")), Column("title", _("title")),
            Column("patent_type", _("type")), Column("filing_date", _("filing date")),
            Column("publication_number", _("publication number")), Column("grant_number", _("grant number")),
            Column("grant_date", _("grant date")), Column("ipc_main", _("main IPC")),
            Column("region", _("region of the first applicant")), Column("applicant_type", _("applicant type")),
            Column("is_domestic", _("domestic")), Column("agency", _("patent agency")),
            Column("is_pct", _("PCT national phase")), Column("pct_application_number", _("PCT number")),
            Column("source_status", _("legal status as received")), Column("abstract", _("abstract")),
        ],
        timeline=patent_timeline,
        detail_extra=lambda request, obj: {"applicants": list(obj.applicants.select_related("region"))},
        detail_template="web/patent_detail.html",
    ))
    register(ListPage(
        slug="trademarks", model=Trademark, filterset=TrademarkFilterSet, title=_("Trademarks"),
        ordering=("-filing_date", "number"), select_related=("region",),
        columns=[
            Column("number", _("registration number"), sort="number", link=True),
            Column("name", _("mark"), sort="name"),
            Column("owner_name", _("owner"), sort="owner_name"),
            Column("kind", _("kind"), sort="kind"),
            Column("filing_date", _("filing date"), sort="filing_date"),
            Column("registration_date", _("registration date"), sort="registration_date"),
            Column("region.name", _("region"), sort="region"),
            Column("is_gi", _("GI mark")),
            Column("terminated_on", pgettext_lazy("trademark", "ended on"), sort="terminated_on"),
        ],
        timeline=trademark_timeline,
    ))
