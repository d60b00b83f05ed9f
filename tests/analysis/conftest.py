import datetime

import pytest

D = datetime.date


def patent(number: str, kind: str, filed, *, granted=None, terminated=None, pct=None, applicants=()):
    """A register record built by hand: (name, applicant_type, region) per applicant, in order."""
    from ipgov.rights.models import Applicant, Patent

    p = Patent.objects.create(application_number=number, patent_type=kind, filing_date=filed, grant_date=granted,
                              terminated_on=terminated, is_pct=pct is not None, pct_filing_date=pct,
                              title="一种测试装置", region_id=applicants[0][2], applicant_type=applicants[0][1])
    for i, (name, typ, region) in enumerate(applicants, 1):
        Applicant.objects.create(patent=p, position=i, name=name, applicant_type=typ, region_id=region)
    return p


HD = ("河南大学", "university", "410202")
ZD = ("郑州大学", "university", "410102")
XC = ("许昌学院", "university", "411002")
PKU = ("北京大学", "university", "110108")
FIRM = ("河南某某科技有限公司", "enterprise", "410102")


@pytest.fixture
def universities(db):
    """Three Henan universities with hand-counted 2019 figures (see test_evaluate), one outside Henan."""
    from ipgov.rights.models import LegalEvent

    patent("201710000001.0", "invention", D(2017, 3, 1), granted=D(2018, 5, 8), applicants=[HD])
    patent("201710000002.0", "invention", D(2017, 6, 1), granted=D(2019, 4, 2), applicants=[HD])
    patent("201920000003.0", "utility", D(2019, 1, 10), granted=D(2019, 7, 5), applicants=[HD])
    p4 = patent("201920000004.0", "utility", D(2019, 2, 10), granted=D(2019, 8, 6), applicants=[HD, FIRM])
    patent("201910000005.0", "invention", D(2019, 3, 1), pct=D(2019, 1, 15), applicants=[HD])
    LegalEvent.objects.create(patent=p4, kind="transfer", date=D(2019, 10, 10))
    q1 = patent("201610000011.0", "invention", D(2016, 1, 5), granted=D(2017, 5, 2), terminated=D(2019, 6, 1),
                applicants=[ZD])
    LegalEvent.objects.create(patent=q1, kind="transfer", date=D(2018, 3, 3))
    patent("201710000012.0", "invention", D(2017, 2, 2), granted=D(2019, 3, 5), applicants=[ZD])
    patent("201920000013.0", "utility", D(2019, 1, 3), granted=D(2019, 9, 3), applicants=[FIRM, ZD])
    patent("201920000021.0", "utility", D(2019, 5, 5), applicants=[XC])
    patent("201910000031.0", "invention", D(2018, 1, 5), granted=D(2019, 6, 4), applicants=[PKU])
    patent("201920000041.0", "utility", D(2019, 1, 5), granted=D(2019, 6, 4), applicants=[FIRM])
