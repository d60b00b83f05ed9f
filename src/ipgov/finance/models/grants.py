from django.db import models
from django.utils.translation import gettext_lazy as _

from ipgov.core.models import ChangeLoggedModel
from ipgov.core.scope import RestrictedQuerySet
from ipgov.finance.choices import GrantSource
from ipgov.finance.models.fields import yuan


class OperationCityGrant(ChangeLoggedModel):
    """Funding for an IP operation-service key city (运营服务体系重点城市资金) by city, year and source."""

    city = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("city"))
    year = models.PositiveSmallIntegerField(_("budget year"))
    granted_on = models.DateField(_("granted on"))
    source = models.CharField(_("source"), max_length=16, choices=GrantSource.choices)
    amount = yuan(_("amount (yuan)"))
    document = models.CharField(_("document"), max_length=200, blank=True)

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "city"

    class Meta:
        ordering = ["city", "year", "source"]
        verbose_name = _("operation-city grant")
        verbose_name_plural = _("operation-city grants")
        constraints = [models.UniqueConstraint(fields=["city", "year", "source"], name="operation_grant_unique")]

    def __str__(self) -> str:
        return f"{self.city} {self.year} {self.get_source_display()} {self.amount} 元"
