"""Pledge financing (质押融资): register a project with its rights, release or revoke it."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ipgov.core import audit
from ipgov.core.models import ObjectChange
from ipgov.core.scope import CHANGE, check_object
from ipgov.finance.choices import PledgedKinds, PledgeeKind, PledgeStatus
from ipgov.finance.models import Pledge, PledgedRight
from ipgov.programs.models import Organization
from ipgov.programs.rights_link import check_right
from ipgov.programs.services.common import amount, as_date, save_new
from ipgov.rights.choices import RightType


def checked_rights(rights: Iterable[tuple[str, str]], on: datetime.date, field: str = "rights") -> list[tuple[str, str]]:
    """Normalize and check (kind, number) pairs against the register on date `on`; all problems at once."""
    result, problems = [], []
    for kind, raw in rights:
        if kind not in RightType.values:
            problems.append(_("unknown right kind %(kind)r") % {"kind": kind})
            continue
        number, problem = check_right(kind, raw, on)
        if problem:
            problems.append(problem)
        elif (kind, number) in result:
            problems.append(_("%(kind)s %(number)s is listed twice") % {"kind": RightType(kind).label, "number": number})
        else:
            result.append((kind, number))
    if problems:
        raise ValidationError({field: problems})
    if not result:
        raise ValidationError({field: _("at least one right must be pledged")})
    return result


def _checked(pledgee_kind: str, amount_yuan, registration_date, term_start, term_end, rights) -> dict:
    """The validated values of a pledge (shared by registration and amendment)."""
    day = as_date(registration_date, "registration_date")
    start, end = as_date(term_start, "term_start"), as_date(term_end, "term_end")
    if end <= start:
        raise ValidationError({"term_end": _("term ends %(end)s, not after its start %(start)s") % {"end": end, "start": start}})
    if pledgee_kind not in PledgeeKind.values:
        raise ValidationError({"pledgee_kind": _("unknown pledgee kind %(pledgee_kind)r") % {"pledgee_kind": pledgee_kind}})
    value = amount(amount_yuan, "amount")
    pairs = checked_rights(rights, day)
    kinds = {kind for kind, _number in pairs}
    right_kinds = PledgedKinds.BOTH if len(kinds) == 2 else PledgedKinds(kinds.pop())
    return dict(pledgee_kind=pledgee_kind, amount=value, registration_date=day, term_start=start, term_end=end,
                right_kinds=right_kinds, pairs=pairs)


@transaction.atomic
def register_pledge(*, registration_number: str, pledgor: Organization, pledgee: str, pledgee_kind: str,
                    amount_yuan, registration_date: datetime.date | str, term_start: datetime.date | str,
                    term_end: datetime.date | str, rights: Iterable[tuple[str, str]]) -> Pledge:
    """One pledge project: every right must exist in the register and be valid on the registration date."""
    check_object(pledgor, CHANGE)
    values = _checked(pledgee_kind, amount_yuan, registration_date, term_start, term_end, rights)
    pairs = values.pop("pairs")
    if Pledge.objects.filter(registration_number=registration_number).exists():
        raise ValidationError({"registration_number": _("pledge %(registration_number)s is already registered")
                                                % {"registration_number": registration_number}})
    pledge = save_new(Pledge(registration_number=registration_number, pledgor=pledgor, pledgee=pledgee,
                             region_id=pledgor.region_id, **values))
    for kind, number in pairs:
        PledgedRight.objects.create(pledge=pledge, kind=kind, number=number)
    return pledge


@transaction.atomic
def amend_pledge(pledge: Pledge, *, pledgee: str, pledgee_kind: str, amount_yuan,
                 registration_date: datetime.date | str, term_start: datetime.date | str,
                 term_end: datetime.date | str, rights: Iterable[tuple[str, str]]) -> Pledge | None:
    """Correct a registered pledge's values (a newer delivery of the same 登记号); None when nothing differs."""
    pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
    check_object(pledge, CHANGE)
    values = _checked(pledgee_kind, amount_yuan, registration_date, term_start, term_end, rights)
    pairs = values.pop("pairs")
    values["pledgee"] = pledgee
    current = sorted((r.kind, r.number) for r in pledge.rights.all())
    if all(getattr(pledge, k) == v for k, v in values.items()) and current == sorted(pairs):
        return None
    before = audit.snapshot(pledge)
    for k, v in values.items():
        setattr(pledge, k, v)
    pledge.full_clean()
    pledge.save()
    pledge.rights.all().delete()
    PledgedRight.objects.bulk_create([PledgedRight(pledge=pledge, kind=kind, number=number) for kind, number in pairs])
    audit.record(pledge, ObjectChange.Action.UPDATE, before=before, message="amended by an import")
    return pledge


@transaction.atomic
def end_pledge(pledge: Pledge, status: str, on: datetime.date | str) -> Pledge:
    """Release (解除, debt repaid) or revoke (撤销, the registration was void) a registered pledge."""
    pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
    check_object(pledge, CHANGE)
    day = as_date(on, "ended_on")
    if pledge.status != PledgeStatus.REGISTERED:
        raise ValidationError({"status": _("%(pledge)s is already %(status)s") % {"pledge": pledge, "status": pledge.get_status_display()}})
    if status not in (PledgeStatus.RELEASED, PledgeStatus.REVOKED):
        raise ValidationError({"status": _("a pledge ends as released or revoked, not %(status)r") % {"status": status}})
    if day < pledge.registration_date:
        raise ValidationError({"ended_on": _("%(day)s is before the registration date %(registration_date)s") % {"day": day, "registration_date": pledge.registration_date}})
    before = audit.snapshot(pledge)
    pledge.status, pledge.ended_on = status, day
    pledge.save(update_fields=["status", "ended_on", "updated"])
    audit.record(pledge, ObjectChange.Action.TRANSITION, before=before, message=audit.text(gettext_noop("→ %(status)s on %(day)s"), status=PledgeStatus(status).label, day=day))
    return pledge
