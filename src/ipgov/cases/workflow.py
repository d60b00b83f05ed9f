"""The workflow engine: declarations (what a case kind is) and the pure rules that apply them.

A kind declares its states, transitions (who may take each, documents and fields each needs,
deadlines each starts and meets) and the deadlines that start when a case is opened. Everything
here is data plus a small interpreter with no database access, so the single-case services and
the bulk runner (demo, benchmark) apply exactly the same rules.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from ipgov.cases.choices import DeadlineUnit, DocumentType
from ipgov.core.choices import Role


class WorkflowError(ValueError):
    """A transition or extension the rules do not allow; the case is left unchanged."""


@dataclass(frozen=True)
class Extension:
    """How far a deadline may be extended: each step needs an approver; `collective` steps need a
    collective decision of the heads and may set any length (市场监督管理行政处罚程序规定)."""

    amount: int
    unit: str
    collective: bool = False


@dataclass(frozen=True)
class DeadlineRule:
    key: str
    label: str
    amount: int
    unit: str
    source: str  # the legal source, or "verify: …" for a configurable local practice
    extensions: tuple[Extension, ...] = ()
    configurable: bool = False  # a center/authority may set its own figure (DeadlinePolicy)

    @property
    def legal_maximum(self) -> str:
        fixed = [e for e in self.extensions if not e.collective]
        return " + ".join(f"{e.amount} {DeadlineUnit(e.unit).label}" for e in fixed) or "—"


@dataclass(frozen=True)
class State:
    key: str
    label: str
    final: bool = False
    closes: bool = False  # entering it closes the case (sets closed_on)


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    roles: frozenset[str]
    documents: tuple[str, ...] = ()  # document types the case must hold before the move
    fields: tuple[str, ...] = ()  # values the move must be given (reason, penalty amount …)
    starts: tuple[str, ...] = ()  # deadline keys started on the move's date
    meets: tuple[str, ...] = ()  # deadline keys met on the move's date
    lapses: tuple[str, ...] = ()  # deadline keys no longer relevant after the move
    sets: dict[str, str] = field(default_factory=dict)  # case field -> "on" (the move's date) or a constant


@dataclass(frozen=True)
class CaseKindSpec:
    key: str
    label: str
    right_types: tuple[str, ...]  # which rights a case of this kind may concern
    states: tuple[State, ...]
    initial: str
    transitions: tuple[Transition, ...]
    deadlines: tuple[DeadlineRule, ...]
    starts_on_open: tuple[str, ...] = ()
    open_fields: tuple[str, ...] = ()  # values required when opening
    number_prefix: str = ""
    closing_deadline: str = ""  # the deadline that says whether the case was finished in time
    registered_applicant: bool = False  # the complainant must be registered (备案) with the center

    def state(self, key: str) -> State:
        for s in self.states:
            if s.key == key:
                return s
        raise WorkflowError(_("unknown state %(state)s for %(kind)s") % {"state": key, "kind": self.key})

    def transition(self, name: str) -> Transition:
        for t in self.transitions:
            if t.name == name:
                return t
        names = ", ".join(t.name for t in self.transitions)
        raise WorkflowError(_("%(kind)s has no transition %(name)r (it has: %(names)s)")
                            % {"kind": self.key, "name": name, "names": names})

    def deadline(self, key: str) -> DeadlineRule:
        for d in self.deadlines:
            if d.key == key:
                return d
        raise KeyError(key)

    def available(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if state in t.sources]

    def validate(self) -> None:
        """Catch declaration mistakes at import time rather than mid-case."""
        keys = {s.key for s in self.states}
        deadline_keys = {d.key for d in self.deadlines}
        assert self.initial in keys, self.key
        for t in self.transitions:
            assert t.target in keys and set(t.sources) <= keys, (self.key, t.name)
            assert set(t.starts) | set(t.meets) | set(t.lapses) <= deadline_keys, (self.key, t.name)
            assert set(t.documents) <= set(DocumentType.values), (self.key, t.name)
            assert t.roles <= set(Role.values), (self.key, t.name)
        assert set(self.starts_on_open) <= deadline_keys, self.key
        assert self.closing_deadline in deadline_keys, self.key


def check_transition(spec: CaseKindSpec, state: str, name: str, *, role: str | None,
                     documents: set[str], values: dict, on: datetime.date, last_on: datetime.date | None
                     ) -> Transition:
    """The transition `name` if it may be taken now; WorkflowError with the reason otherwise.

    `role` None means a system actor (console, demo) that is not limited by role."""
    t = spec.transition(name)
    if state not in t.sources:
        allowed = ", ".join(x.name for x in spec.available(state)) or _("none: the case is finished")
        raise WorkflowError(
            _("cannot %(action)s a case that is %(state)s (from %(state)s: %(allowed)s)")
            % {"action": t.label, "state": spec.state(state).label, "allowed": allowed})
    if role is not None and role not in t.roles:
        raise WorkflowError(_("the role %(role)s may not %(action)s") % {"role": role, "action": t.label})
    missing = [DocumentType(d).label for d in t.documents if d not in documents]
    if missing:
        raise WorkflowError(_("%(action)s needs these documents first: %(docs)s")
                            % {"action": t.label, "docs": ", ".join(str(m) for m in missing)})
    empty = [f for f in t.fields if values.get(f) in (None, "")]
    if empty:
        raise WorkflowError(_("%(action)s needs: %(fields)s") % {"action": t.label, "fields": ", ".join(empty)})
    if last_on is not None and on < last_on:
        raise WorkflowError(_("%(action)s dated %(on)s is earlier than the case's last step (%(last)s)")
                            % {"action": t.label, "on": on, "last": last_on})
    return t


def check_extension(rule: DeadlineRule, used: int, amount: int, unit: str, collective: bool) -> Extension:
    """The extension step `used` (0-based) if `amount` `unit` is within it; WorkflowError otherwise."""
    fixed = [e for e in rule.extensions if not e.collective]
    if used < len(fixed):
        step = fixed[used]
        if unit != step.unit or not 0 < amount <= step.amount:
            raise WorkflowError(
                _("%(deadline)s may be extended by at most %(max)s %(unit)s this time (asked: %(amount)s %(asked)s)")
                % {"deadline": rule.label, "max": step.amount, "unit": DeadlineUnit(step.unit).label,
                   "amount": amount, "asked": DeadlineUnit(unit).label})
        if collective:
            return Extension(amount, unit, collective=True)
        return step if amount == step.amount else Extension(amount, unit)
    if any(e.collective for e in rule.extensions):
        if not collective:
            raise WorkflowError(
                _("%(deadline)s has used its extension (legal maximum %(max)s); a further one needs a "
                  "collective decision of the heads") % {"deadline": rule.label, "max": rule.legal_maximum})
        if amount <= 0:
            raise WorkflowError(_("an extension must be at least 1 day"))
        return Extension(amount, unit, collective=True)
    raise WorkflowError(_("%(deadline)s cannot be extended further: the legal maximum is %(max)s")
                        % {"deadline": rule.label, "max": rule.legal_maximum})
