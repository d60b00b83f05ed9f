"""Case services: every write to a case goes through here, under an actor, audited, atomic.

Views, API endpoints and CLI verbs parse input and call these; they never write cases themselves.
Scope is enforced here, by `ipgov.core.scope`: a staff member may only act on cases of their region
(a city officer on the city and its counties), the province on all.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ipgov.cases import documents as docstore
from ipgov.cases import engine, workdays
from ipgov.cases.choices import DeadlineStatus, EventAction, PartyRole, PartyType, RightType
from ipgov.cases.kinds import get_kind
from ipgov.cases.models import (
    Case,
    CaseDocument,
    CaseEvent,
    CaseRight,
    Deadline,
    DeadlinePolicy,
    Party,
    RegisteredEnterprise,
)
from ipgov.cases.workflow import WorkflowError
from ipgov.core import credit_code as credit_codes
from ipgov.core.audit import record, snapshot, text
from ipgov.core.models import ObjectChange
from ipgov.core.scope import CHANGE, VIEW, OutOfScope, Scope, check_object, check_region, scope_of
from ipgov.regions.models import Region


def visible_cases(action: str = VIEW):
    """The cases the current actor may see (or change): the one queryset lists and exports use."""
    return Case.objects.restrict(None, action).select_related("region")


def _check_role(who: Scope, spec) -> None:
    if who.role is not None and not any(who.role in t.roles for t in spec.transitions):
        raise OutOfScope(_("the role %(role)s does not handle %(kind)s cases") % {"role": who.role, "kind": spec.label})


def get_case(ref: int | str | Case, action: str = VIEW) -> Case:
    """A case by id or number, if the actor may see (or change) it; OutOfScope otherwise."""
    if isinstance(ref, Case):
        ref = ref.pk
    lookup = {"pk": int(ref)} if str(ref).isdecimal() else {"number": str(ref)}
    try:
        case = Case.objects.select_related("region").get(**lookup)
    except Case.DoesNotExist:
        raise Case.DoesNotExist(_("no case %(ref)s") % {"ref": ref}) from None
    check_object(case, action)
    return case


def policy_lookup():
    """Deadline figures set per center/authority, read once per call of a service."""
    rows = {(p.kind, p.key, p.authority): (p.amount, p.unit, p.source) for p in DeadlinePolicy.objects.all()}
    return lambda kind, key, authority: rows.get((kind, key, authority))


def next_number(prefix: str, region_code: str, year: int, taken: dict | None = None) -> str:
    """`PREFIX-REGION-YEAR-NNNNN`, the next serial of that authority's register for the year."""
    stem = f"{prefix}-{region_code}-{year}-"
    if taken is not None and stem in taken:
        taken[stem] += 1
        return f"{stem}{taken[stem]:05d}"
    last = (Case.objects.filter(number__startswith=stem).order_by("-number")
            .values_list("number", flat=True).first())
    serial = int(last.rsplit("-", 1)[1]) if last else 0
    if taken is not None:
        taken[stem] = serial + 1
    return f"{stem}{serial + 1:05d}"


def _persist(case: Case, effects: engine.Effects, *, created: bool = False) -> None:
    if created:
        case.save()
    elif effects.case_fields:
        case.save(update_fields=sorted(effects.case_fields | {"updated"}))
    for d in effects.new_deadlines:
        d.case = case
        d.save()
    for d in effects.changed_deadlines:
        if d.pk:
            d.save(update_fields=["status", "met_on", "due_on", "overdue_from", "extensions_used", "provisional"])
    for ext in effects.extensions:
        ext.save()
    for event in effects.events:
        event.case = case
        event.save()


def _event(case: Case, who: Scope, on: datetime.date, action: str, message: str, data: dict) -> CaseEvent:
    return CaseEvent.objects.create(case=case, on=on, actor=who.actor.label, user_id=who.actor.user_id,
                                    action=action, message=message[:500], data=data)


def check_case_fields(fields) -> None:
    """A kind's own values (platform, channel …) name real case fields, not the engine's."""
    allowed = {f.name for f in Case._meta.concrete_fields} - {"id", "number", "kind", "state", "region",
                                                              "authority", "right_type", "title"}
    unknown = set(fields) - allowed
    if unknown:
        raise WorkflowError(_("unknown case fields: %(names)s") % {"names": ", ".join(sorted(unknown))})


def check_role(who: Scope, kind: str) -> None:
    """The actor's role handles cases of this kind (system actors handle every kind)."""
    _check_role(who, get_kind(kind))


