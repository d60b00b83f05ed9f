from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ipgov.programs.admin_base import ReadOnlyInline, ServiceOnlyAdmin, service_action
from ipgov.programs.choices import DesignationStatus
from ipgov.programs.models import (
    Award,
    Designation,
    DesignationEvent,
    Evaluation,
    Organization,
    TrainingEvent,
    WorkPlanTask,
)
from ipgov.programs.services.designations import change_status
from ipgov.programs.services.workplan import update_task


@admin.register(Organization)
class OrganizationAdmin(ServiceOnlyAdmin):
    list_display = ("name", "kind", "region", "credit_code")
    list_filter = ("kind",)
    search_fields = ("name", "credit_code", "region__name")


class DesignationEventInline(ReadOnlyInline):
    model = DesignationEvent


class EvaluationInline(ReadOnlyInline):
    model = Evaluation


@admin.register(Designation)
class DesignationAdmin(ServiceOnlyAdmin):
    list_display = ("organization", "kind", "level", "batch", "status", "designated_on", "accepted_on",
                    "revoked_on", "region")
    list_filter = ("kind", "level", "status", "year")
    search_fields = ("organization__name", "region__name", "batch")
    inlines = [DesignationEventInline, EvaluationInline]
    actions = [
        service_action("accept", _("accepted after inspection (验收) today"),
                       lambda d, today: change_status(d, DesignationStatus.ACCEPTED, today)),
        service_action("revoke", _("revoke today"), lambda d, today: change_status(d, DesignationStatus.REVOKED, today)),
    ]


@admin.register(Award)
class AwardAdmin(ServiceOnlyAdmin):
    list_display = ("kind", "edition", "grade", "patent_number", "organization", "award_date", "region")
    list_filter = ("kind", "edition", "grade")
    search_fields = ("patent_number", "organization__name", "title")


@admin.register(TrainingEvent)
class TrainingEventAdmin(ServiceOnlyAdmin):
    list_display = ("title", "theme", "region", "start_date", "participants")
    list_filter = ("theme",)
    search_fields = ("title", "theme", "region__name")
    date_hierarchy = "start_date"


@admin.register(WorkPlanTask)
class WorkPlanTaskAdmin(ServiceOnlyAdmin):
    """Tasks come in through `ipgov import FILE --kind workplan`; their text, owner, due date and status
    are edited here, through the service (scope check, audit row)."""

    list_display = ("plan_year", "number", "task", "owner", "due_on", "status", "region")
    list_filter = ("plan_year", "status")
    search_fields = ("task", "owner")
    fields = ("region", "plan_year", "number", "task", "owner", "due_on", "status")
    readonly_fields = ("region", "plan_year", "number")

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj) and request.user.is_active

    def save_model(self, request, obj, form, change):  # the request's actor is set by the middleware
        update_task(obj, **{f: form.cleaned_data[f] for f in form.changed_data
                            if f in ("task", "owner", "due_on", "status")})
