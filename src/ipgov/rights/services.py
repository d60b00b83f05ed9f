"""Domain services of the register: recording legal events (and the termination they imply),
and retrieving the earlier versions an import replaced. Importers write in bulk through
`importers.writer`; these are for single records (staff, workflows, other apps)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext_noop

from ipgov.core.audit import record, snapshot, text
from ipgov.core.ingest.models import RecordVersion
from ipgov.core.models import ObjectChange
from ipgov.core.scope import CHANGE, check_object
from ipgov.rights.choices import (
    TERMINATING_EVENTS,
    TRADEMARK_TERMINATING_EVENTS,
    LegalEventKind,
    TrademarkEventKind,
)
from ipgov.rights.models import LegalEvent, Patent, Trademark, TrademarkEvent


def termination_date(events: Iterable[tuple[str, datetime.date]]) -> datetime.date | None:
    """The date a patent's right ended: its earliest lapse, expiry, full invalidation or surrender."""
    return min((date for kind, date in events if kind in TERMINATING_EVENTS), default=None)


def trademark_termination_date(events: Iterable[tuple[str, datetime.date]]) -> datetime.date | None:
    return min((date for kind, date in events if kind in TRADEMARK_TERMINATING_EVENTS), default=None)


@transaction.atomic
def record_event(patent: Patent, kind: str, date: datetime.date, detail: str = "") -> LegalEvent:
    """Add a legal event to a patent and bring its `terminated_on` cache up to date (audited)."""
    check_object(patent, CHANGE)
    before = snapshot(patent)
    event = LegalEvent.objects.create(patent=patent, kind=kind, date=date, detail=detail)
    refresh_termination(patent)
    record(patent, ObjectChange.Action.UPDATE, before=before, message=text(gettext_noop("legal event %(kind)s on %(date)s"), kind=LegalEventKind(kind).label, date=date))
    return event


def refresh_termination(patent: Patent) -> datetime.date | None:
    ended = termination_date(patent.events.values_list("kind", "date"))
    if ended != patent.terminated_on:
        patent.terminated_on = ended
        patent.save(update_fields=["terminated_on", "updated"])
    return ended


@transaction.atomic
def record_trademark_event(mark: Trademark, kind: str, date: datetime.date, detail: str = "") -> TrademarkEvent:
    check_object(mark, CHANGE)
    before = snapshot(mark)
    event = TrademarkEvent.objects.create(trademark=mark, kind=kind, date=date, detail=detail)
    ended = trademark_termination_date(mark.events.values_list("kind", "date"))
    if ended != mark.terminated_on:
        mark.terminated_on = ended
        mark.save(update_fields=["terminated_on", "updated"])
    record(mark, ObjectChange.Action.UPDATE, before=before, message=text(gettext_noop("status event %(kind)s on %(date)s"), kind=TrademarkEventKind(kind).label, date=date))
    return event


def versions_of(record_type: str, key: str) -> list[RecordVersion]:
    """Earlier states of a record replaced by imports, newest first ('patent', '202121635235.X')."""
    return list(RecordVersion.objects.filter(record_type=record_type, record_key=key).order_by("-id"))
