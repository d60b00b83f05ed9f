"""Admin building blocks shared by the domain apps."""

from django.contrib import admin


class ReadOnlyInline(admin.TabularInline):
    """Related rows shown, never added or edited in the admin: they change only through services."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
