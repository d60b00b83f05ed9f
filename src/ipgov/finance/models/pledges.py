from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ipgov.core.models import ChangeLoggedModel
from ipgov.core.scope import RestrictedQuerySet
from ipgov.finance.choices import PledgedKinds, PledgeeKind, PledgeStatus
from ipgov.finance.models.fields import RIGHT_NUMBER_HELP, yuan
from ipgov.rights.choices import RightType


class Pledge(ChangeLoggedModel):
    """A pledge financing project (质押登记): one registration, one amount, one or more rights."""

    registration_number = models.CharField(pgettext_lazy("pledge", "registration number"), max_length=40, unique=True)  # 登记号
    pledgor = models.ForeignKey("programs.Organization", on_delete=models.PROTECT, related_name="pledges",
                                verbose_name=_("pledgor"))  # 出质人
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("region"), help_text=_("the pledgor's region when registered"))
    right_kinds = models.CharField(_("rights pledged"), max_length=24, choices=PledgedKinds.choices)
    pledgee = models.CharField(_("pledgee"), max_length=200)  # 质权人
    pledgee_kind = models.CharField(_("pledgee kind"), max_length=16, choices=PledgeeKind.choices)
    amount = yuan(_("amount (yuan)"))  # 融资金额
    registration_date = models.DateField(pgettext_lazy("pledge", "registration date"), db_index=True)
    term_start = models.DateField(_("term start"))
    term_end = models.DateField(_("term end"))
    status = models.CharField(_("status"), max_length=16, choices=PledgeStatus.choices,
                              default=PledgeStatus.REGISTERED)
    ended_on = models.DateField(_("released or revoked on"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        ordering = ["-registration_date", "registration_number"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="pledge_amount_positive")]

    def __str__(self) -> str:
        return f"{self.registration_number} {self.pledgor} {self.amount} 元"


class PledgedRight(models.Model):
    """A right pledged in a project (出质的专利/商标), by its number in the register."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="rights")
    kind = models.CharField(_("kind"), max_length=16, choices=RightType.choices)
    number = models.CharField(_("number"), max_length=20, help_text=RIGHT_NUMBER_HELP)

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "pledge__region"

    class Meta:
        ordering = ["pledge", "kind", "number"]
        verbose_name = _("pledged right")
        verbose_name_plural = _("pledged rights")
        constraints = [models.UniqueConstraint(fields=["pledge", "kind", "number"], name="pledged_right_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"
