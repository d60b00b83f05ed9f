"""Applying a kind's declarations to in-memory case objects.

The single-case services (services.py) and the bulk runner (bulk.py) both call these functions,
so a case opened and moved in bulk passes exactly the checks and computes exactly the deadlines
of one moved by an officer. Nothing here touches the database; callers persist the results.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ipgov.cases import workdays
from ipgov.cases.choices import (
    Channel,
    DeadlineStatus,
    DeadlineUnit,
    EventAction,
    PatentType,
    RequesterType,
)
from ipgov.cases.kinds import get_kind
from ipgov.cases.models import Case, CaseEvent, Deadline, DeadlineExtension
from ipgov.cases.workflow import (
    CaseKindSpec,
    DeadlineRule,
    WorkflowError,
    check_extension,
    check_transition,
)
from ipgov.core.audit import text

# (kind, deadline key, authority) -> (amount, unit, source); authority "" is the default.
PolicyLookup = Callable[[str, str, str], tuple[int, str, str] | None]

MOVE_VALUES = ("reason", "penalty_amount", "confiscated", "confiscated_value", "platform_result",
               "referred_to", "application_number")
OPEN_CHOICES = {"channel": Channel, "requester_type": RequesterType, "patent_type": PatentType}


@dataclass
class Effects:
    """What one open/move/extend produced, for the caller to persist."""

    case_fields: set[str] = field(default_factory=set)
    new_deadlines: list[Deadline] = field(default_factory=list)
    changed_deadlines: list[Deadline] = field(default_factory=list)
    extensions: list[DeadlineExtension] = field(default_factory=list)
    events: list[CaseEvent] = field(default_factory=list)


def rule_figures(rule: DeadlineRule, kind: str, authority: str, policy: PolicyLookup | None
                 ) -> tuple[int, str, str]:
    if rule.configurable and policy is not None:
        found = policy(kind, rule.key, authority) or policy(kind, rule.key, "")
        if found:
            return found
    return rule.amount, rule.unit, rule.source


def start_deadline(case: Case, spec: CaseKindSpec, key: str, on: datetime.date,
                   policy: PolicyLookup | None) -> Deadline:
    amount, unit, source = rule_figures(spec.deadline(key), spec.key, case.authority, policy)
    due = workdays.due_date(on, amount, unit)
    return Deadline(case=case, key=key, amount=amount, unit=unit, source=source[:300], start_on=on,
                    original_due_on=due.date, due_on=due.date, overdue_from=due.date + datetime.timedelta(days=1),
                    region_id=case.region_id, provisional=due.provisional)


def _money(name: str, value) -> Decimal:
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise WorkflowError(_("%(field)s must be an amount in yuan, not %(value)r") % {"field": name, "value": value}
                            ) from None
    if amount < 0 or not amount.is_finite():
        raise WorkflowError(_("%(field)s cannot be negative") % {"field": name})
    return amount.quantize(Decimal("0.01"))


def clean_values(values: dict) -> dict:
    unknown = set(values) - set(MOVE_VALUES)
    if unknown:
        raise WorkflowError(_("unknown values for a move: %(names)s") % {"names": ", ".join(sorted(unknown))})
    cleaned = {k: v for k, v in values.items() if v not in (None, "")}
    for name in ("penalty_amount", "confiscated_value"):
        if name in cleaned:
            cleaned[name] = _money(name, cleaned[name])
    return cleaned


def open_case(case: Case, *, on: datetime.date, actor: str, user_id: int | None,
              policy: PolicyLookup | None = None) -> Effects:
    """Validate a new in-memory case, put it in its initial state and start its first deadlines."""
    spec = get_kind(case.kind)
    if case.right_type not in spec.right_types:
        raise WorkflowError(_("a %(kind)s case concerns %(rights)s, not %(right)r")
                            % {"kind": spec.label, "rights": ", ".join(spec.right_types), "right": case.right_type})
    for name in spec.open_fields:
        value = getattr(case, name)
        if value in (None, ""):
            raise WorkflowError(_("opening a %(kind)s case needs %(field)s") % {"kind": spec.label, "field": name})
        choices = OPEN_CHOICES.get(name)
        if choices is not None and value not in choices.values:
            raise WorkflowError(_("%(field)s must be one of %(choices)s, not %(value)r")
                                % {"field": name, "choices": ", ".join(choices.values), "value": value})
    if not case.authority:
        raise WorkflowError(_("a case needs its handling authority or center"))
    case.state = spec.initial
    case.received_on = case.last_on = on
    effects = Effects()
    effects.new_deadlines = [start_deadline(case, spec, key, on, policy) for key in spec.starts_on_open]
    effects.events.append(CaseEvent(
        case=case, on=on, actor=actor, user_id=user_id, action=EventAction.OPENED, to_state=spec.initial,
        message=text(gettext_noop("opened: %(kind)s"), kind=spec.label),
        data={"deadlines": {d.key: str(d.due_on) for d in effects.new_deadlines}}))
    return effects


def move_case(case: Case, deadlines: dict[str, Deadline], name: str, *, on: datetime.date, role: str | None,
              documents: set[str], values: dict, actor: str, user_id: int | None,
              policy: PolicyLookup | None = None) -> Effects:
    """Take transition `name` on an in-memory case; raise WorkflowError and change nothing if it
    may not be taken. `deadlines` (key -> Deadline) is updated in place."""
    spec = get_kind(case.kind)
    values = clean_values(values)
    t = check_transition(spec, case.state, name, role=role, documents=documents, values=values, on=on,
                         last_on=case.last_on)
    effects = Effects()
    before = case.state
    for key, value in values.items():
        setattr(case, key, value)
        effects.case_fields.add(key)
    for key, value in t.sets.items():
        setattr(case, key, on if value == "on" else value)
        effects.case_fields.add(key)
    if name == "transfer":
        case.police_transfer = True
        effects.case_fields.add("police_transfer")
    target = spec.state(t.target)
    case.state, case.last_on = t.target, on
    effects.case_fields |= {"state", "last_on"}
    if target.closes:
        case.closed_on, case.outcome = on, (before if target.key == "closed" else target.key)
        effects.case_fields |= {"closed_on", "outcome"}
    notes = {}
    for key in t.meets:
        d = deadlines.get(key)
        if d is not None and d.status == DeadlineStatus.OPEN:
            d.met_on = on
            d.status = DeadlineStatus.MET if on <= d.due_on else DeadlineStatus.LATE
            effects.changed_deadlines.append(d)
            notes[key] = d.status
    for key in t.lapses:
        d = deadlines.get(key)
        if d is not None and d.status == DeadlineStatus.OPEN:
            d.status, d.met_on = DeadlineStatus.LAPSED, on
            effects.changed_deadlines.append(d)
            notes[key] = d.status
    if target.final:
        for d in deadlines.values():
            if d.status == DeadlineStatus.OPEN:
                d.status, d.met_on = DeadlineStatus.LAPSED, on
                effects.changed_deadlines.append(d)
                notes[d.key] = d.status
    if target.closes:
        case.closing_days = (on - case.received_on).days
        d = deadlines.get(spec.closing_deadline)
        case.closed_in_time = (d.status == DeadlineStatus.MET) if d is not None and d.status in (
            DeadlineStatus.MET, DeadlineStatus.LATE) else None
        effects.case_fields |= {"closing_days", "closed_in_time"}
    for key in t.starts:
        d = start_deadline(case, spec, key, on, policy)
        deadlines[key] = d
        effects.new_deadlines.append(d)
        notes[key] = f"due {d.due_on}"
    data = {"deadlines": {k: str(v) for k, v in notes.items()}}
    data.update({k: str(v) for k, v in values.items()})
    effects.events.append(CaseEvent(
        case=case, on=on, actor=actor, user_id=user_id, action=EventAction.TRANSITION, transition=name,
        from_state=before, to_state=t.target, message=text(t.label)[:500], data=data))
    return effects


def extend_deadline(case: Case, deadline: Deadline, *, amount: int, unit: str, approved_by: str,
                    reason: str, on: datetime.date, collective: bool, actor: str, user_id: int | None
                    ) -> Effects:
    spec = get_kind(case.kind)
    rule = spec.deadline(deadline.key)
    if deadline.status != DeadlineStatus.OPEN:
        raise WorkflowError(_("%(deadline)s is no longer running (%(status)s)")
                            % {"deadline": rule.label, "status": DeadlineStatus(deadline.status).label})
    if unit not in DeadlineUnit.values:
        raise WorkflowError(_("unknown unit %(unit)r") % {"unit": unit})
    if not (approved_by or "").strip():
        raise WorkflowError(_("an extension must name who approved it"))
    if not (reason or "").strip():
        raise WorkflowError(_("an extension needs a reason"))
    if on > deadline.due_on:
        raise WorkflowError(_("%(deadline)s expired on %(due)s: it cannot be extended afterwards")
                            % {"deadline": rule.label, "due": deadline.due_on})
    check_extension(rule, deadline.extensions_used, amount, unit, collective)
    previous = deadline.due_on
    due = workdays.extend(previous, amount, unit)
    deadline.due_on, deadline.extensions_used = due.date, deadline.extensions_used + 1
    deadline.overdue_from = due.date + datetime.timedelta(days=1)
    deadline.provisional |= due.provisional
    ext = DeadlineExtension(deadline=deadline, amount=amount, unit=unit, collective=collective,
                            approved_by=approved_by.strip(), approved_on=on, reason=reason.strip(),
                            previous_due_on=previous, new_due_on=due.date)
    event = CaseEvent(case=case, on=on, actor=actor, user_id=user_id, action=EventAction.EXTENSION,
                      message=text(gettext_noop("%(deadline)s extended by %(amount)s %(unit)s, approved by %(by)s"),
                                   deadline=rule.label, amount=amount, unit=DeadlineUnit(unit).label,
                                   by=approved_by),
                      data={"deadline": deadline.key, "from": str(previous), "to": str(due.date),
                            "collective": collective})
    return Effects(changed_deadlines=[deadline], extensions=[ext], events=[event])
