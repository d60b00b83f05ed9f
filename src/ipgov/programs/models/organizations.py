from django.db import models
from django.utils.translation import gettext_lazy as _

from ipgov.core.credit_code import validate_credit_code
from ipgov.core.models import ChangeLoggedModel
from ipgov.core.scope import RestrictedQuerySet
from ipgov.programs.choices import OrganizationKind


class Organization(ChangeLoggedModel):
    """An organization (单位): enterprise, university, center, park, city or county government …"""

    name = models.CharField(_("name"), max_length=200, db_index=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganizationKind.choices)
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("region"))
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True,
                                   validators=[validate_credit_code])  # 统一社会信用代码

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            models.UniqueConstraint(fields=["credit_code"], condition=~models.Q(credit_code=""),
                                    name="organization_credit_code_unique"),
            models.UniqueConstraint(fields=["name", "region"], name="organization_name_region_unique"),
        ]

    def __str__(self) -> str:
        return self.name
