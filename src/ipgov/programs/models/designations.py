from django.db import models
from django.utils.translation import gettext_lazy as _

from ipgov.core.models import ChangeLoggedModel, distinction_field
from ipgov.core.scope import RestrictedQuerySet
from ipgov.programs.choices import DesignationKind, DesignationStatus, Level


class Designation(ChangeLoggedModel):
    """A designation of an organization (认定/命名): pilot city, strong enterprise, center, workstation …

    The events (`DesignationEvent`) are the history. The service that records them keeps three
    caches on the row so that stocks stay plain SQL for the indicator engine: `designated_on`
    (in force from), `accepted_on` (验收) and `revoked_on` (in force until, exclusive). `region` is
    the organization's region when designated: a later move of the organization does not rewrite
    past stocks.
    """

    organization = models.ForeignKey("programs.Organization", on_delete=models.PROTECT,
                                     related_name="designations", verbose_name=_("organization"))
    kind = models.CharField(_("kind"), max_length=40, choices=DesignationKind.choices)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    authority_region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("designating region"),
        help_text=_("the province or city that designates; empty for national designations"))
    batch = models.CharField(_("batch"), max_length=32, blank=True)  # 批次
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("current status"), max_length=16, choices=DesignationStatus.choices)
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("region"))
    designated_on = models.DateField(_("designated on"), null=True, blank=True, db_index=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    distinction = distinction_field()  # 首批
    subject = models.CharField(_("subject"), max_length=100, blank=True,
                               help_text=_("what is designated when it is not the organization itself, e.g. the "
                                           "geographical indication 信阳毛尖 of a GI promotion project"))

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        ordering = ["kind", "level", "year", "organization__name"]
        verbose_name = _("designation")
        verbose_name_plural = _("designations")
        constraints = [
            models.UniqueConstraint(fields=["organization", "kind", "level", "batch"],
                                    name="designation_unique_per_batch"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} · {self.get_level_display()} {self.get_kind_display()} ({self.year})"


class DesignationEvent(models.Model):
    """One step of a designation's history (状态变更): applied, designated, accepted (验收), revoked."""

    designation = models.ForeignKey(Designation, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=16, choices=DesignationStatus.choices)
    date = models.DateField(_("date"))
    document = models.CharField(_("document"), max_length=200, blank=True)  # 文号
    created = models.DateTimeField(auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "designation__region"

    class Meta:
        ordering = ["designation", "date", "id"]
        verbose_name = _("designation event")
        verbose_name_plural = _("designation events")
        constraints = [models.UniqueConstraint(fields=["designation", "status"], name="designation_event_once")]

    def __str__(self) -> str:
        return f"{self.date} {self.get_status_display()}"


class Evaluation(models.Model):
    """An evaluation (考核) of a designated unit: year, score, result."""

    designation = models.ForeignKey(Designation, on_delete=models.CASCADE, related_name="evaluations")
    year = models.PositiveSmallIntegerField(_("year"))
    date = models.DateField(_("date"))
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    result = models.CharField(_("result"), max_length=32, blank=True)  # 优秀/合格/不合格
    created = models.DateTimeField(auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "designation__region"

    class Meta:
        ordering = ["designation", "year"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [models.UniqueConstraint(fields=["designation", "year"], name="evaluation_once_a_year")]

    def __str__(self) -> str:
        return f"{self.year}: {self.score}"
