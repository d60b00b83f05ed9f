from django.db import models
from django.utils.translation import gettext_lazy as _

from ipgov.core.models import ChangeLoggedModel, distinction_field
from ipgov.core.scope import RestrictedQuerySet
from ipgov.finance.choices import ProjectStage
from ipgov.finance.models.fields import yuan


class Fund(ChangeLoggedModel):
    """An IP operation fund (知识产权运营基金)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    sponsor = models.CharField(_("sponsor"), max_length=200)  # 发起人
    size = yuan(_("size (yuan)"))  # 规模
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("region"))
    inception = models.DateField(_("inception"))
    distinction = distinction_field()  # 首支

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        ordering = ["inception", "name"]
        verbose_name = _("fund")
        verbose_name_plural = _("funds")

    def __str__(self) -> str:
        return self.name


class FundProject(ChangeLoggedModel):
    """A project in a fund's pipeline (储备项目)."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="projects")
    name = models.CharField(_("name"), max_length=200)
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("region"), help_text=_("the fund's region"))
    organization = models.ForeignKey("programs.Organization", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("company"))
    added_on = models.DateField(_("added on"))
    stage = models.CharField(_("stage"), max_length=16, choices=ProjectStage.choices,
                             default=ProjectStage.PIPELINE)

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        ordering = ["fund", "added_on", "name"]
        verbose_name = _("fund pipeline project")
        verbose_name_plural = _("fund pipeline projects")
        constraints = [models.UniqueConstraint(fields=["fund", "name"], name="fund_project_unique")]

    def __str__(self) -> str:
        return self.name


class FundInvestment(ChangeLoggedModel):
    """An equity investment by a fund (股权投资): date, investee, amount, stake."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="investments")
    project = models.ForeignKey(FundProject, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="investments")
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("region"), help_text=_("the fund's region"))
    investee = models.ForeignKey("programs.Organization", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("investee"))
    date = models.DateField(_("date"))
    amount = yuan(_("amount (yuan)"))
    stake = models.DecimalField(_("stake (%)"), max_digits=5, decimal_places=2)

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        ordering = ["fund", "date"]
        verbose_name = _("fund investment")
        verbose_name_plural = _("fund investments")
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="investment_amount_positive")]

    def __str__(self) -> str:
        return f"{self.fund} → {self.investee} {self.amount} 元"


class FundExit(ChangeLoggedModel):
    """The exit from an investment (退出): date and proceeds."""

    investment = models.OneToOneField(FundInvestment, on_delete=models.PROTECT, related_name="exit")
    date = models.DateField(_("date"))
    proceeds = yuan(_("proceeds (yuan)"))

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "investment__region"

    class Meta:
        verbose_name = _("fund exit")
        verbose_name_plural = _("fund exits")

    def __str__(self) -> str:
        return f"exit {self.investment} {self.date}"
