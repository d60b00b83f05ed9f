from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from ipgov.core import audit
from ipgov.core.admin_base import ReadOnlyAdmin
from ipgov.core.models import ObjectChange, StaffProfile

User = get_user_model()


@admin.register(ObjectChange)
class ObjectChangeAdmin(ReadOnlyAdmin):
    """The audit trail is read-only in every interface."""

    list_display = ("time", "actor", "action", "object_type", "object_repr", "remote_addr")
    list_filter = ("action", "object_type")
    search_fields = ("actor", "object_repr", "object_id", "message")
    date_hierarchy = "time"


def _without_password(user) -> dict:
    """The user's snapshot for the trail, without the password hash."""
    data = audit.snapshot(user)
    data.pop("password", None)
    return data


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False
    autocomplete_fields = ("region",)
    verbose_name_plural = _("role and region scope")


class StaffUserAdmin(UserAdmin):
    """Users with their role and region scope; every save through the admin is audited."""

    inlines = (StaffProfileInline,)
    list_display = ("username", "role", "scope", "is_active", "last_login")
    list_select_related = ("staff_profile", "staff_profile__region")

    @admin.display(description=_("role"))
    def role(self, obj):
        profile = getattr(obj, "staff_profile", None)
        return profile.get_role_display() if profile else "—"

    @admin.display(description=_("region scope"))
    def scope(self, obj):
        profile = getattr(obj, "staff_profile", None)
        return str(profile.region) if profile else "—"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        # a province administrator manages staff, never superusers
        return qs if request.user.is_superuser else qs.filter(is_superuser=False)

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return ("is_superuser", "is_staff", "groups", "user_permissions", "last_login", "date_joined")

    def save_model(self, request, obj, form, change):
        before = _without_password(User.objects.get(pk=obj.pk)) if change else None
        old_hash = User.objects.filter(pk=obj.pk).values_list("password", flat=True).first()
        super().save_model(request, obj, form, change)
        after = _without_password(obj)
        password_changed = change and old_hash != obj.password
        if not change or before != after or password_changed:
            audit.record(obj, ObjectChange.Action.UPDATE if change else ObjectChange.Action.CREATE,
                         before=before, after=after,
                         message=audit.text(gettext_noop("via admin; password changed") if password_changed
                                            else gettext_noop("via admin")))

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            if inline_form.instance.pk and inline_form.has_changed():
                inline_form._audit_before = audit.snapshot(StaffProfile.objects.get(pk=inline_form.instance.pk))
        instances = formset.save()
        for instance in instances:
            form_ = next((f for f in formset.forms if f.instance is instance), None)
            before = getattr(form_, "_audit_before", None)
            audit.record(instance, ObjectChange.Action.UPDATE if before else ObjectChange.Action.CREATE,
                         before=before, message=audit.text(gettext_noop("via admin")))


admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)
from ipgov.core.ingest import admin as ingest_admin  # noqa: E402,F401 — registers the import provenance admin
