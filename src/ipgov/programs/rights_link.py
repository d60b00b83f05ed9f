"""The link from utilization records (pledges, awards, lots, trusts) to the rights register.

Pledges, awards, auction lots and trust products name rights by number; every service that
writes one checks the number against the register (`ipgov.rights`): the right must exist and
be valid on the date that matters (registration date, award year …). Validity uses the
register's cached `terminated_on` (kept by its services from the legal events), so the check
is one indexed query and agrees with the register's counting rules: valid at D when granted
(registered) on or before D and not ended on or before D.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ipgov.regions.models import Region
from ipgov.rights.choices import RightType
from ipgov.rights.models import Patent, Trademark
from ipgov.rights.numbers import NumberError, normalize_trademark_number, parse_application_number


@dataclass(frozen=True)
class RightRef:
    kind: str
    number: str
    valid_from: datetime.date | None  # grant / registration date
    ended_on: datetime.date | None  # the date the right ended (lapse, expiry, invalidation …)
    owner_region: str | None = None

    def valid_on(self, day: datetime.date) -> bool:
        if self.valid_from is None or self.valid_from > day:
            return False
        return self.ended_on is None or self.ended_on > day


def canonical_number(kind: str, raw: str) -> str:
    """The register's canonical number (`ZL 2021 2163 5235.X` → `202121635235.X`, `第8911270号` → `8911270`),
    by the one rule per identifier in `ipgov.rights.numbers`; NumberError says why a number is not one."""
    if kind == RightType.PATENT:
        return parse_application_number(raw).canonical
    return normalize_trademark_number(raw)


def normalize_number(kind: str, raw: str) -> str:
    """The canonical number, or the text without spaces when it is not a valid number (it then matches nothing)."""
    try:
        return canonical_number(kind, raw)
    except NumberError:
        return "".join(str(raw or "").split()).upper()


def _model(kind: str):
    return (Patent, "application_number", "grant_date") if kind == RightType.PATENT else \
        (Trademark, "number", "registration_date")


def lookup(kind: str, number: str) -> RightRef | None:
    model, key, start = _model(kind)
    row = model.objects.filter(**{key: number}).values(key, start, "terminated_on", "region_id").first()
    if row is None:
        return None
    return RightRef(kind, row[key], row[start], row["terminated_on"], row["region_id"])


def valid_rights(kind: str, region_code: str, on: datetime.date, limit: int,
                 exclude: set[str] | frozenset[str] = frozenset()) -> list[RightRef]:
    """Rights of owners in `region_code` valid on `on`, oldest grant first (for the demo's choices)."""
    model, key, start = _model(kind)
    qs = (model.objects.valid_on(on).filter(region__in=Region.objects.within(region_code))  # the register's rule
          .exclude(**{f"{key}__in": list(exclude)})
          .order_by(start, key).values(key, start, "terminated_on", "region_id"))
    return [RightRef(kind, r[key], r[start], r["terminated_on"], r["region_id"]) for r in qs[:limit]]


def check_right(kind: str, raw_number: str, on: datetime.date) -> tuple[str, str | None]:
    """(normalized number, problem or None): the right must exist and be valid on `on`."""
    label = RightType(kind).label
    number = "".join(str(raw_number or "").split()).upper()
    if not number:
        return number, _("no right number given")
    try:
        number = canonical_number(kind, raw_number)
    except NumberError as exc:
        return number, _("%(right)s number refused: %(reason)s") % {"right": label, "reason": exc}
    ref = lookup(kind, number)
    facts = {"right": label, "number": number, "day": on, "ended": ref.ended_on if ref else None}
    if ref is None:
        return number, _("%(right)s %(number)s is not in the register") % facts
    if ref.valid_from is None or ref.valid_from > on:
        return number, _("%(right)s %(number)s was not yet granted/registered on %(day)s") % facts
    if not ref.valid_on(on):
        return number, _("%(right)s %(number)s had ended on %(ended)s, before %(day)s") % facts
    return number, None
