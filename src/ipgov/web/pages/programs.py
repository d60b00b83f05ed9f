"""Designation list and detail pages (ipgov.programs): pilot units, centers, workstations, …"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ipgov.programs.filtersets import DesignationFilterSet
from ipgov.programs.models import Designation
from ipgov.web.registry import Column, ListPage, TimelineEntry, register


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
