"""One record in 郑州 and one in 洛阳 for every registered web page, made straight in the database.

The scope walk (test_scope.py) fails when a page is registered without a factory here, so a new list
cannot ship unwalked.
"""

from __future__ import annotations

import datetime

FACTORIES = {}


def factory(slug):
    def wrap(fn):
        FACTORIES[slug] = fn
        return fn

    return wrap


@factory("patents")
def _patent(region: str, n: int):
    from ipgov.rights.models import Patent

    return Patent.objects.create(application_number=f"20201000{n:04d}9.X", patent_type="invention",
                                 region_id=region, filing_date=datetime.date(2020, 1, n), title=f"专利{n}")


@factory("trademarks")
def _trademark(region: str, n: int):
    from ipgov.rights.models import Trademark

    return Trademark.objects.create(number=f"4{n:07d}", owner_name=f"商标权人{n}", name=f"商标{n}",
                                    region_id=region, filing_date=datetime.date(2020, 1, n))


def _organization(region: str, n: int):
    from ipgov.programs.models import Organization

    org, _ = Organization.objects.get_or_create(name=f"企业{n}", region_id=region,
                                                defaults={"kind": "enterprise"})
    return org


@factory("pledges")
def _pledge(region: str, n: int):
    from ipgov.finance.models import Pledge

    return Pledge.objects.create(registration_number=f"Y2020{n:05d}", pledgor=_organization(region, n),
                                 region_id=region, right_kinds="patent", pledgee="银行", pledgee_kind="bank",
                                 amount="1000000.00", registration_date=datetime.date(2020, 3, n),
                                 term_start=datetime.date(2020, 3, n), term_end=datetime.date(2021, 3, n))


@factory("designations")
def _designation(region: str, n: int):
    from ipgov.programs.models import Designation

    return Designation.objects.create(organization=_organization(region, n), kind="strong_enterprise",
                                      level="provincial", year=2019, status="designated", region_id=region,
                                      designated_on=datetime.date(2019, 6, n))


@factory("cases")
def _case(region: str, n: int):
    from ipgov.cases import services
    from ipgov.core.actor import Actor, acting_as

    with acting_as(Actor.system("test")):
        return services.open_case("patent_dispute", region=region, authority=f"{region} 知识产权局",
                                  received_on=datetime.date(2020, 5, n), title=f"案件{n}")
