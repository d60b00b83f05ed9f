"""Pledge financing list and detail pages (ipgov.finance)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ipgov.finance.filtersets import PledgeFilterSet
from ipgov.finance.models import Pledge
from ipgov.web.registry import Column, ListPage, TimelineEntry, register


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
