"""Named achievements (成绩) a work report cites by name, read from the records themselves.

Figures come from the cube (`figures.fetch`); what the cube cannot hold — *which* cities received
the grants, that an auction was 河南首届 or a trust product 全国首个, that a protection center passed
its acceptance, which GI a promotion project is about, a training tour's theme — comes from the
records, read under the current actor's scope (`restrict`) and limited to the report's region.
Nothing here counts: a sentence's numbers are still the cube's.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ipgov.regions.models import Region


@dataclass(frozen=True)
class Named:
    name: str
    distinction: str = ""
    date: datetime.date | None = None
    region_name: str = ""
    key: str = ""  # how the cube's breakdown names the record (fund=<id>)
    extra: str = ""


def _codes(region_code: str) -> list[str]:
    return list(Region.objects.within(region_code).values_list("code", flat=True))


def _city_short(code: str) -> str:
    """410172 (郑州高新区) → 郑州: the city a record belongs to, as a report names it."""
    region = Region.objects.filter(code=code).first()
    if region is None:
        return ""
    city = Region.objects.filter(code=region.city_id).first() if region.city_id else None
    name = (city or region).name
    return name[:-1] if name.endswith("市") and len(name) > 2 else ("" if name.endswith("省") else name)


def grant_cities(region_code: str, end: datetime.date) -> list[str]:
    """The cities that received central operation-service funds by `end`, in order of their first grant."""
    from ipgov.finance.choices import GrantSource
    from ipgov.finance.models import OperationCityGrant

    rows = (OperationCityGrant.objects.restrict().filter(city__in=_codes(region_code), source=GrantSource.CENTRAL,
                                                          granted_on__lte=end)
            .order_by("granted_on").values_list("city__name", flat=True))
    return list(dict.fromkeys(rows))


def funds(region_code: str, end: datetime.date) -> list[Named]:
    """The IP operation funds set up by `end`, each with its distinction (首支) and city."""
    from ipgov.finance.models import Fund

    return [Named(f.name, f.distinction, f.inception, _city_short(f.region_id), f"fund={f.pk}")
            for f in Fund.objects.restrict().filter(region__in=_codes(region_code), inception__lte=end)
            .order_by("inception", "name")]


def auctions(region_code: str, start: datetime.date, end: datetime.date) -> list[Named]:
    from ipgov.finance.models import Auction

    return [Named(a.name, a.distinction, a.date) for a in Auction.objects.restrict().filter(
        region__in=_codes(region_code), date__range=(start, end)).order_by("date")]


def trusts(region_code: str, start: datetime.date, end: datetime.date) -> list[Named]:
    from ipgov.finance.models import TrustProduct

    return [Named(t.name, t.distinction, t.issue_date) for t in TrustProduct.objects.restrict().filter(
        region__in=_codes(region_code), issue_date__range=(start, end)).order_by("issue_date")]


def designations(region_code: str, kind: str, start: datetime.date, end: datetime.date, *,
                 accepted: bool = False) -> list[Named]:
    """Designations of `kind` made (or, with `accepted`, accepted after inspection) between start and end."""
    from ipgov.programs.models import Designation

    field = "accepted_on" if accepted else "designated_on"
    rows = Designation.objects.restrict().filter(region__in=_codes(region_code), kind=kind,
                                                 **{f"{field}__range": (start, end)}).select_related("organization")
    return [Named(d.organization.name, d.distinction, getattr(d, field), extra=d.subject or str(d.year))
            for d in rows.order_by(field, "organization__name")]


def distinction_in_force(region_code: str, kind: str, end: datetime.date) -> str:
    """The distinction shared by every designation of `kind` in force at `end` (首批), or ""."""
    from ipgov.programs.choices import IN_FORCE
    from ipgov.programs.models import Designation

    found = set(Designation.objects.restrict().filter(region__in=_codes(region_code), kind=kind, status__in=IN_FORCE,
                                                      designated_on__lte=end).values_list("distinction", flat=True))
    return found.pop() if len(found) == 1 else ""


def training_theme(region_code: str, start: datetime.date, end: datetime.date) -> str:
    """The theme most participants were trained under in the window (a lecture tour's theme), or ""."""
    from django.db.models import Sum

    from ipgov.programs.models import TrainingEvent

    row = (TrainingEvent.objects.restrict().filter(region__in=_codes(region_code), start_date__range=(start, end))
           .exclude(theme="").values("theme").annotate(n=Sum("participants")).order_by("-n").first())
    return row["theme"] if row else ""


def work_plan(region_code: str, year: int) -> list[Named]:
    """The open tasks of the region's own work plan for `year` (not its cities'), in plan order."""
    from ipgov.programs.choices import TaskStatus
    from ipgov.programs.models import WorkPlanTask

    rows = (WorkPlanTask.objects.restrict().filter(region_id=region_code, plan_year=year)
            .exclude(status=TaskStatus.DONE).order_by("number"))
    return [Named(t.task, date=t.due_on, extra=t.owner) for t in rows]
