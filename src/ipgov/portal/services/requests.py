"""Public service forms → real records, through the case services (one path for every case).

- 维权援助申请 → an assistance case (`open_case("assistance")`) at the assistance center of the region
  the visitor chose, channel "online";
- 侵权举报投诉 → an intake case for the competent city's market-regulation bureau: a trademark report a
  trademark-infringement case, a patent report a counterfeit-patent case (in state "received", its
  filing deadline running: the bureau verifies the lead and decides whether to file);
- 快速预审备案 → `register_enterprise` with the chosen protection center.

They run as the portal's system actor (`system:portal`) carrying the visitor's address, so the audit
says who filed from where. Documents are checked before anything is written, and everything is one
transaction: a refused file or field leaves nothing behind. Each filing gets a tracking number; the
status page shows it to whoever also knows the phone number given.
"""

from __future__ import annotations

import hmac
import re
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipgov.core.actor import Actor, acting_as, current_actor
from ipgov.core.audit import record
from ipgov.core.models import ObjectChange
from ipgov.portal.choices import RequestKind
from ipgov.portal.models import ServiceRequest

PROVINCE = "410000"
PHONE = re.compile(r"^\+?\d[\d -]{6,18}\d$")
# The fast pre-examination centers visitors may register with, and their regions.
PREEXAM_CENTERS = {"中国（新乡）知识产权保护中心": "410700", "中国（河南）知识产权保护中心": "410100"}


class RequestRefused(ValueError):
    """A filing refused; the message says what to correct."""


@dataclass(frozen=True)
class Document:
    name: str
    content: bytes


def _portal_actor() -> Actor:
    visitor = current_actor()
    return Actor(label="system:portal", remote_addr=visitor.remote_addr if visitor else None)


def _phone(phone: str) -> str:
    phone = (phone or "").strip()
    if not PHONE.match(phone):
        raise RequestRefused(_("please give a phone number (digits only, 8 to 20 of them)"))
    return re.sub(r"[ -]", "", phone)


def _region(code: str):
    from ipgov.regions.models import Region
    from ipgov.regions.services import city_level_units

    if code == PROVINCE:
        return Region.objects.get(code=PROVINCE)
    unit = city_level_units(PROVINCE).filter(code=code).first()
    if unit is None:
        raise RequestRefused(_("please choose a city of Henan (unknown region %(code)r)") % {"code": code})
    return unit


def _check_documents(documents) -> None:
    from ipgov.cases import documents as docstore

    for doc in documents:
        try:
            docstore.check(doc.name, doc.content)
        except docstore.DocumentRefused as exc:
            raise RequestRefused(str(exc)) from None


def _number(kind: str) -> str:
    prefix = {RequestKind.ASSISTANCE: "YZ", RequestKind.REPORT: "JB", RequestKind.PREEXAM_REGISTRATION: "BA"}[kind]
    return f"{prefix}{timezone.localdate():%Y%m%d}{secrets.token_hex(4).upper()}"


def _open(kind: str, case_kind: str, *, region, authority: str, right_type: str, title: str, parties, phone,
          documents, rights=(), **fields) -> ServiceRequest:
    from ipgov.cases import services as cases
    from ipgov.cases.choices import DocumentType
    from ipgov.cases.workflow import WorkflowError

    _check_documents(documents)
    with acting_as(_portal_actor()) as actor:
        try:
            with transaction.atomic():
                case = cases.open_case(case_kind, region=region.code, authority=authority, right_type=right_type,
                                       title=title[:300], parties=parties, rights=rights, **fields)
                for doc in documents:
                    cases.attach_document(case, DocumentType.REQUEST, doc.name, doc.content)
                filed = ServiceRequest.objects.create(number=_number(kind), kind=kind, phone=phone, case=case,
                                                      remote_addr=actor.remote_addr)
                record(filed, ObjectChange.Action.CREATE)
        except WorkflowError as exc:
            raise RequestRefused(str(exc)) from None
    return filed