def open_case(kind: str, *, region: str, authority: str, received_on: datetime.date | None = None,
              right_type: str | None = None, title: str = "", parties: list[dict] = (),
              rights: list[tuple[str, str] | str] = (), **fields) -> Case:
    """Register a new case (登记). `fields` are the kind's own values (platform, channel …)."""
    who = scope_of()
    spec = get_kind(kind)
    try:
        region_obj = Region.objects.get(code=region)
    except Region.DoesNotExist:
        raise WorkflowError(_("unknown region code %(code)r") % {"code": region}) from None
    check_region(region, CHANGE, who=who)
    _check_role(who, spec)
    on = received_on or timezone.localdate()
    check_applicant(kind, authority.strip(), on, parties)
    check_case_fields(fields)
    case = Case(kind=kind, region=region_obj, authority=authority.strip(), right_type=right_type or spec.right_types[0],
                title=title, received_on=on, last_on=on, **fields)
    effects = engine.open_case(case, on=on, actor=who.actor.label, user_id=who.actor.user_id,
                               policy=policy_lookup())
    for attempt in range(3):
        case.number = next_number(spec.number_prefix, region, on.year)
        try:
            with transaction.atomic():
                _persist(case, effects, created=True)
                record(case, ObjectChange.Action.CREATE)
                for p in parties:
                    _add_party(case, who, on, **p)
                for r in rights:
                    rt, number = (r if isinstance(r, tuple | list) else (case.right_type, r))
                    _add_right(case, who, on, rt, number)
            return case
        except IntegrityError:
            if attempt == 2 or Case.objects.filter(number=case.number).count() == 0:
                raise
            case.pk = None  # another officer took the number first: take the next one
    raise AssertionError("unreachable")


def registry_lookup():
    """(center, credit code) -> the date the enterprise was registered with the center."""
    rows = dict(((a, c), d) for a, c, d in RegisteredEnterprise.objects.values_list(
        "authority", "credit_code", "registered_on"))
    return rows.get


def check_applicant(kind: str, authority: str, on: datetime.date, parties, registered=None) -> None:
    """Kinds that serve registered enterprises only (pre-examination) need a registered applicant."""
    if not get_kind(kind).registered_applicant:
        return
    codes = []
    for p in parties:
        if p.get("role") == PartyRole.COMPLAINANT and p.get("credit_code"):
            try:
                codes.append(credit_codes.parse(p["credit_code"]))
            except credit_codes.CreditCodeError as exc:
                raise WorkflowError(str(exc)) from None
    if not codes:
        raise WorkflowError(_("a pre-examination request needs its applicant (complainant) with the "
                              "unified social credit code"))
    lookup = registered or (lambda key: RegisteredEnterprise.objects.filter(
        authority=key[0], credit_code=key[1]).values_list("registered_on", flat=True).first())
    for code in codes:
        since = lookup((authority, code))
        if since is not None and since <= on:
            return
    raise WorkflowError(_("%(codes)s is not registered (备案) with %(center)s on %(on)s: only registered "
                          "enterprises may file for pre-examination there")
                        % {"codes": ", ".join(codes), "center": authority, "on": on})


def register_enterprise(*, authority: str, name: str, credit_code: str, registered_on: datetime.date,
                        region: str | None = None) -> RegisteredEnterprise:
    """Register (备案) an enterprise with a center, so it may file for pre-examination there."""
    who = scope_of()
    if region:
        check_region(region, CHANGE, who=who, what=_("registered enterprises"))
    elif not who.allows(CHANGE):  # no region: any staff member who may write (a center registers its own)
        raise who.refuse(CHANGE, None)
    try:
        code = credit_codes.parse(credit_code)
    except credit_codes.CreditCodeError as exc:
        raise WorkflowError(str(exc)) from None
    if not (name or "").strip() or not (authority or "").strip():
        raise WorkflowError(_("a registration needs the enterprise's name and the center"))
    with transaction.atomic():
        ent = RegisteredEnterprise.objects.create(authority=authority.strip(), name=name.strip(), credit_code=code,
                                                  region_id=region or None, registered_on=registered_on)
        record(ent, ObjectChange.Action.CREATE)
    return ent


def _deadline_map(case: Case) -> dict[str, Deadline]:
    return {d.key: d for d in case.deadlines.all()}


