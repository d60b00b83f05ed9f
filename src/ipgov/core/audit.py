"""Writing the audit trail. Services call these; nothing else writes ObjectChange."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import translation

from ipgov.core.actor import require_actor
from ipgov.core.models import ObjectChange


def snapshot(obj: models.Model) -> dict:
    """The object's concrete field values, as JSON-safe data."""
    data = {}
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if isinstance(value, datetime.date | datetime.datetime | decimal.Decimal):
            value = str(value)
        elif isinstance(value, FieldFile):  # a file field: its stored name
            value = value.name or ""
        data[field.attname] = value
    return data


def text(message, **params) -> str:
    """An audit (or case-event) message in the office's working language, settings.LANGUAGE_CODE,
    whatever language the acting user reads: the trail is one record, written once and read by all.
    `message` is a msgid marked with gettext_noop, a lazy label, or an object (its str, e.g. a record's
    repr naming its choices); `params` fill its %(name)s."""
    with translation.override(settings.LANGUAGE_CODE):
        message = translation.gettext(str(message))
        return message % params if params else message


def record(obj: models.Model, action: str, before: dict | None = None, after: dict | None = None,
           message: str = "") -> ObjectChange:
    actor = require_actor()
    return ObjectChange.objects.create(
        user_id=actor.user_id,
        actor=actor.label,
        remote_addr=actor.remote_addr,
        request_id=actor.request_id,
        action=action,
        object_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=text(obj)[:200],
        message=message[:500],
        before=before,
        after=after if after is not None else (snapshot(obj) if action != ObjectChange.Action.DELETE else None),
    )


def record_bulk(model: type[models.Model], rows: Iterable[tuple[str, str, str]], action: str,
                message: str = "") -> int:
    """Audit rows for a bulk write, written in bulk on purpose: (object_id, repr, message) each."""
    actor = require_actor()
    object_type = ContentType.objects.get_for_model(model)
    entries = [
        ObjectChange(
            user_id=actor.user_id, actor=actor.label, remote_addr=actor.remote_addr,
            request_id=actor.request_id, action=action, object_type=object_type,
            object_id=object_id, object_repr=repr_[:200], message=(msg or message)[:500],
        )
        for object_id, repr_, msg in rows
    ]
    ObjectChange.objects.bulk_create(entries, batch_size=2000)
    return len(entries)
