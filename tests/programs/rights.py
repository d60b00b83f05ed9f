"""Real register records (ipgov.rights) for the tests, written directly as fixtures."""

from __future__ import annotations

import datetime

from ipgov.rights.choices import LegalEventKind, PatentType
from ipgov.rights.models import LegalEvent, Patent, Trademark


def cn_number(year: int, kind_digit: int, serial: int) -> str:
    """A well-formed CN application number with its check character (DOMAIN.md)."""
    body = f"{year:04d}{kind_digit}{serial:07d}"
    weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
    check = sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11
    return f"{body}.{'X' if check == 10 else check}"


def make_patent(number: str, granted: datetime.date | None, ended: datetime.date | None = None,
                region: str = "410102") -> Patent:
    patent = Patent.objects.create(
        application_number=number, patent_type=PatentType.INVENTION, title=f"测试专利 {number}",
        filing_date=(granted or datetime.date(2020, 1, 1)).replace(year=(granted or datetime.date(2020, 1, 1)).year - 2),
        grant_date=granted, region_id=region, terminated_on=ended)
    if ended:
        LegalEvent.objects.create(patent=patent, kind=LegalEventKind.LAPSE_NON_PAYMENT, date=ended)
    return patent


def make_trademark(number: str, registered: datetime.date, region: str = "410102") -> Trademark:
    return Trademark.objects.create(number=number, owner_name="测试商标权人", registration_date=registered,
                                    region_id=region)
