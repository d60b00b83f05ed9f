from django.db import models
from django.utils.translation import gettext_lazy as _

from ipgov.core.models import ChangeLoggedModel
from ipgov.core.scope import RestrictedQuerySet
from ipgov.programs.choices import AwardGrade, AwardKind


class Award(ChangeLoggedModel):
    """A patent award (专利奖): China Patent Award or the provincial award, by edition (届) and grade."""

    kind = models.CharField(_("award"), max_length=32, choices=AwardKind.choices)
    edition = models.PositiveSmallIntegerField(_("edition"))  # 第N届
    award_date = models.DateField(_("date of the award decision"))
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("region"), help_text=_("the patentee's region when awarded"))
    grade = models.CharField(_("grade"), max_length=16, choices=AwardGrade.choices)
    patent_number = models.CharField(_("patent application number"), max_length=20)
    title = models.CharField(_("patent title"), max_length=300, blank=True)
    organization = models.ForeignKey("programs.Organization", on_delete=models.PROTECT,
                                     related_name="awards", verbose_name=_("awarded patentee"))

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        ordering = ["kind", "edition", "grade", "patent_number"]
        verbose_name = _("patent award")
        verbose_name_plural = _("patent awards")
        constraints = [models.UniqueConstraint(fields=["kind", "edition", "patent_number"],
                                               name="award_once_per_edition")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.edition} {self.get_grade_display()} {self.patent_number}"
