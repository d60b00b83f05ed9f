"""The link from utilization records (pledges, awards, lots, trusts) to the rights register.

Pledges, awards, auction lots and trust products name rights by number; every service that
writes one checks the number against the register: the right must exist and be valid on the
date that matters (registration date, award year …). The register lives in the `rights` app;
`Register` is the small interface this module needs from it, so the check is written once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Protocol

from django.apps import apps

from ipgov.programs.choices import RightKind


class RegisterUnavailable(RuntimeError):
    """The rights register (app `ipgov.rights`) is not installed: rights cannot be checked."""


@dataclass(frozen=True)
class RightRef:
    kind: str
    number: str
    valid_from: datetime.date | None  # grant / registration date
    ended_on: datetime.date | None  # date the right ended (lapse, expiry, invalidation …)
    owner_region: str | None = None

    def valid_on(self, day: datetime.date) -> bool:
        """Granted on or before `day` and not ended on or before it (DESIGN.md counting rules)."""
        if self.valid_from is None or self.valid_from > day:
            return False
        return self.ended_on is None or self.ended_on > day


class Register(Protocol):
    def lookup(self, kind: str, number: str) -> RightRef | None: ...

    def valid_rights(self, kind: str, region_code: str, on: datetime.date, limit: int) -> list[RightRef]: ...


def normalize_number(kind: str, raw: str) -> str:
    """`ZL 2021 2163 5235.X` → `202121635235.X`; trademark numbers are plain digits."""
    text = "".join(str(raw or "").split()).upper()
    if kind == RightKind.PATENT:
        for prefix in ("ZL", "CN"):
            if text.startswith(prefix):
                text = text[len(prefix):]
        if "." not in text and len(text) in (9, 13):
            text = f"{text[:-1]}.{text[-1]}"
    return text


class DjangoRightsRegister:
    """The real register: `ipgov.rights` Patent (application_number, grant_date, terminated_on)
    and Trademark (number, registration_date, terminated_on)."""

    def _models(self):
        if not apps.is_installed("ipgov.rights"):
            raise RegisterUnavailable(
                "the rights register (ipgov.rights) is not installed: pledged, awarded, auctioned "
                "and trusted rights cannot be checked")
        return apps.get_model("rights", "Patent"), apps.get_model("rights", "Trademark")

    def _ref(self, kind: str, obj) -> RightRef:
        if kind == RightKind.PATENT:
            return RightRef(kind, obj.application_number, obj.grant_date, obj.terminated_on,
                            getattr(obj, "region_id", None))
        return RightRef(kind, str(obj.number), getattr(obj, "registration_date", None),
                        getattr(obj, "terminated_on", None), getattr(obj, "region_id", None))

    def lookup(self, kind: str, number: str) -> RightRef | None:
        patent, trademark = self._models()
        if kind == RightKind.PATENT:
            obj = patent.objects.filter(application_number=number).first()
        else:
            obj = trademark.objects.filter(number=number).first()
        return None if obj is None else self._ref(kind, obj)

    def valid_rights(self, kind: str, region_code: str, on: datetime.date, limit: int) -> list[RightRef]:
        from django.db.models import Q

        from ipgov.regions.models import Region

        patent, trademark = self._models()
        model, date_field = (patent, "grant_date") if kind == RightKind.PATENT else (trademark, "registration_date")
        qs = (model.objects.filter(**{f"{date_field}__lte": on}, region__in=Region.objects.within(region_code))
              .filter(Q(terminated_on__isnull=True) | Q(terminated_on__gt=on))
              .order_by(date_field, "pk"))
        return [self._ref(kind, obj) for obj in qs[:limit]]


_register: Register = DjangoRightsRegister()


def register() -> Register:
    return _register


def use_register(reg: Register) -> Register:
    """Swap the register (tests only, while the rights app is not in this branch); returns the old one."""
    global _register
    old, _register = _register, reg
    return old


def check_right(kind: str, raw_number: str, on: datetime.date) -> tuple[str, str | None]:
    """(normalized number, problem or None): the right must exist and be valid on `on`."""
    number = normalize_number(kind, raw_number)
    if not number:
        return number, "no right number given"
    ref = register().lookup(kind, number)
    label = RightKind(kind).label
    if ref is None:
        return number, f"{label} {number} is not in the register"
    if not ref.valid_on(on):
        if ref.valid_from is None or ref.valid_from > on:
            return number, f"{label} {number} was not yet granted/registered on {on}"
        return number, f"{label} {number} had ended on {ref.ended_on}, before {on}"
    return number, None
