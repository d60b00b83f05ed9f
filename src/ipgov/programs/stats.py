"""Counting queries behind the programs indicators (thin catalogue entries call these rules).

Designations in force are a stock: a designation counts at date D when it was designated on
or before D and not revoked on or before D (equivalently: its latest event on or before D is
`designated` or `accepted`; a pending application does not count). Awards count awarded patents by award edition; trainees sum participant counts
(人次) of events that started in the period. Region = the record's region (the organization's when designated/awarded),
rolled up with `Region.objects.within(code)`.
"""

from __future__ import annotations

import datetime

from django.db.models import OuterRef, Q, Subquery, Sum

from ipgov.programs.choices import IN_FORCE
from ipgov.programs.models import Award, Designation, DesignationEvent, TrainingEvent
from ipgov.regions.models import Region


def status_as_of(day: datetime.date):
    """Annotation: the designation's status on `day` (None if it had no event yet)."""
    latest = (DesignationEvent.objects.filter(designation=OuterRef("pk"), date__lte=day)
              .order_by("-date", "-id").values("status")[:1])
    return Subquery(latest)


def in_force(qs, as_of: datetime.date, accepted: bool = False):
    """The designations of `qs` designated (or, with `accepted`, accepted) on or before `as_of` and not
    revoked by then: the one rule of a designation in force (stocks, the list filter, evaluations)."""
    start = "accepted_on" if accepted else "designated_on"
    return qs.filter(**{f"{start}__lte": as_of}).filter(Q(revoked_on__isnull=True) | Q(revoked_on__gt=as_of))


def designations_in_force(region_code: str, as_of: datetime.date, kind: str | None = None,
                          level: str | None = None, accepted: bool = False) -> int:
    """Designated (or, with `accepted`, accepted) on or before `as_of` and not revoked by then."""
    qs = in_force(Designation.objects.filter(region__in=Region.objects.within(region_code)), as_of, accepted)
    if kind:
        qs = qs.filter(kind=kind)
    if level:
        qs = qs.filter(level=level)
    return qs.count()


def designations_in_force_from_events(region_code: str, as_of: datetime.date, kind: str | None = None) -> int:
    """The same stock read from the event history (the reference the cached dates must agree with)."""
    qs = Designation.objects.filter(region__in=Region.objects.within(region_code))
    if kind:
        qs = qs.filter(kind=kind)
    return qs.annotate(status_on=status_as_of(as_of)).filter(status_on__in=list(IN_FORCE)).count()


def designations_in_status(region_code: str, as_of: datetime.date, status: str, kind: str | None = None) -> int:
    qs = Designation.objects.filter(region__in=Region.objects.within(region_code))
    if kind:
        qs = qs.filter(kind=kind)
    return qs.annotate(status_on=status_as_of(as_of)).filter(status_on=status).count()


def awards(region_code: str, kind: str, edition: int | None = None, year: int | None = None) -> int:
    qs = Award.objects.filter(kind=kind, region__in=Region.objects.within(region_code))
    if edition is not None:
        qs = qs.filter(edition=edition)
    if year is not None:
        qs = qs.filter(award_date__year=year)
    return qs.count()


def trainees(region_code: str, start: datetime.date, end: datetime.date, theme: str | None = None) -> int:
    qs = TrainingEvent.objects.filter(region__in=Region.objects.within(region_code),
                                      start_date__gte=start, start_date__lte=end)
    if theme:
        qs = qs.filter(theme=theme)
    return qs.aggregate(n=Sum("participants"))["n"] or 0
