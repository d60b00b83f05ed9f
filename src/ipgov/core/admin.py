from django.contrib import admin

from ipgov.core.models import ObjectChange


@admin.register(ObjectChange)
class ObjectChangeAdmin(admin.ModelAdmin):
    """The audit trail is read-only in every interface."""

    list_display = ("time", "actor", "action", "object_type", "object_repr", "remote_addr")
    list_filter = ("action", "object_type")
    search_fields = ("actor", "object_repr", "object_id", "message")
    date_hierarchy = "time"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
