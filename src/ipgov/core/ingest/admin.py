"""Django admin for import provenance: batches, their refused rows and replaced versions (read only)."""

from django.contrib import admin

from ipgov.core.admin_base import ReadOnlyAdmin, ReadOnlyInline
from ipgov.core.ingest.models import ImportBatch, ImportRowError, RecordVersion


class ImportRowErrorInline(ReadOnlyInline):
    model = ImportRowError
    fields = ("row", "field", "value", "reason")


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):  # provenance is evidence: never edited
    list_display = ("id", "file_name", "kind", "format", "rows_total", "rows_created", "rows_updated",
                    "rows_unchanged", "rows_invalid", "unresolved_applicants", "actor", "started")
    list_filter = ("kind", "format", "status")
    search_fields = ("file_name", "checksum", "actor")
    inlines = [ImportRowErrorInline]


@admin.register(RecordVersion)
class RecordVersionAdmin(ReadOnlyAdmin):
    list_display = ("record_type", "record_key", "previous_batch", "replaced_by", "replaced_at")
    list_filter = ("record_type",)
    search_fields = ("record_key",)
