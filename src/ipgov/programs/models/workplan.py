from django.db import models
from django.utils.translation import gettext_lazy as _

from ipgov.core.models import ChangeLoggedModel
from ipgov.core.scope import RestrictedQuerySet
from ipgov.programs.choices import TaskStatus


class WorkPlanTask(ChangeLoggedModel):
    """A task of an office's yearly work plan (工作计划): what, which department owns it, by when, how far.
    The work report's 下一步工作 section lists the open tasks of the report year."""

    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("region"), help_text=_("the office whose plan it is"))
    plan_year = models.PositiveSmallIntegerField(_("plan year"))
    number = models.PositiveSmallIntegerField(_("number"), help_text=_("its place in the plan: 1, 2, 3 …"))
    task = models.CharField(_("task"), max_length=300)
    owner = models.CharField(_("owner department"), max_length=100, blank=True)  # 责任处室
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=TaskStatus.choices, default=TaskStatus.PLANNED)

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        ordering = ["region", "plan_year", "number"]
        verbose_name = _("work plan task")
        verbose_name_plural = _("work plan tasks")
        constraints = [models.UniqueConstraint(fields=["region", "plan_year", "number"], name="workplan_task_number")]

    def __str__(self) -> str:
        return f"{self.plan_year}-{self.number} {self.task}"
