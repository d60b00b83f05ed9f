"""Patent and trademark lists and detail pages (register: ipgov.rights)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ipgov.rights.filtersets import PatentFilterSet, TrademarkFilterSet
from ipgov.rights.models import Patent, Trademark
from ipgov.web.registry import Column, ListPage, TimelineEntry, register


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
