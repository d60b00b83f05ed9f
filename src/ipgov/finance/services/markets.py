"""Auctions with lots, and trust products with their underlying rights."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ipgov.core import audit
from ipgov.core.models import ObjectChange
from ipgov.core.scope import CHANGE, check_object, check_region
from ipgov.finance.choices import LotResult
from ipgov.finance.models import Auction, AuctionLot, TrustProduct, TrustRight
from ipgov.finance.services.pledges import checked_rights
from ipgov.programs.services.common import amount, as_date, save_new
from ipgov.regions.services import get_region


@transaction.atomic
def create_auction(*, name: str, organizer: str, region_code: str, date: datetime.date | str,
                   distinction: str = "") -> Auction:
    region = get_region(region_code)
    check_region(region.code, CHANGE)
    if Auction.objects.filter(name=name).exists():
        raise ValidationError({"name": _("auction %(name)r already exists") % {"name": name}})
    return save_new(Auction(name=name, organizer=organizer, region=region, date=as_date(date, "date"),
                             distinction=distinction))


@transaction.atomic
def add_lot(auction: Auction, *, lot_number: int, kind: str, number: str, reserve_price_yuan) -> AuctionLot:
    check_object(auction, CHANGE)
    [(kind, number)] = checked_rights([(kind, number)], auction.date, field="number")
    if auction.lots.filter(lot_number=lot_number).exists():
        raise ValidationError({"lot_number": _("%(auction)s already has lot %(lot_number)s") % {"auction": auction, "lot_number": lot_number}})
    return save_new(AuctionLot(auction=auction, lot_number=lot_number, kind=kind, number=number,
                               reserve_price=amount(reserve_price_yuan, "reserve_price")))


@transaction.atomic
def close_lot(lot: AuctionLot, result: str, hammer_price_yuan=None) -> AuctionLot:
    check_object(lot, CHANGE)
    if result not in (LotResult.SOLD, LotResult.UNSOLD, LotResult.WITHDRAWN):
        raise ValidationError({"result": _("unknown lot result %(result)r") % {"result": result}})
    price = None
    if result == LotResult.SOLD:
        price = amount(hammer_price_yuan, "hammer_price")
        if price < lot.reserve_price:
            raise ValidationError({"hammer_price": _("hammer price %(price)s is below the reserve %(reserve_price)s") % {"price": price, "reserve_price": lot.reserve_price}})
    elif hammer_price_yuan not in (None, ""):
        raise ValidationError({"hammer_price": _("only a sold lot has a hammer price")})
    before = audit.snapshot(lot)
    lot.result, lot.hammer_price = result, price
    lot.save(update_fields=["result", "hammer_price", "updated"])
    audit.record(lot, ObjectChange.Action.UPDATE, before=before)
    return lot


@transaction.atomic
def issue_trust_product(*, name: str, issuer: str, region_code: str, issue_date: datetime.date | str, size_yuan,
                        rights: Iterable[tuple[str, str]], distinction: str = "") -> TrustProduct:
    region = get_region(region_code)
    check_region(region.code, CHANGE)
    day = as_date(issue_date, "issue_date")
    pairs = checked_rights(rights, day)
    if TrustProduct.objects.filter(name=name).exists():
        raise ValidationError({"name": _("trust product %(name)r already exists") % {"name": name}})
    product = save_new(TrustProduct(name=name, issuer=issuer, region=region, issue_date=day,
                                    size=amount(size_yuan, "size"), distinction=distinction))
    for kind, number in pairs:
        TrustRight.objects.create(product=product, kind=kind, number=number)
    return product
