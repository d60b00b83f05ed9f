from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from ipgov.core.choices import ChoiceSet, Role


class ChangeLoggedModel(models.Model):
    """Base for register records: creation and update times kept by the database layer."""

    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


def distinction_field() -> models.CharField:
    """What makes a record the first of its kind, as a work report names it (首届, 全国首个, 首批):
    the report quotes it beside the record's name ("举办了河南首届知识产权拍卖会"). Empty for most records."""
    return models.CharField(_("distinction"), max_length=40, blank=True,
                            help_text=_("what makes it the first of its kind, as a report names it, e.g. "
                                        "全国首个, 河南首届, 首批; leave empty otherwise"))


class ObjectChange(models.Model):
    """One entry of the audit trail (审计日志): who changed what, when, from where, before and after."""

    class Action(ChoiceSet):
        CREATE = "create", _("create")
        UPDATE = "update", _("update")
        DELETE = "delete", _("delete")
        TRANSITION = "transition", _("transition")
        IMPORT = "import", _("import")

    time = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.CharField(_("actor"), max_length=150)
    remote_addr = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    request_id = models.UUIDField(_("request id"), db_index=True)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    object_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64, db_index=True)
    object_repr = models.CharField(_("object"), max_length=200)
    message = models.CharField(_("message"), max_length=500, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-time", "-id"]
        verbose_name = _("object change")
        verbose_name_plural = _("object changes")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.time:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_repr}"


class StaffProfile(models.Model):
    """A staff member's role and region scope (工作人员): what they may see and act on."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("region scope"))
    organization = models.CharField(_("organization"), max_length=200, blank=True,
                                    help_text=_("for center staff: the center they work at"))

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.region_id})"

from ipgov.core.ingest.models import ImportBatch, ImportRowError, RecordVersion  # noqa: E402,F401 — the app's models
