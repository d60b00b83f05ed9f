"""Operation funds (运营基金): the fund, its pipeline, equity investments and exits."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from ipgov.core import audit
from ipgov.core.models import ObjectChange
from ipgov.core.scope import CHANGE, check_object, check_region
from ipgov.finance.choices import ProjectStage
from ipgov.finance.models import Fund, FundExit, FundInvestment, FundProject
from ipgov.programs.models import Organization
from ipgov.programs.services.common import amount, as_date, save_new
from ipgov.regions.services import get_region


@transaction.atomic
def create_fund(*, name: str, sponsor: str, size_yuan, region_code: str, inception: datetime.date | str,
                distinction: str = "") -> Fund:
    region = get_region(region_code)
    check_region(region.code, CHANGE)
    if Fund.objects.filter(name=name).exists():
        raise ValidationError({"name": _("fund %(name)r already exists") % {"name": name}})
    return save_new(Fund(name=name, sponsor=sponsor, size=amount(size_yuan, "size"), region=region,
                         inception=as_date(inception, "inception"), distinction=distinction))


@transaction.atomic
def add_pipeline_project(fund: Fund, name: str, organization: Organization, added_on: datetime.date | str) -> FundProject:
    check_object(fund, CHANGE)
    day = as_date(added_on, "added_on")
    if day < fund.inception:
        raise ValidationError({"added_on": _("%(day)s is before the fund's inception %(inception)s") % {"day": day, "inception": fund.inception}})
    if FundProject.objects.filter(fund=fund, name=name).exists():
        raise ValidationError({"name": _("%(fund)s already has a pipeline project %(name)r") % {"fund": fund, "name": name}})
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
        raise ValidationError({"stake": _("stake %(pct)s%% is above 100%%") % {"pct": pct}})
    if day < fund.inception:
        raise ValidationError({"date": _("%(day)s is before the fund's inception %(inception)s") % {"day": day, "inception": fund.inception}})
    invested = fund.investments.aggregate(s=Sum("amount"))["s"] or Decimal(0)
    if invested + value > fund.size:
        raise ValidationError({"amount": _("%(fund)s would invest %(value)s 元, beyond its size %(size)s 元") % {"fund": fund, "value": invested + value, "size": fund.size}})
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
        raise ValidationError({"date": _("exit %(day)s is before the investment %(date)s") % {"day": day, "date": investment.date}})
    if FundExit.objects.filter(investment=investment).exists():
        raise ValidationError({"investment": _("%(investment)s has already exited") % {"investment": investment}})
    return save_new(FundExit(investment=investment, date=day, proceeds=amount(proceeds_yuan, "proceeds", True)))