def file_assistance(*, name: str, phone: str, region: str, right_type: str, description: str,
                    requester_type: str, right_number: str = "", documents=()) -> ServiceRequest:
    """维权援助申请 → an assistance case at the chosen region's assistance center."""
    from ipgov.cases.choices import Channel, PartyRole, PartyType, RequesterType

    phone, unit = _phone(phone), _region(region)
    if requester_type not in RequesterType.values:
        raise RequestRefused(_("please say whether you ask as a member of the public or an enterprise"))
    if not (name or "").strip() or not (description or "").strip():
        raise RequestRefused(_("please give your name and describe what you need"))
    party_type = PartyType.ENTERPRISE if requester_type == RequesterType.ENTERPRISE else PartyType.PERSON
    # the center's name is data (stored on the case), in Chinese whatever the visitor's language
    center = f"{unit.name}知识产权维权援助中心" if unit.code != PROVINCE else "河南省知识产权维权援助中心"
    return _open(RequestKind.ASSISTANCE, "assistance", region=unit, authority=center, right_type=right_type,
                 title=description.strip(), phone=phone, documents=documents,
                 rights=[(right_type, right_number)] if right_number.strip() else (),
                 parties=[{"role": PartyRole.COMPLAINANT, "name": name, "party_type": party_type}],
                 channel=Channel.ONLINE, requester_type=requester_type)


def file_report(*, name: str, phone: str, region: str, right_type: str, respondent: str, description: str,
                documents=()) -> ServiceRequest:
    """侵权举报投诉 → an intake case (received, filing deadline running) for the competent city."""
    from ipgov.cases.choices import Kind, PartyRole, PartyType, RightType

    phone, unit = _phone(phone), _region(region)
    if unit.code == PROVINCE:
        raise RequestRefused(_("please choose the city where the infringement takes place"))
    if not (name or "").strip() or not (respondent or "").strip() or not (description or "").strip():
        raise RequestRefused(_("please give your name, whom you report and what happened"))
    kind = Kind.TRADEMARK_INFRINGEMENT if right_type == RightType.TRADEMARK else Kind.COUNTERFEIT_PATENT
    return _open(RequestKind.REPORT, kind, region=unit, authority=f"{unit.name}市场监督管理局",
                 right_type=RightType.TRADEMARK if right_type == RightType.TRADEMARK else RightType.PATENT,
                 title=description.strip(), phone=phone, documents=documents,
                 parties=[{"role": PartyRole.COMPLAINANT, "name": name, "party_type": PartyType.PERSON},
                          {"role": PartyRole.RESPONDENT, "name": respondent, "party_type": PartyType.ENTERPRISE,
                           "region": unit.code}])


def register_for_preexam(*, enterprise: str, credit_code: str, phone: str, center: str) -> ServiceRequest:
    """快速预审备案 → the enterprise registered with the protection center (`register_enterprise`)."""
    from ipgov.cases import services as cases
    from ipgov.cases.workflow import WorkflowError

    phone = _phone(phone)
    if center not in PREEXAM_CENTERS:
        raise RequestRefused(_("please choose a protection center"))
    with acting_as(_portal_actor()) as actor:
        try:
            with transaction.atomic():
                registered = cases.register_enterprise(authority=center, name=enterprise, credit_code=credit_code,
                                                       registered_on=timezone.localdate(),
                                                       region=PREEXAM_CENTERS[center])
                filed = ServiceRequest.objects.create(number=_number(RequestKind.PREEXAM_REGISTRATION),
                                                      kind=RequestKind.PREEXAM_REGISTRATION, phone=phone,
                                                      enterprise=registered, remote_addr=actor.remote_addr)
                record(filed, ObjectChange.Action.CREATE)
        except WorkflowError as exc:
            raise RequestRefused(str(exc)) from None
    return filed


@dataclass(frozen=True)
class Status:
    number: str
    kind: str
    submitted: object
    state: str
    deadlines: list  # (what, due on)


def request_status(number: str, phone: str) -> Status | None:
    """What a visitor may know of their filing: None unless the number and the phone both match."""
    from ipgov.cases.choices import DeadlineStatus
    from ipgov.cases.kinds import get_kind

    filed = ServiceRequest.objects.select_related("case", "enterprise").filter(number=(number or "").strip()).first()
    given = re.sub(r"[ -]", "", (phone or "").strip())
    if filed is None or not hmac.compare_digest(filed.phone.encode(), given.encode()):
        return None
    if filed.case is not None:
        spec = get_kind(filed.case.kind)
        labels = {d.key: d.label for d in spec.deadlines}
        deadlines = [(labels.get(d.key, d.key), d.due_on)
                     for d in filed.case.deadlines.filter(status=DeadlineStatus.OPEN).order_by("due_on")]
        return Status(filed.number, filed.get_kind_display(), filed.created, str(spec.state(filed.case.state).label),
                      deadlines)
    return Status(filed.number, filed.get_kind_display(), filed.created,
                  _("registered with %(center)s") % {"center": filed.enterprise.authority}, [])
