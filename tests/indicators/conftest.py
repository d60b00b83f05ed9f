import datetime
import itertools

import pytest

from ipgov.core.actor import Actor, acting_as
from ipgov.core.ingest.models import ImportBatch
from ipgov.rights.models import Applicant, GIProduct, Patent, Trademark

_serial = itertools.count(1)
D = datetime.date
MARCH_2019 = D(2019, 3, 1)
MAY_2019 = D(2019, 5, 1)


def make_batch(name):
    return ImportBatch.objects.create(file_name=name, checksum=name, format="csv", kind="patents",
                                      actor="test", started=datetime.datetime.now(datetime.UTC))


def make_patent(region="410102", patent_type="invention", filed=MARCH_2019, granted=None, ended=None,
                domestic=True, applicant_type="enterprise", ipc="A", pct_filed=None, batch=None, **kw):
    n = next(_serial)
    return Patent.objects.create(
        application_number=f"2019{n:08d}", patent_type=patent_type, filing_date=filed, grant_date=granted,
        terminated_on=ended, region_id=region, is_domestic=domestic, applicant_type=applicant_type,
        ipc_section=ipc, is_pct=pct_filed is not None, pct_filing_date=pct_filed, title=f"patent {n}",
        batch=batch, **kw)


def make_trademark(region="410102", filed=MARCH_2019, registered=None, ended=None, is_gi=False,
                   well_known=None, kind="ordinary", batch=None):
    n = next(_serial)
    return Trademark.objects.create(number=f"T{n}", filing_date=filed, registration_date=registered,
                                    terminated_on=ended, region_id=region, is_gi=is_gi, well_known_on=well_known,
                                    kind=kind, owner_name=f"owner {n}", batch=batch)


def make_gi_product(region="411500", approved=MAY_2019, batch=None):
    n = next(_serial)
    return GIProduct.objects.create(name=f"GI {n}", region_id=region, approval_date=approved, batch=batch)


@pytest.fixture
def register(db):
    """The hand-built register every definition test reads (see each test for the case it pins)."""
    # filed on the last day of 2019, granted on the second day of 2020
    make_patent(filed=D(2019, 12, 31), granted=D(2020, 1, 2), patent_type="utility")
    # invention granted 2018, lapsed on 2019-12-31 (the period's last day): not valid at the end of 2019
    make_patent(filed=D(2016, 5, 1), granted=D(2018, 6, 1), ended=D(2019, 12, 31))
    # invention lapsed on 2020-01-01: still valid on 2019-12-31
    make_patent(filed=D(2016, 5, 2), granted=D(2018, 6, 2), ended=D(2020, 1, 1))
    # a foreign first applicant with a Henan second applicant: placed nowhere in Henan
    foreign = make_patent(region=None, domestic=False, filed=D(2019, 4, 1), granted=D(2019, 9, 1))
    Applicant.objects.create(patent=foreign, position=1, name="ACME Corp.", country="US")
    Applicant.objects.create(patent=foreign, position=2, name="郑州某公司", country="CN", region_id="410102")
    # an address in a functional zone (郑州高新技术产业开发区): the zone, 郑州 and 河南 count it
    make_patent(region="410172", filed=D(2019, 6, 1), granted=D(2019, 11, 1), patent_type="design")
    # a retired county code (410121 荥阳县, now 410182): counts for 郑州 and 河南 through Region.city
    make_patent(region="410121", filed=D(2019, 7, 1), applicant_type="university", ipc="G")
    # a Taiwan first patentee resolved to a Henan address is not domestic: valid, but not in the per-10k count
    make_patent(region="410300", domestic=False, filed=D(2015, 1, 1), granted=D(2017, 1, 1))
    # a PCT international application by a 洛阳 applicant
    make_patent(region="410300", filed=D(2019, 2, 1), pct_filed=D(2019, 2, 20))
    # trademarks: valid, terminated on 2020-06-30, GI mark, well-known mark
    make_trademark(registered=D(2018, 1, 1))
    make_trademark(registered=D(2018, 1, 1), ended=D(2020, 6, 30))
    make_trademark(region="411500", filed=D(2018, 5, 1), registered=D(2019, 8, 1), is_gi=True, kind="certification")
    make_trademark(region="410100", registered=D(2010, 1, 1), well_known=D(2019, 3, 1))
    make_trademark(filed=D(2020, 2, 1))
    make_gi_product(region="411500", approved=D(2019, 5, 1))
    make_gi_product(region="411500", approved=D(2018, 5, 1))


@pytest.fixture
def system_actor():
    with acting_as(Actor.system("test")) as actor:
        yield actor
