"""Import specs of the finance app on the one ingest path (`core.ingest.rows`): CSV/Excel with
Chinese headers, amounts in 元 or 万元 columns, the natural key of each kind and the service each
row calls. A pledge already registered under its 登记号 with different values is amended (the
earlier state kept as a RecordVersion), never reported unchanged."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError

from ipgov.core import audit
from ipgov.core.ingest.columns import Column, choice
from ipgov.core.ingest.models import RecordVersion
from ipgov.core.ingest.rows import RowSpec, unchanged_or_refused
from ipgov.finance.choices import ZH_NAMES, GrantSource, LotResult, PledgeeKind
from ipgov.finance.models import (
    Auction,
    Fund,
    FundInvestment,
    FundProject,
    OperationCityGrant,
    Pledge,
    TrustProduct,
)
from ipgov.finance.services.funds import add_pipeline_project, create_fund, invest
from ipgov.finance.services.grants import record_grant
from ipgov.finance.services.markets import add_lot, close_lot, create_auction, issue_trust_product
from ipgov.finance.services.pledges import amend_pledge, register_pledge
from ipgov.programs.choices import ZH_NAMES as PROGRAM_NAMES
from ipgov.programs.choices import OrganizationKind
from ipgov.programs.services.organizations import get_or_create_organization
from ipgov.rights.choices import RightType


def amount_columns(name: str, label: str) -> tuple[Column, ...]:
    """A pair of alternative columns, `label(元)` and `label(万元)`; exactly one must be filled."""
    return (Column(f"{name}_yuan", (f"{label}(元)", f"{label}（元）", f"{name}_yuan"), "yuan", required=False),
            Column(f"{name}_wan", (f"{label}(万元)", f"{label}（万元）", f"{name}_wanyuan"), "wanyuan",
                   required=False))


def amount_of(row: dict, name: str, label: str) -> Decimal:
    yuan, wan = row[f"{name}_yuan"], row[f"{name}_wan"]
    if (yuan is None) == (wan is None):
        raise ValidationError({f"{name}_yuan": f"give {label} in exactly one of the 元 and 万元 columns"})
    return yuan if yuan is not None else wan


def org_columns(name_header: str) -> tuple[Column, ...]:
    return (
        Column("org_name", (name_header, "单位名称", "name")),
        Column("region", ("行政区划代码", "region")),
        Column("credit_code", ("统一社会信用代码", "credit_code"), required=False),
        choice("org_kind", ("单位类型", "kind"), OrganizationKind, PROGRAM_NAMES[OrganizationKind], required=False),
    )


def org_of(row: dict):
    return get_or_create_organization(row["org_name"], row["org_kind"] or OrganizationKind.ENTERPRISE,
                                      row["region"], row["credit_code"] or "")[0]


def rights_of(row: dict) -> list[tuple[str, str]]:
    """Rights from the `;`-separated patent and trademark number columns."""
    pairs = []
    for kind, key in ((RightType.PATENT, "patents"), (RightType.TRADEMARK, "trademarks")):
        text = (row.get(key) or "").replace("；", ";").replace(",", ";").replace("，", ";")
        pairs += [(kind, n.strip()) for n in text.split(";") if n.strip()]
    return pairs


RIGHT_COLUMNS = (Column("patents", ("专利号", "patents"), required=False),
                 Column("trademarks", ("商标注册号", "trademarks"), required=False))


def _pledge(row: dict, batch) -> str:
    values = dict(pledgee=row["pledgee"], pledgee_kind=row["pledgee_kind"],
                  amount_yuan=amount_of(row, "amount", "融资金额"), registration_date=row["registration_date"],
                  term_start=row["term_start"], term_end=row["term_end"], rights=rights_of(row))
    existing = Pledge.objects.filter(registration_number=row["registration_number"]).first()
    if existing is None:
        register_pledge(registration_number=row["registration_number"], pledgor=org_of(row), **values)
        return "created"
    before = {**audit.snapshot(existing), "rights": sorted([r.kind, r.number] for r in existing.rights.all())}
    if org_of(row) != existing.pledgor:
        raise ValidationError({"pledgor": f"pledge {existing.registration_number} is registered to "
                                          f"{existing.pledgor.name}, not {row['org_name']}"})
    amended = amend_pledge(existing, **values)
    if amended is None:
        return "unchanged"
    RecordVersion.objects.create(record_type="pledge", record_key=existing.registration_number, data=before,
                                 replaced_by=batch)
    return "updated"


def _grant(row: dict, batch) -> str:
    existing = OperationCityGrant.objects.filter(city_id=row["city"], year=row["year"], source=row["source"]).first()
    if existing is not None:
        return unchanged_or_refused(existing, {"amount": amount_of(row, "amount", "金额"),
                                               "granted_on": row["granted_on"], "document": row["document"]},
                                    f"the {row['year']} grant to {row['city']}")
    record_grant(city_code=row["city"], year=row["year"], granted_on=row["granted_on"], source=row["source"],
                 amount_yuan=amount_of(row, "amount", "金额"), document=row["document"] or "")
    return "created"


def _fund(row: dict, batch) -> str:
    existing = Fund.objects.filter(name=row["fund"]).first()
    if existing is not None:
        return unchanged_or_refused(existing, {"sponsor": row["sponsor"], "size": amount_of(row, "size", "规模"),
                                               "inception": row["inception"]}, existing.name)
    create_fund(name=row["fund"], sponsor=row["sponsor"], size_yuan=amount_of(row, "size", "规模"),
                region_code=row["fund_region"], inception=row["inception"], distinction=row["distinction"] or "")
    return "created"


def fund_of(row: dict) -> Fund:
    fund = Fund.objects.filter(name=row["fund"]).first()
    if fund is None:
        raise ValidationError({"fund": f"no fund named {row['fund']!r}: import the fund first"})
    return fund


def _fund_project(row: dict, batch) -> str:
    fund = fund_of(row)
    if FundProject.objects.filter(fund=fund, name=row["project"]).exists():
        return "unchanged"
    add_pipeline_project(fund, row["project"], org_of(row), row["added_on"])
    return "created"


def _investment(row: dict, batch) -> str:
    fund, investee = fund_of(row), org_of(row)
    existing = FundInvestment.objects.filter(fund=fund, investee=investee, date=row["date"]).first()
    if existing is not None:
        return unchanged_or_refused(existing, {"amount": amount_of(row, "amount", "投资金额"), "stake": row["stake"]},
                                    f"the investment of {fund} in {investee.name} on {row['date']}")
    project = None
    if row["project"]:
        project = FundProject.objects.filter(fund=fund, name=row["project"]).first()
        if project is None:
            raise ValidationError({"project": f"{fund} has no pipeline project {row['project']!r}"})
    invest(fund, investee=investee, date=row["date"], amount_yuan=amount_of(row, "amount", "投资金额"),
           stake=row["stake"], project=project)
    return "created"


def _lot(row: dict, batch) -> str:
    auction = Auction.objects.filter(name=row["auction"]).first()
    created = auction is None
    if created:
        auction = create_auction(name=row["auction"], organizer=row["organizer"], region_code=row["auction_region"],
                                 date=row["date"], distinction=row["distinction"] or "")
    if auction.lots.filter(lot_number=row["lot"]).exists():
        return "created" if created else "unchanged"
    lot = add_lot(auction, lot_number=row["lot"], kind=row["right_kind"], number=row["number"],
                  reserve_price_yuan=amount_of(row, "reserve", "起拍价"))
    if row["result"] and row["result"] != LotResult.PENDING:
        hammer = None if row["hammer_yuan"] is None and row["hammer_wan"] is None else amount_of(row, "hammer", "成交价")
        close_lot(lot, row["result"], hammer)
    return "created"


def _trust(row: dict, batch) -> str:
    existing = TrustProduct.objects.filter(name=row["product"]).first()
    if existing is not None:
        return unchanged_or_refused(existing, {"issuer": row["issuer"], "size": amount_of(row, "size", "规模"),
                                               "issue_date": row["issue_date"]}, existing.name)
    issue_trust_product(name=row["product"], issuer=row["issuer"], region_code=row["trust_region"],
                        issue_date=row["issue_date"], size_yuan=amount_of(row, "size", "规模"), rights=rights_of(row),
                        distinction=row["distinction"] or "")
    return "created"


ALIASES = (("organization", "org_name"), ("pledgor", "org_name"), ("investee", "org_name"), ("rights", "patents"))

SPECS = (
    RowSpec("pledges", (
        Column("registration_number", ("登记号", "registration_number")),
        *org_columns("出质人"),
        Column("pledgee", ("质权人", "pledgee")),
        choice("pledgee_kind", ("质权人类型", "pledgee_kind"), PledgeeKind, ZH_NAMES[PledgeeKind]),
        *amount_columns("amount", "融资金额"),
        Column("registration_date", ("登记日期", "registration_date"), "date"),
        Column("term_start", ("质押期限起", "term_start"), "date", future=True),
        Column("term_end", ("质押期限止", "term_end"), "date", future=True),
        *RIGHT_COLUMNS,
    ), _pledge, key=("registration_number",), aliases=ALIASES),
    RowSpec("grants", (
        Column("city", ("城市区划代码", "city")),
        Column("year", ("年度", "year"), "int"),
        Column("granted_on", ("下达日期", "granted_on"), "date"),
        choice("source", ("资金来源", "source"), GrantSource, ZH_NAMES[GrantSource]),
        *amount_columns("amount", "金额"),
        Column("document", ("文号", "document"), required=False),
    ), _grant, key=("city", "year", "source"), aliases=ALIASES),
    RowSpec("funds", (
        Column("fund", ("基金名称", "fund")),
        Column("sponsor", ("发起人", "sponsor")),
        *amount_columns("size", "规模"),
        Column("fund_region", ("行政区划代码", "region")),
        Column("inception", ("成立日期", "inception"), "date"),
        Column("distinction", ("首创", "distinction"), required=False),
    ), _fund, key=("fund",), aliases=ALIASES),
    RowSpec("fund_projects", (
        Column("fund", ("基金名称", "fund")),
        Column("project", ("项目名称", "project")),
        *org_columns("企业名称"),
        Column("added_on", ("入库日期", "added_on"), "date"),
    ), _fund_project, key=("fund", "project"), aliases=ALIASES),
    RowSpec("fund_investments", (
        Column("fund", ("基金名称", "fund")),
        *org_columns("被投企业"),
        Column("date", ("投资日期", "date"), "date"),
        *amount_columns("amount", "投资金额"),
        Column("stake", ("持股比例(%)", "持股比例（%）", "stake"), "yuan"),
        Column("project", ("项目名称", "project"), required=False),
    ), _investment, key=("fund", "org_name", "date"), aliases=ALIASES),
    RowSpec("auction_lots", (
        Column("auction", ("拍卖会名称", "auction")),
        Column("organizer", ("主办单位", "organizer")),
        Column("auction_region", ("行政区划代码", "region")),
        Column("date", ("拍卖日期", "date"), "date", future=True),
        Column("distinction", ("首创", "distinction"), required=False),
        Column("lot", ("拍品号", "lot"), "int"),
        choice("right_kind", ("权利类型", "right_kind"), RightType, PROGRAM_NAMES[RightType]),
        Column("number", ("权利号", "number")),
        *amount_columns("reserve", "起拍价"),
        choice("result", ("结果", "result"), LotResult, ZH_NAMES[LotResult], required=False),
        *amount_columns("hammer", "成交价"),
    ), _lot, key=("auction", "lot"), aliases=ALIASES),
    RowSpec("trusts", (
        Column("product", ("产品名称", "product")),
        Column("issuer", ("发行机构", "issuer")),
        Column("trust_region", ("行政区划代码", "region")),
        Column("issue_date", ("发行日期", "issue_date"), "date"),
        Column("distinction", ("首创", "distinction"), required=False),
        *amount_columns("size", "规模"),
        *RIGHT_COLUMNS,
    ), _trust, key=("product",), aliases=ALIASES),
)
IMPORTERS = {spec.kind: spec for spec in SPECS}