def move_case(ref, transition: str, *, on: datetime.date | None = None, **values) -> Case:
    """Take a transition (流转) of the case's workflow; refused with the reason, case unchanged."""
    from ipgov.cases import linking

    who = scope_of()
    if values.get("application_number"):
        values["application_number"] = linking.clean_number(RightType.PATENT, values["application_number"])
    with transaction.atomic():
        case = get_case(ref, CHANGE)
        case = Case.objects.select_for_update().get(pk=case.pk)
        before = snapshot(case)
        documents = set(case.documents.values_list("doc_type", flat=True))
        effects = engine.move_case(case, _deadline_map(case), transition, on=on or timezone.localdate(),
                                   role=who.role, documents=documents, values=values, actor=who.actor.label,
                                   user_id=who.actor.user_id, policy=policy_lookup())
        _persist(case, effects)
        record(case, ObjectChange.Action.TRANSITION, before=before,
               message=text(get_kind(case.kind).transition(transition).label))
        number = values.get("application_number")
        if number and not case.rights.filter(right_type=RightType.PATENT, number=number).exists():
            _add_right(case, who, case.last_on, RightType.PATENT, number)
        if case.state == "granted":
            _relink(case.rights.filter(patent__isnull=True, trademark__isnull=True), who, case.last_on)
    return case


def _relink(rights, who: Scope, on) -> int:
    from ipgov.cases import linking

    linked = 0
    for right in rights.select_related("case"):
        before = snapshot(right)
        if linking.link(right):
            right.save(update_fields=["patent", "trademark"])
            record(right, ObjectChange.Action.UPDATE, before=before, message=text(gettext_noop("linked to the register")))
            _event(right.case, who, on or timezone.localdate(), EventAction.RIGHT_LINKED,
                   f"{right} → {right.patent or right.trademark}", {"right": right.pk})
            linked += 1
    return linked


def relink_rights() -> int:
    """Link the rights of the actor's cases whose register record has appeared since; the count linked."""
    who = scope_of()
    with transaction.atomic():
        rights = CaseRight.objects.filter(case__in=visible_cases(CHANGE), patent__isnull=True,
                                          trademark__isnull=True)
        return _relink(rights, who, None)


def extend_deadline(ref, key: str, *, amount: int, unit: str, approved_by: str, reason: str,
                    on: datetime.date | None = None, collective: bool = False) -> Deadline:
    """Extend a running deadline (延期) with the approver named; refused past the legal maximum."""
    who = scope_of()
    with transaction.atomic():
        case = get_case(ref, CHANGE)
        _check_role(who, get_kind(case.kind))
        try:
            deadline = case.deadlines.select_for_update().get(key=key)
        except Deadline.DoesNotExist:
            raise WorkflowError(_("%(case)s has no running deadline %(key)r") % {"case": case, "key": key}) from None
        before = snapshot(deadline)
        effects = engine.extend_deadline(case, deadline, amount=amount, unit=unit, approved_by=approved_by,
                                         reason=reason, on=on or timezone.localdate(), collective=collective,
                                         actor=who.actor.label, user_id=who.actor.user_id)
        _persist(case, effects)
        record(deadline, ObjectChange.Action.UPDATE, before=before, message=text(gettext_noop("extended, approved by %(by)s"), by=approved_by))
    return deadline


def clean_party(case: Case, *, role: str, name: str, party_type: str = PartyType.ENTERPRISE,
                region: str | None = None, address: str = "", credit_code: str = "",
                region_exists=None) -> Party:
    """A checked, unsaved party of `case` (the single and the bulk path both use it)."""
    if role not in PartyRole.values:
        raise WorkflowError(_("unknown party role %(role)r") % {"role": role})
    if party_type not in PartyType.values:
        raise WorkflowError(_("unknown party type %(type)r") % {"type": party_type})
    if not (name or "").strip():
        raise WorkflowError(_("a party needs a name"))
    exists = region_exists or (lambda code: Region.objects.filter(code=code).exists())
    if region and not exists(region):
        raise WorkflowError(_("unknown region code %(code)r") % {"code": region})
    if credit_code:
        try:
            credit_code = credit_codes.parse(credit_code)
        except credit_codes.CreditCodeError as exc:
            raise WorkflowError(str(exc)) from None
    return Party(case=case, role=role, party_type=party_type, name=name.strip(), region_id=region or None,
                 address=address, credit_code=credit_code)


