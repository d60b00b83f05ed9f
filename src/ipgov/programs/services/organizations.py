from __future__ import annotations

from django.db import transaction

from ipgov.core.credit_code import clean
from ipgov.core.scope import CHANGE, check_region
from ipgov.programs.models import Organization
from ipgov.programs.services.common import save_new
from ipgov.regions.services import get_region


@transaction.atomic
def create_organization(name: str, kind: str, region_code: str, credit_code: str = "") -> Organization:
    region = get_region(region_code)
    check_region(region.code, CHANGE)
    org = Organization(name=name.strip(), kind=kind, region=region, credit_code=clean(credit_code))
    return save_new(org)


def get_or_create_organization(name: str, kind: str, region_code: str, credit_code: str = "") -> tuple[Organization, bool]:
    code = clean(credit_code)
    existing = (Organization.objects.filter(credit_code=code).first() if code
                else Organization.objects.filter(name=name.strip(), region_id=region_code).first())
    if existing is not None:
        return existing, False
    return create_organization(name, kind, region_code, code), True
