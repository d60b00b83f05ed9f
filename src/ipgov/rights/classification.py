"""IPC (to subclass level) and Nice classes: packaged reference tables, loaded idempotently.

Rows are compared with what the database holds and only differences are written, so a second
load says "unchanged". Sources and licences: data/classification/SOURCES.md.
"""

from __future__ import annotations

import csv
from importlib import resources

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ipgov.core.reference import Loaded
from ipgov.rights.models import IpcEntry, NiceClass

IPC_FILE = "ipc_2026_01_zh_subclasses.csv"
NICE_FILE = "nice_classes.csv"


def _rows(name: str) -> list[dict[str, str]]:
    path = resources.files("ipgov.rights") / "data" / "classification" / name
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _sync(model, wanted: dict, fields: tuple[str, ...]) -> tuple[int, int, int]:
    """Create and update `model` rows to match `wanted` (pk → field values); returns new, updated, same."""
    have = {obj.pk: obj for obj in model.objects.all()}
    new = [model(pk=pk, **values) for pk, values in wanted.items() if pk not in have]
    changed = []
    for pk, values in wanted.items():
        obj = have.get(pk)
        if obj is not None and any(getattr(obj, f) != values[f] for f in fields):
            for f in fields:
                setattr(obj, f, values[f])
            changed.append(obj)
    model.objects.bulk_create(new)
    if changed:
        model.objects.bulk_update(changed, fields)
    return len(new), len(changed), len(wanted) - len(new) - len(changed)


@transaction.atomic
def load() -> Loaded:
    ipc = {r["code"]: {"level": r["level"], "parent": r["parent"], "title_zh": r["title_zh"],
                       "title_zh_short": r["title_zh_short"]} for r in _rows(IPC_FILE)}
    nice = {int(r["class"]): {"kind": r["type"], "heading_zh": r["heading_zh"], "heading_en": r["heading_en"]}
            for r in _rows(NICE_FILE)}
    lines, changed = [], False
    for label, model, wanted in ((_("IPC 2026.01 sections/classes/subclasses"), IpcEntry, ipc),
                                 (_("Nice classes"), NiceClass, nice)):
        fields = tuple(next(iter(wanted.values())))
        new, updated, same = _sync(model, wanted, fields)
        changed |= bool(new or updated)
        lines.append(_("%(table)s: %(new)s new, %(updated)s updated, %(unchanged)s unchanged")
                     % {"table": label, "new": new, "updated": updated, "unchanged": same})
    return Loaded(_("Classifications (IPC 2026.01 in Chinese to subclass level, Nice classes 1–45)"), changed, lines)


def missing() -> list[str]:
    absent = [] if IpcEntry.objects.exists() else [gettext_noop("IPC classification")]
    return absent + ([] if NiceClass.objects.exists() else [gettext_noop("Nice classification")])
