"""Case list and detail pages (ipgov.cases): timeline, deadlines in working days, transitions as buttons."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ipgov.cases.choices import DeadlineStatus, DocumentType, EventAction
from ipgov.cases.filtersets import CaseFilterSet, finished_q  # noqa: F401 (finished_q: views_cases)
from ipgov.cases.kinds import get_kind
from ipgov.cases.models import Case
from ipgov.cases.workdays import working_days_between
from ipgov.core.roles import role_of
from ipgov.web.registry import Column, ListPage, TimelineEntry, register


def working_days_left(due: datetime.date, today: datetime.date) -> int:
    """Working days from today to the due date; negative when overdue (working days past it)."""
    if due >= today:
        return working_days_between(today, due)
    return -working_days_between(due, today)


def case_timeline(case: Case) -> list[TimelineEntry]:
    return [TimelineEntry(e.on, _event_title(case, e), e.actor) for e in case.events.all()]


def _event_title(case: Case, event) -> str:
    """Openings and moves are named from the kind's spec, in the reader's language; other events show
    what happened and the message recorded with them (a party's name, a file name, a note)."""
    spec = get_kind(case.kind)
    data = event.data or {}
    try:
        if event.action == EventAction.OPENED:
            return _("opened: %(kind)s") % {"kind": spec.label}
        if event.action == EventAction.TRANSITION and event.transition:
            return str(spec.transition(event.transition).label)
        if event.action == EventAction.EXTENSION and data.get("deadline"):
            return f"{event.get_action_display()}: {spec.deadline(data['deadline']).label} → {data.get('to', '')}"
    except (LookupError, ValueError):  # the kind's spec changed since: show what was recorded
        pass
    label = event.get_action_display()
    return f"{label}: {event.message}" if event.message else label


def allowed_transitions(user, case: Case) -> list[dict]:
    """The transitions the user's role may take from the case's state, as buttons with the values each
    needs (labelled by the case field's name). The service checks everything again when one is taken."""
    role = None if user.is_superuser else role_of(user)
    return [
        {"name": t.name, "label": t.label, "consequence": consequence(case, t),
         "fields": [(f, Case._meta.get_field(f).verbose_name) for f in t.fields]}
        for t in case.spec.available(case.state) if role is None or role in t.roles
    ]


def consequence(case: Case, t) -> str:
    """What a transition does, for its confirmation: the state it leaves and enters, deadlines started
    and ended, and that it is recorded and cannot be undone here."""
    states = dict(Case._meta.get_field("state").flatchoices)
    parts = [_("Case %(number)s moves from “%(a)s” to “%(b)s”.") % {
        "number": case.number, "a": states.get(case.state, case.state), "b": states.get(t.target, t.target)}]
    if t.starts:
        parts.append(ngettext("%(n)d new deadline starts.", "%(n)d new deadlines start.", len(t.starts))
                     % {"n": len(t.starts)})
    if t.meets or t.lapses:
        n = len(t.meets) + len(t.lapses)
        parts.append(ngettext("%(n)d open deadline ends.", "%(n)d open deadlines end.", n) % {"n": n})
    parts.append(_("The move is recorded in the audit trail and cannot be undone from the desk. Continue?"))
    return " ".join(str(p) for p in parts)


def case_extra(request, case: Case) -> dict:
    from ipgov.core.scope import CHANGE, region_in_scope

    today = timezone.localdate()
    deadlines = []
    for d in case.deadlines.all().order_by("due_on"):
        left = working_days_left(d.due_on, today) if d.status == DeadlineStatus.OPEN else None
        deadlines.append({
            "label": d.label, "due_on": d.due_on, "status": d.get_status_display(), "open": d.status == DeadlineStatus.OPEN,
            "rule": f"{d.amount} {d.get_unit_display()}", "source": d.source, "provisional": d.provisional,
            "left": left, "overdue_by": -left if left is not None and left < 0 else None,
        })
    can_act = region_in_scope(case.region_id, CHANGE, who=request.user)
    return {
        "deadlines": deadlines,
        "transitions": allowed_transitions(request.user, case) if can_act else [],
        "can_act": can_act,
        "documents": list(case.documents.all()),
        "document_types": DocumentType.choices,
        "parties": list(case.parties.select_related("region")),
        "rights": list(case.rights.all()),
        "today": today,
    }


def register_pages() -> None:
    register(ListPage(
        slug="cases", model=Case, filterset=CaseFilterSet, title=_("Cases"),
        ordering=("-received_on", "-number"), select_related=("region",),
        columns=[
            Column("number", _("case number"), sort="number", link=True),
            Column("kind", _("kind"), sort="kind"),
            Column("title", _("title")),
            Column("state", _("state"), sort="state"),
            Column("right_type", _("right"), sort="right_type"),
            Column("received_on", _("received on"), sort="received_on"),
            Column("closed_on", _("closed on"), sort="closed_on"),
            Column("authority", _("authority")),
            Column("region.name", _("region"), sort="region"),
        ],
        detail_fields=[
            Column("number", _("case number")), Column("kind", _("kind")), Column("state", _("state")),
            Column("title", _("title")), Column("right_type", _("right")), Column("authority", _("authority")),
            Column("region", _("region")), Column("received_on", _("received on")), Column("filed_on", _("filed on")),
            Column("closed_on", _("closed on")), Column("outcome", _("outcome")),
            Column("penalty_amount", _("penalty (yuan)")), Column("reason", _("reason")),
        ],
        timeline=case_timeline,
        detail_extra=case_extra,
        detail_template="web/case_detail.html",
    ))
