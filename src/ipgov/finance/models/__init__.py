from ipgov.finance.models.funds import Fund, FundExit, FundInvestment, FundProject
from ipgov.finance.models.grants import OperationCityGrant
from ipgov.finance.models.markets import Auction, AuctionLot, TrustProduct, TrustRight
from ipgov.finance.models.pledges import Pledge, PledgedRight

__all__ = ["Auction", "AuctionLot", "Fund", "FundExit", "FundInvestment", "FundProject", "OperationCityGrant",
           "Pledge", "PledgedRight", "TrustProduct", "TrustRight"]
