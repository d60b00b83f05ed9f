"""Admin building blocks shared by the domain apps."""

from django.contrib import admin

from ipgov.core.roles import is_administrator


class AdministratorsMayView:
    """Province administrators read these records (and run their service actions) in the admin by their
    role, whatever Django permissions their account was created with; the region scope still applies."""

    def has_view_permission(self, request, obj=None):
        return is_administrator(request.user) or super().has_view_permission(request, obj)

    def has_module_permission(self, request):
        return is_administrator(request.user) or super().has_module_permission(request)


class ReadOnly:
    """Records that change only through services (or never): no add, change or delete in the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnly, admin.ModelAdmin):
    """A read-only model admin."""


class ReadOnlyInline(ReadOnly, admin.TabularInline):
    """Related rows shown, never added or edited in the admin: they change only through services."""

    extra = 0
    can_delete = False
