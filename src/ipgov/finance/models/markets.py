from django.db import models
from django.utils.translation import gettext_lazy as _

from ipgov.core.models import ChangeLoggedModel, distinction_field
from ipgov.core.scope import RestrictedQuerySet
from ipgov.finance.choices import LotResult
from ipgov.finance.models.fields import RIGHT_NUMBER_HELP, yuan
from ipgov.rights.choices import RightType


class Auction(ChangeLoggedModel):
    """An IP auction (知识产权拍卖会)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    organizer = models.CharField(_("organizer"), max_length=200)
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("region"))
    date = models.DateField(_("date"))
    distinction = distinction_field()  # 河南首届

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        ordering = ["-date"]
        verbose_name = _("auction")
        verbose_name_plural = _("auctions")

    def __str__(self) -> str:
        return self.name


class AuctionLot(ChangeLoggedModel):
    """A lot of an auction (拍品): a right, its reserve price, result and hammer price."""

    auction = models.ForeignKey(Auction, on_delete=models.CASCADE, related_name="lots")
    lot_number = models.PositiveIntegerField(_("lot number"))
    kind = models.CharField(_("right kind"), max_length=16, choices=RightType.choices)
    number = models.CharField(_("right number"), max_length=20, help_text=RIGHT_NUMBER_HELP)
    reserve_price = yuan(_("reserve price (yuan)"))  # 起拍价
    result = models.CharField(_("result"), max_length=16, choices=LotResult.choices, default=LotResult.PENDING)
    hammer_price = yuan(_("hammer price (yuan)"), null=True, blank=True)  # 成交价

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "auction__region"

    class Meta:
        ordering = ["auction", "lot_number"]
        verbose_name = _("auction lot")
        verbose_name_plural = _("auction lots")
        constraints = [models.UniqueConstraint(fields=["auction", "lot_number"], name="auction_lot_unique")]

    def __str__(self) -> str:
        return f"{self.auction} #{self.lot_number}"


class TrustProduct(ChangeLoggedModel):
    """An IP trust product (知识产权信托产品) with its underlying rights."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    issuer = models.CharField(_("issuer"), max_length=200)  # 信托公司
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("region"))
    issue_date = models.DateField(_("issue date"))
    size = yuan(_("size (yuan)"))
    distinction = distinction_field()  # 全国首个

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        ordering = ["-issue_date"]
        verbose_name = _("trust product")
        verbose_name_plural = _("trust products")

    def __str__(self) -> str:
        return self.name


class TrustRight(models.Model):
    product = models.ForeignKey(TrustProduct, on_delete=models.CASCADE, related_name="rights")
    kind = models.CharField(_("kind"), max_length=16, choices=RightType.choices)
    number = models.CharField(_("number"), max_length=20, help_text=RIGHT_NUMBER_HELP)

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "product__region"

    class Meta:
        verbose_name = _("trust underlying right")
        verbose_name_plural = _("trust underlying rights")
        constraints = [models.UniqueConstraint(fields=["product", "kind", "number"], name="trust_right_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"
