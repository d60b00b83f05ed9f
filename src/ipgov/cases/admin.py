"""Django admin for staff: read everything in scope; changes go through the services (timeline, audit).

The admin never edits or deletes a case directly: cases are opened and moved with the services
(CLI `ipgov case …`, the staff web UI), so the admin shows them read-only, restricted to the
staff member's region. Deadline policies (per-center figures) are edited here.
"""

from django.contrib import admin

from ipgov.cases.models import (
    Case,
    CaseDocument,
    CaseEvent,
    CaseRight,
    Deadline,
    DeadlineExtension,
    DeadlinePolicy,
    Party,
    RegisteredEnterprise,
)
from ipgov.core.admin_base import ReadOnlyAdmin, ReadOnlyInline


class DeadlineInline(ReadOnlyInline):
    model = Deadline
    fields = ("key", "amount", "unit", "start_on", "original_due_on", "due_on", "status", "met_on",
              "extensions_used", "provisional", "source")
    readonly_fields = fields


class PartyInline(ReadOnlyInline):
    model = Party
    fields = ("role", "party_type", "name", "credit_code", "region", "address")
    readonly_fields = fields


class RightInline(ReadOnlyInline):
    model = CaseRight
    fields = ("right_type", "number")
    readonly_fields = fields


class DocumentInline(ReadOnlyInline):
    model = CaseDocument
    fields = ("doc_type", "name", "size", "sha256", "added_on")
    readonly_fields = fields


class EventInline(ReadOnlyInline):
    model = CaseEvent
    fields = ("on", "actor", "action", "transition", "from_state", "to_state", "message", "recorded_at")
    readonly_fields = fields


class ScopedReadOnlyAdmin(ReadOnlyAdmin):
    def get_queryset(self, request):  # every case-work model restricts to the staff member's scope
        return super().get_queryset(request).restrict(request.user)


@admin.register(Case)
class CaseAdmin(ScopedReadOnlyAdmin):
    list_display = ("number", "kind", "state", "region", "authority", "right_type", "received_on", "closed_on")
    list_filter = ("kind", "state", "right_type")
    search_fields = ("number", "title", "authority", "parties__name", "rights__number")
    date_hierarchy = "received_on"
    inlines = [DeadlineInline, PartyInline, RightInline, DocumentInline, EventInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("region")


@admin.register(DeadlineExtension)
class DeadlineExtensionAdmin(ScopedReadOnlyAdmin):
    list_display = ("deadline", "amount", "unit", "collective", "approved_by", "approved_on", "new_due_on")



@admin.register(RegisteredEnterprise)
class RegisteredEnterpriseAdmin(ScopedReadOnlyAdmin):
    """Registrations are made with `ipgov case register` (audited); shown here read-only."""

    list_display = ("name", "credit_code", "authority", "region", "registered_on")
    list_filter = ("authority",)
    search_fields = ("name", "credit_code")


@admin.register(DeadlinePolicy)
class DeadlinePolicyAdmin(admin.ModelAdmin):
    list_display = ("kind", "key", "authority", "amount", "unit", "source")
    list_filter = ("kind",)

    def save_model(self, request, obj, form, change):
        from ipgov.core.audit import record, snapshot
        from ipgov.core.models import ObjectChange

        before = snapshot(DeadlinePolicy.objects.get(pk=obj.pk)) if change else None
        obj.save()
        record(obj, ObjectChange.Action.UPDATE if change else ObjectChange.Action.CREATE, before=before)