def _add_party(case: Case, who: Scope, on, **fields) -> Party:
    party = clean_party(case, **fields)
    party.save()
    role, region = party.role, party.region_id
    record(party, ObjectChange.Action.CREATE)
    _event(case, who, on, EventAction.PARTY, f"{PartyRole(role).label}: {party.name}",
           {"party": party.pk, "role": role, "region": region})
    return party


def add_party(ref, *, on: datetime.date | None = None, **party) -> Party:
    who = scope_of()
    with transaction.atomic():
        case = get_case(ref, CHANGE)
        return _add_party(case, who, on or timezone.localdate(), **party)


def clean_right(case: Case, right_type: str, number: str) -> str:
    """The canonical number of a right the case's kind may involve (the single and the bulk path)."""
    from ipgov.cases import linking

    if right_type not in get_kind(case.kind).right_types:
        raise WorkflowError(_("a %(kind)s case cannot involve a %(right)s")
                            % {"kind": get_kind(case.kind).label,
                               "right": RightType(right_type).label if right_type in RightType.values else right_type})
    return linking.clean_number(right_type, number)


def _add_right(case: Case, who: Scope, on, right_type: str, number: str) -> CaseRight:
    from ipgov.cases import linking

    canonical = clean_right(case, right_type, number)
    if case.rights.filter(right_type=right_type, number=canonical).exists():
        raise WorkflowError(_("%(number)s is already on the case") % {"number": canonical})
    right = CaseRight(case=case, right_type=right_type, number=canonical)
    linked = linking.link(right)
    right.save()
    record(right, ObjectChange.Action.CREATE)
    _event(case, who, on, EventAction.RIGHT, f"{right}", {"right": right.pk, "number": canonical,
                                                          "linked": linked})
    return right


def add_right(ref, right_type: str, number: str, *, on: datetime.date | None = None) -> CaseRight:
    """Add a right involved (涉案权利) by number: validated, linked to the register record if present."""
    who = scope_of()
    with transaction.atomic():
        case = get_case(ref, CHANGE)
        return _add_right(case, who, on or timezone.localdate(), right_type, number)


def attach_document(ref, doc_type: str, name: str, content: bytes, *, on: datetime.date | None = None
                    ) -> CaseDocument:
    """Check (type, size) and store a document under IPGOV_HOME, then record it on the case."""
    from ipgov.cases.choices import DocumentType

    who = scope_of()
    if doc_type not in DocumentType.values:
        raise WorkflowError(_("unknown document type %(type)r") % {"type": doc_type})
    case = get_case(ref, CHANGE)
    stored = docstore.store(name, content)
    with transaction.atomic():
        doc = CaseDocument.objects.create(case=case, doc_type=doc_type, name=stored.name, size=stored.size,
                                          sha256=stored.sha256, path=stored.path,
                                          added_on=on or timezone.localdate())
        record(doc, ObjectChange.Action.CREATE)
        _event(case, who, doc.added_on, EventAction.DOCUMENT, f"{doc}", {"document": doc.pk, "sha256": stored.sha256})
    return doc


def add_note(ref, message: str, *, on: datetime.date | None = None) -> CaseEvent:
    who = scope_of()
    if not (message or "").strip():
        raise WorkflowError(_("a note needs text"))
    with transaction.atomic():
        case = get_case(ref, CHANGE)
        event = _event(case, who, on or timezone.localdate(), EventAction.NOTE, message.strip(), {})
        record(case, ObjectChange.Action.UPDATE, before=snapshot(case), message=text(gettext_noop("note: %(text)s"), text=message[:100]))
    return event


def open_deadlines(as_of: datetime.date | None = None, *, region: str | None = None):
    """Running deadlines of the cases the actor may see, soonest first."""
    cases = visible_cases()
    if region:
        cases = cases.filter(region__in=Region.objects.within(region))
    return (Deadline.objects.filter(status=DeadlineStatus.OPEN, case__in=cases)
            .select_related("case", "case__region").order_by("due_on", "id"))


def overdue(as_of: datetime.date | None = None, *, region: str | None = None):
    """Running deadlines whose last day has passed (逾期)."""
    as_of = as_of or timezone.localdate()
    return open_deadlines(as_of, region=region).filter(due_on__lt=as_of)


def due_soon(as_of: datetime.date | None = None, *, within_working_days: int = 3, region: str | None = None):
    """Running deadlines ending today or within the next N working days (临期)."""
    as_of = as_of or timezone.localdate()
    horizon = workdays.add_working_days(as_of, within_working_days).date
    return open_deadlines(as_of, region=region).filter(due_on__gte=as_of, due_on__lte=horizon)
