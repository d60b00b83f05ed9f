from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ipgov.finance.choices import PledgeStatus
from ipgov.finance.models import (
    Auction,
    AuctionLot,
    Fund,
    FundInvestment,
    FundProject,
    OperationCityGrant,
    Pledge,
    PledgedRight,
    TrustProduct,
    TrustRight,
)
from ipgov.finance.services.pledges import end_pledge
from ipgov.programs.admin_base import ReadOnlyInline, ServiceOnlyAdmin, service_action


class PledgedRightInline(ReadOnlyInline):
    model = PledgedRight


@admin.register(Pledge)
class PledgeAdmin(ServiceOnlyAdmin):
    list_display = ("registration_number", "pledgor", "pledgee", "amount", "registration_date", "right_kinds",
                    "status", "region")
    list_filter = ("status", "right_kinds", "pledgee_kind")
    search_fields = ("registration_number", "pledgor__name", "pledgee", "rights__number")
    date_hierarchy = "registration_date"
    inlines = [PledgedRightInline]
    actions = [service_action("release", _("released (解除) today"), lambda p, today: end_pledge(p, PledgeStatus.RELEASED, today))]


class FundProjectInline(ReadOnlyInline):
    model = FundProject
    fields = ("name", "organization", "added_on", "stage")


class FundInvestmentInline(ReadOnlyInline):
    model = FundInvestment
    fields = ("investee", "date", "amount", "stake", "project")


@admin.register(Fund)
class FundAdmin(ServiceOnlyAdmin):
    list_display = ("name", "sponsor", "size", "region", "inception")
    search_fields = ("name", "sponsor")
    inlines = [FundProjectInline, FundInvestmentInline]


class AuctionLotInline(ReadOnlyInline):
    model = AuctionLot
    fields = ("lot_number", "kind", "number", "reserve_price", "result", "hammer_price")


@admin.register(Auction)
class AuctionAdmin(ServiceOnlyAdmin):
    list_display = ("name", "organizer", "region", "date")
    inlines = [AuctionLotInline]


class TrustRightInline(ReadOnlyInline):
    model = TrustRight


@admin.register(TrustProduct)
class TrustProductAdmin(ServiceOnlyAdmin):
    list_display = ("name", "issuer", "size", "region", "issue_date")
    inlines = [TrustRightInline]


@admin.register(OperationCityGrant)
class OperationCityGrantAdmin(ServiceOnlyAdmin):
    list_display = ("city", "year", "source", "amount", "granted_on")
    list_filter = ("source", "year")
