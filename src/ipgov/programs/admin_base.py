"""Admin base for records written only through services: lists, search and detail are read-only
and region-scoped; changes are admin actions that call the services (audited, validated)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipgov.core.admin_base import AdministratorsMayView


class ServiceOnlyAdmin(AdministratorsMayView, admin.ModelAdmin):
    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs.restrict(request.user) if hasattr(qs, "restrict") else qs

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def service_action(name: str, description: str, call):
    """An admin action applying `call(obj, today)` to each selected record; errors are reported, not raised."""

    def action(modeladmin, request, queryset):
        done, today = 0, timezone.localdate()
        for obj in queryset:
            try:
                call(obj, today)
                done += 1
            except ValidationError as exc:
                modeladmin.message_user(request, f"{obj}: {'; '.join(exc.messages)}", messages.ERROR)
        if done:
            modeladmin.message_user(request, _("%(n)d record(s) updated") % {"n": done}, messages.SUCCESS)

    action.__name__ = name
    action.short_description = description
    action.allowed_permissions = ("view",)
    return action
