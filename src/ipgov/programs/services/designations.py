"""Designations (认定): create, move through applied → designated → accepted (验收) → revoked, evaluate."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ipgov.core import audit
from ipgov.core.models import ObjectChange
from ipgov.core.scope import CHANGE, check_object
from ipgov.programs.choices import TRANSITIONS, DesignationKind, DesignationStatus, Level
from ipgov.programs.models import Designation, DesignationEvent, Evaluation, Organization
from ipgov.programs.services.common import amount, as_date, save_new
from ipgov.regions.models import Region
from ipgov.regions.services import get_region

# The date column each status sets on the designation (caches of the history, for plain-SQL stocks).
CACHED_DATE = {DesignationStatus.DESIGNATED: "designated_on", DesignationStatus.ACCEPTED: "accepted_on",
               DesignationStatus.REVOKED: "revoked_on"}


def _authority(level: str, authority_region_code: str | None) -> Region | None:
    if level == Level.NATIONAL:
        if authority_region_code:
            raise ValidationError({"authority_region": _("national designations are made by CNIPA: "
                                                       "leave the designating region empty")})
        return None
    if not authority_region_code:
        raise ValidationError({"authority_region": _("a %(level)s designation needs the "
                                                   "designating province or city") % {"level": Level(level).label}})
    region = get_region(authority_region_code)
    if level == Level.PROVINCIAL and region.level != "province":
        raise ValidationError({"authority_region": _("%(region)s is not a province") % {"region": region}})
    if level == Level.CITY and not region.is_city_level:
        raise ValidationError({"authority_region": _("%(region)s is not a city-level unit") % {"region": region}})
    return region


@transaction.atomic
def designate(organization: Organization, kind: str, level: str, year: int, *, batch: str = "",
              authority_region_code: str | None = None, status: str = DesignationStatus.DESIGNATED,
              date: datetime.date | str, document: str = "", distinction: str = "",
              subject: str = "") -> Designation:
    """Record a new designation, starting its history with `status` (applied or designated) on `date`.
    `distinction` (首批 …) and `subject` (the GI a promotion project is about …) are what a report names."""
    if kind not in DesignationKind.values:
        raise ValidationError({"kind": _("unknown designation kind %(kind)r") % {"kind": kind}})
    if level not in Level.values:
        raise ValidationError({"level": _("unknown level %(level)r") % {"level": level}})
    day = as_date(date, "date")
    authority = _authority(level, authority_region_code)
    if authority is not None and not Region.objects.within(authority.code).filter(
            code=organization.region_id).exists():
        raise ValidationError({"organization": _("%(organization)s (%(region_id)s) is outside the "
                                               "jurisdiction of %(authority)s") % {"organization": organization, "region_id": organization.region_id, "authority": authority}})
    check_object(organization, CHANGE)
    if status not in TRANSITIONS[None]:
        raise ValidationError({"status": _("a designation starts as applied or designated")})
    live = Designation.objects.filter(organization=organization, kind=kind, level=level).exclude(
        status=DesignationStatus.REVOKED).first()
    if live is not None:
        raise ValidationError({"organization": _("duplicate designation: %(live)s already exists "
                                               "(%(status)s)") % {"live": live, "status": live.get_status_display()}})
    if Designation.objects.filter(organization=organization, kind=kind, level=level, batch=batch).exists():
        raise ValidationError({"batch": _("%(organization)s was already designated in batch %(batch)r") % {"organization": organization, "batch": batch}})
    designation = save_new(Designation(
        organization=organization, kind=kind, level=level, batch=batch, year=year, authority_region=authority,
        status=status, region_id=organization.region_id, distinction=distinction, subject=subject,
        designated_on=day if status == DesignationStatus.DESIGNATED else None))
    DesignationEvent.objects.create(designation=designation, status=status, date=day, document=document)
    return designation


@transaction.atomic
def change_status(designation: Designation, status: str, date: datetime.date | str, document: str = "") -> Designation:
    day = as_date(date, "date")
    designation = Designation.objects.select_for_update().get(pk=designation.pk)
    check_object(designation, CHANGE)
    if status not in TRANSITIONS[designation.status]:
        raise ValidationError({"status": _("%(designation)s is %(status)s: "
                                         "it cannot become %(status2)s") % {"designation": designation, "status": designation.get_status_display(), "status2": DesignationStatus(status).label}})
    last = designation.events.order_by("-date", "-id").first()
    if last is not None and day < last.date:
        raise ValidationError({"date": _("%(day)s is before the last event (%(last)s)") % {"day": day, "last": last}})
    before = audit.snapshot(designation)
    designation.status = status
    date_field = CACHED_DATE[status]
    setattr(designation, date_field, day)
    designation.save(update_fields=["status", date_field, "updated"])
    DesignationEvent.objects.create(designation=designation, status=status, date=day, document=document)
    audit.record(designation, ObjectChange.Action.TRANSITION, before=before, message=audit.text(gettext_noop("→ %(status)s on %(day)s"), status=DesignationStatus(status).label, day=day))
    return designation


@transaction.atomic
def record_evaluation(designation: Designation, year: int, date: datetime.date | str, score,
                      result: str = "") -> Evaluation:
    check_object(designation, CHANGE)
    value = amount(score, "score", allow_zero=True)
    if value > Decimal(100):
        raise ValidationError({"score": _("score %(value)s is above 100") % {"value": value}})
    if Evaluation.objects.filter(designation=designation, year=year).exists():
        raise ValidationError({"year": _("%(designation)s already has an evaluation for %(year)s") % {"designation": designation, "year": year}})
    return save_new(Evaluation(designation=designation, year=year, date=as_date(date, "date"),
                               score=value, result=result))
