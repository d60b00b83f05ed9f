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
