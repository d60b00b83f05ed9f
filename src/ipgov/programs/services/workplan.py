"""The office's work plan (工作计划): tasks with their owner department, due date and status."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ipgov.core import audit
from ipgov.core.models import ObjectChange
from ipgov.core.scope import CHANGE, check_object, check_region
from ipgov.programs.choices import TaskStatus
from ipgov.programs.models import WorkPlanTask
from ipgov.programs.services.common import as_date, save_new
from ipgov.regions.services import get_region


def _status(status: str) -> str:
    if status not in TaskStatus.values:
        raise ValidationError({"status": _("unknown task status %(status)r") % {"status": status}})
    return status


@transaction.atomic
def plan_task(region_code: str, plan_year: int, number: int, task: str, *, owner: str = "",
              due_on: datetime.date | str | None = None, status: str = TaskStatus.PLANNED) -> WorkPlanTask:
    """Add task `number` to the region's plan of `plan_year`."""
    region = get_region(region_code)
    check_region(region.code, CHANGE)
    if WorkPlanTask.objects.filter(region=region, plan_year=plan_year, number=number).exists():
        raise ValidationError({"number": _("the %(year)s plan already has a task %(number)s") %
                               {"year": plan_year, "number": number}})
    return save_new(WorkPlanTask(region=region, plan_year=plan_year, number=number, task=task.strip(), owner=owner,
                                 due_on=as_date(due_on, "due_on") if due_on else None, status=_status(status)))


@transaction.atomic
def update_task(task: WorkPlanTask, **changes) -> WorkPlanTask:
    """Change a task's text, owner, due date or status (the admin's edit), with its audit row."""
    check_object(task, CHANGE)
    allowed = {"task", "owner", "due_on", "status"}
    if set(changes) - allowed:
        raise ValidationError(_("only the task, owner, due date and status of a task can change"))
    before = audit.snapshot(WorkPlanTask.objects.get(pk=task.pk))
    for field, value in changes.items():
        setattr(task, field, _status(value) if field == "status" else value)
    task.full_clean()
    task.save()
    audit.record(task, ObjectChange.Action.UPDATE, before=before)
    return task
