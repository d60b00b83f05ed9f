"""Operation funds (运营基金): the fund, its pipeline, equity investments and exits."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from ipgov.core import audit
from ipgov.core.models import ObjectChange
from ipgov.core.scope import CHANGE, check_object, check_region
from ipgov.finance.choices import ProjectStage
from ipgov.finance.models import Fund, FundExit, FundInvestment, FundProject
from ipgov.programs.models import Organization
from ipgov.programs.services.common import amount, as_date, save_new
from ipgov.regions.services import get_region


@transaction.atomic
def create_fund(*, name: str, sponsor: str, size_yuan, region_code: str, inception: datetime.date | str) -> Fund:
    region = get_region(region_code)
    check_region(region.code, CHANGE)
    if Fund.objects.filter(name=name).exists():
        raise ValidationError({"name": f"fund {name!r} already exists"})
    return save_new(Fund(name=name, sponsor=sponsor, size=amount(size_yuan, "size"), region=region,
                         inception=as_date(inception, "inception")))


@transaction.atomic
def add_pipeline_project(fund: Fund, name: str, organization: Organization, added_on: datetime.date | str) -> FundProject:
    check_object(fund, CHANGE)
    day = as_date(added_on, "added_on")
    if day < fund.inception:
        raise ValidationError({"added_on": f"{day} is before the fund's inception {fund.inception}"})
    if FundProject.objects.filter(fund=fund, name=name).exists():
        raise ValidationError({"name": f"{fund} already has a pipeline project {name!r}"})
    return save_new(FundProject(fund=fund, region_id=fund.region_id, name=name, organization=organization,
                                added_on=day))


@transaction.atomic
def invest(fund: Fund, *, investee: Organization, date: datetime.date | str, amount_yuan, stake,
           project: FundProject | None = None) -> FundInvestment:
    """An equity investment: never more in total than the fund's size; the project becomes invested."""
    check_object(fund, CHANGE)
    day = as_date(date, "date")
    value = amount(amount_yuan, "amount")
    pct = amount(stake, "stake")
    if pct > Decimal(100):
        raise ValidationError({"stake": f"stake {pct}% is above 100%"})
    if day < fund.inception:
        raise ValidationError({"date": f"{day} is before the fund's inception {fund.inception}"})
    invested = fund.investments.aggregate(s=Sum("amount"))["s"] or Decimal(0)
    if invested + value > fund.size:
        raise ValidationError({"amount": f"{fund} would invest {invested + value} 元, beyond its size {fund.size} 元"})
    investment = save_new(FundInvestment(fund=fund, region_id=fund.region_id, project=project, investee=investee, date=day,
                                         amount=value, stake=pct))
    if project is not None and project.stage != ProjectStage.INVESTED:
        before = audit.snapshot(project)
        project.stage = ProjectStage.INVESTED
        project.save(update_fields=["stage", "updated"])
        audit.record(project, ObjectChange.Action.UPDATE, before=before)
    return investment


@transaction.atomic
def record_exit(investment: FundInvestment, date: datetime.date | str, proceeds_yuan) -> FundExit:
    check_object(investment, CHANGE)
    day = as_date(date, "date")
    if day < investment.date:
        raise ValidationError({"date": f"exit {day} is before the investment {investment.date}"})
    if FundExit.objects.filter(investment=investment).exists():
        raise ValidationError({"investment": f"{investment} has already exited"})
    return save_new(FundExit(investment=investment, date=day, proceeds=amount(proceeds_yuan, "proceeds", True)))
