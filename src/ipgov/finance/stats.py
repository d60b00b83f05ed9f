"""Counting queries behind the finance indicators.

Pledge financing is a flow: projects (one pledge registration = one project, however many
rights it pledges) and their amounts, by registration date, in the pledgor's region; revoked
registrations are void and never counted, released ones stay in their period. Fund, grant,
auction and trust figures are cumulative to a date.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum

from ipgov.finance.choices import COUNTED_PLEDGE_STATUSES, PATENT_PLEDGES, GrantSource
from ipgov.finance.models import Auction, Fund, OperationCityGrant, Pledge, TrustProduct
from ipgov.regions.models import Region


@dataclass(frozen=True)
class PledgeTotals:
    amount: Decimal  # 元
    projects: int

    @property
    def amount_yi(self) -> Decimal:  # 亿元
        return self.amount / Decimal(100_000_000)


def pledges(region_code: str, start: datetime.date, end: datetime.date, patents_only: bool = False) -> PledgeTotals:
    """Pledge projects registered in [start, end] and their amount; `patents_only`: those pledging
    at least one patent (专利质押融资, the whole amount of a mixed patent+trademark project)."""
    qs = Pledge.objects.filter(region__in=Region.objects.within(region_code),
                               registration_date__gte=start, registration_date__lte=end,
                               status__in=list(COUNTED_PLEDGE_STATUSES))
    if patents_only:
        qs = qs.filter(right_kinds__in=list(PATENT_PLEDGES))
    agg = qs.aggregate(amount=Sum("amount"), projects=Count("pk"))
    return PledgeTotals(agg["amount"] or Decimal("0.00"), agg["projects"])


@dataclass(frozen=True)
class FundFigures:
    size: Decimal
    pipeline_projects: int
    investments: int
    invested: Decimal


def fund_figures(fund: Fund, as_of: datetime.date) -> FundFigures:
    """A fund's cumulative figures on `as_of`: pipeline projects ever added (储备), investments made."""
    inv = fund.investments.filter(date__lte=as_of).aggregate(n=Count("pk"), s=Sum("amount"))
    return FundFigures(fund.size, fund.projects.filter(added_on__lte=as_of).count(), inv["n"],
                       inv["s"] or Decimal("0.00"))


def funds_in_region(region_code: str, as_of: datetime.date) -> list[Fund]:
    return list(Fund.objects.filter(region__in=Region.objects.within(region_code), inception__lte=as_of))


def operation_city_funds(region_code: str, as_of: datetime.date, source: str = GrantSource.CENTRAL) -> Decimal:
    qs = OperationCityGrant.objects.filter(city__in=Region.objects.within(region_code), granted_on__lte=as_of,
                                           source=source)
    return qs.aggregate(s=Sum("amount"))["s"] or Decimal("0.00")


def auctions(region_code: str, start: datetime.date, end: datetime.date) -> int:
    return Auction.objects.filter(region__in=Region.objects.within(region_code), date__range=(start, end)).count()


def trust_products(region_code: str, start: datetime.date, end: datetime.date) -> int:
    return TrustProduct.objects.filter(region__in=Region.objects.within(region_code),
                                       issue_date__range=(start, end)).count()
