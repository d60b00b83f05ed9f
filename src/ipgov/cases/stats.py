"""Counting queries over cases: the definitions the catalogue's case indicators use (docs/cases.md).

Every count places a case in a period by one date of its own (received, filed, closed, pre-examined,
granted) and in a region by its handling authority's region, a region counting everything under it.
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Iterable

from django.db.models import Count, Q

from ipgov.cases.choices import ENFORCEMENT_KINDS, Kind, PatentType, RightType
from ipgov.cases.models import Case, Deadline
from ipgov.regions.models import Region

DATE_FIELDS = ("received_on", "filed_on", "closed_on", "preexam_on", "granted_on")


def cases_in(region: str, kinds: Iterable[str], date_field: str, start: datetime.date, end: datetime.date,
             **filters):
    if date_field not in DATE_FIELDS:
        raise ValueError(f"cases are counted by one of {DATE_FIELDS}, not {date_field!r}")
    return Case.objects.filter(
        kind__in=list(kinds), region__in=Region.objects.within(region),
        **{f"{date_field}__gte": start, f"{date_field}__lte": end}, **filters)


def count(region: str, kinds: Iterable[str], date_field: str, start, end, *, by: str | None = None,
          **filters) -> int | dict[str, int]:
    qs = cases_in(region, kinds, date_field, start, end, **filters)
    if by is None:
        return qs.count()
    return {row[by]: row["n"] for row in qs.values(by).annotate(n=Count("id")).order_by(by)}


def enforcement_cases_closed(region: str, start, end, *, right: str | None = None, by: str | None = None):
    """知识产权侵权假冒案件 (办结): patent disputes, counterfeit-patent and trademark cases closed in
    the period (any outcome, withdrawals included: 撤回结案); cases never filed are not cases."""
    filters = {"right_type": right} if right else {}
    return count(region, ENFORCEMENT_KINDS, "closed_on", start, end, by=by, **filters)


def cases_received(region, start, end, *, kinds=tuple(Kind.values), by=None, **filters):
    return count(region, kinds, "received_on", start, end, by=by, **filters)


def cases_filed(region, start, end, *, kinds=ENFORCEMENT_KINDS, by=None, **filters):
    return count(region, kinds, "filed_on", start, end, by=by, **filters)


def cases_closed(region, start, end, *, kinds=tuple(Kind.values), by=None, **filters):
    return count(region, kinds, "closed_on", start, end, by=by, **filters)


def ecommerce_cases_assisted(region, start, end, *, right: str = RightType.PATENT, authority: str | None = None):
    """电商领域案件 (协助办理): e-commerce complaints on `right` closed in the period, optionally at one center."""
    filters = {"right_type": right}
    if authority:
        filters["authority"] = authority
    return count(region, [Kind.ECOMMERCE], "closed_on", start, end, **filters)


def preexams_completed(region, start, end, *, patent_type: str | None = PatentType.DESIGN, authority=None):
    """预审完成: pre-examinations with a result (pass or fail) dated in the period."""
    filters = {"patent_type": patent_type} if patent_type else {}
    if authority:
        filters["authority"] = authority
    return count(region, [Kind.PREEXAM], "preexam_on", start, end, **filters)


def preexam_grants(region, start, end, *, patent_type: str | None = PatentType.DESIGN, authority=None):
    """预审授权: pre-examined applications whose grant was recorded in the period."""
    filters = {"patent_type": patent_type} if patent_type else {}
    if authority:
        filters["authority"] = authority
    return count(region, [Kind.PREEXAM], "granted_on", start, end, **filters)


def assistance_requests(region, start, end, *, by: str | None = "channel"):
    """维权援助请求 received in the period, by channel (center / workstation / online)."""
    return count(region, [Kind.ASSISTANCE], "received_on", start, end, by=by)


def closing_time(region, start, end, *, kinds=ENFORCEMENT_KINDS, **filters) -> dict:
    """Closing time of the cases closed in the period: median calendar days from receipt, and the
    share closed within their closing deadline (as extended), among cases that had one."""
    qs = cases_in(region, kinds, "closed_on", start, end, **filters)
    days = list(qs.values_list("closing_days", flat=True))
    total = qs.filter(closed_in_time__isnull=False).count()
    met = qs.filter(closed_in_time=True).count()
    return {"cases": len(days), "median_days": statistics.median(days) if days else None,
            "with_deadline": total, "within_deadline": met, "share_within": (met / total) if total else None}


def overdue_at(region: str, day: datetime.date, *, kinds=tuple(Kind.values)) -> int:
    """Open cases with at least one deadline that was running and past its last day on `day`."""
    running = Deadline.objects.filter(start_on__lte=day, due_on__lt=day).filter(
        Q(met_on__isnull=True) | Q(met_on__gt=day))
    return (Case.objects.filter(kind__in=list(kinds), region__in=Region.objects.within(region),
                                received_on__lte=day, deadlines__in=running)
            .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day))
            .distinct().count())


def overdue_deadlines_at(region: str, day: datetime.date) -> int:
    """Deadlines running and past their last day on `day` (the catalogue's `overdue_deadlines`, a stock)."""
    return Deadline.objects.filter(region__in=Region.objects.within(region), overdue_from__lte=day).filter(
        Q(met_on__isnull=True) | Q(met_on__gt=day)).count()
