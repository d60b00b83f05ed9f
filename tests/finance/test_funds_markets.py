import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ipgov.finance import stats
from ipgov.finance.choices import LotResult
from ipgov.finance.models import Auction, AuctionLot, TrustProduct
from ipgov.finance.services.funds import add_pipeline_project, create_fund, invest, record_exit
from ipgov.finance.services.markets import add_lot, close_lot, create_auction, issue_trust_product
from ipgov.programs.choices import OrganizationKind
from ipgov.programs.services.organizations import create_organization
from tests.programs.rights import cn_number, make_patent

pytestmark = pytest.mark.django_db
D = datetime.date


def test_fund_pipeline_investments_and_exit(actor):
    fund = create_fund(name="测试基金", sponsor="省局", size_yuan="10000000", region_code="410000",
                       inception=D(2019, 1, 1))
    org = create_organization("被投甲", OrganizationKind.ENTERPRISE, "410102")
    project = add_pipeline_project(fund, "项目甲", org, D(2019, 2, 1))
    add_pipeline_project(fund, "项目乙", org, D(2020, 8, 1))
    inv = invest(fund, investee=org, date=D(2019, 5, 1), amount_yuan="6000000.50", stake="12.5", project=project)
    project.refresh_from_db()
    assert project.stage == "invested" and project.region_id == "410000"
    with pytest.raises(ValidationError, match="beyond its size"):
        invest(fund, investee=org, date=D(2019, 6, 1), amount_yuan="4000000", stake=1)
    with pytest.raises(ValidationError, match="above 100%"):
        invest(fund, investee=org, date=D(2019, 6, 1), amount_yuan="1", stake="101")
    with pytest.raises(ValidationError, match="before the fund's inception"):
        add_pipeline_project(fund, "项目丙", org, D(2018, 12, 31))
    assert stats.fund_figures(fund, D(2020, 6, 30)) == stats.FundFigures(Decimal("10000000.00"), 1, 1,
                                                                         Decimal("6000000.50"))
    with pytest.raises(ValidationError, match="before the investment"):
        record_exit(inv, D(2019, 4, 1), "1")
    record_exit(inv, D(2021, 5, 1), "9000000")
    with pytest.raises(ValidationError, match="already exited"):
        record_exit(inv, D(2021, 6, 1), "1")


def test_auction_lots_and_trust(actor):
    good, lapsed = cn_number(2015, 1, 11), cn_number(2015, 1, 12)
    make_patent(good, D(2016, 6, 1))
    make_patent(lapsed, D(2016, 6, 1), D(2019, 1, 1))
    auction = create_auction(name="首届拍卖会", organizer="运营中心", region_code="410100", date=D(2019, 11, 8))
    lot = add_lot(auction, lot_number=1, kind="patent", number=good, reserve_price_yuan="50000")
    with pytest.raises(ValidationError, match="had ended"):
        add_lot(auction, lot_number=2, kind="patent", number=lapsed, reserve_price_yuan="50000")
    with pytest.raises(ValidationError, match="below the reserve"):
        close_lot(lot, LotResult.SOLD, "49999.99")
    close_lot(lot, LotResult.SOLD, "80000")
    assert AuctionLot.objects.get().hammer_price == Decimal("80000.00")
    with pytest.raises(ValidationError, match="had ended"):
        issue_trust_product(name="信托一期", issuer="信托公司", region_code="410100", issue_date=D(2019, 12, 10),
                            size_yuan="50000000", rights=[("patent", good), ("patent", lapsed)])
    assert not TrustProduct.objects.exists()
    issue_trust_product(name="信托一期", issuer="信托公司", region_code="410100", issue_date=D(2019, 12, 10),
                        size_yuan="50000000", rights=[("patent", good)])
    assert stats.auctions("410000", D(2019, 1, 1), D(2020, 12, 31)) == 1 == Auction.objects.count()
    assert stats.trust_products("410000", D(2019, 1, 1), D(2019, 12, 31)) == 1
    assert stats.trust_products("410000", D(2020, 1, 1), D(2020, 12, 31)) == 0
