from django.contrib import admin

from ipgov.analysis.models import Checklist, ChecklistItem, Evaluation, ManualInput
from ipgov.programs.admin_base import ReadOnlyInline, ServiceOnlyAdmin


@admin.register(Evaluation)
class EvaluationAdmin(ServiceOnlyAdmin):
    list_display = ("name", "period", "version", "created_by", "created")
    list_filter = ("scheme", "period")
    exclude = ("result",)
    readonly_fields = ("scheme_text",)


@admin.register(ManualInput)
class ManualInputAdmin(ServiceOnlyAdmin):
    list_display = ("input_key", "unit_key", "period", "value", "evidence_note", "entered_by", "updated")
    list_filter = ("input_key", "period")


class ChecklistItemInline(ReadOnlyInline):
    model = ChecklistItem
    fields = ("number", "section", "text", "max_score", "evidence", "evidence_note", "score", "comment", "scored_by")


@admin.register(Checklist)
class ChecklistAdmin(ServiceOnlyAdmin):
    list_display = ("title", "region", "year", "status")
    list_filter = ("year", "status")
    inlines = [ChecklistItemInline]
