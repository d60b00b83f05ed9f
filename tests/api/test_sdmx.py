"""SDMX: the reference reader (sdmx1) reads our SDMX-CSV 2.0, SDMX-ML structure and data, same numbers."""

import io

import pytest
import sdmx
from sdmx.reader.csv import Reader

from ipgov.indicators.sdmx import time_period
from tests.reports import cube

pytestmark = pytest.mark.django_db
QUERY = {"indicator": "patent_applications", "region": "410000,410100", "period": "2019H1,2020H1"}


@pytest.fixture
def seeded():
    run = cube.run()
    cube.seed_creation(run)
    cube.obs("patent_applications", "2020H1", 30000, region="410100", run_=run)
    return run


def test_period_codes():
    assert [time_period(p) for p in ("2020H1", "2020Q2", "2020-05", "2019", "2017..2019")] == [
        "2020-S1", "2020-Q2", "2020-05", "2019", "2017-01-01/P3Y"]


def _expected():
    return {("patent_applications", "410000", "_T", "2019-S1"): 66612,
            ("patent_applications", "410000", "_T", "2020-S1"): 80868,
            ("patent_applications", "410100", "_T", "2020-S1"): 30000}


def test_sdmx_csv_and_ml_read_back_by_sdmx1(client, seeded):
    structure = sdmx.read_sdmx(io.BytesIO(client.get("/api/v1/open/sdmx/structure").content))
    dsd = structure.structure["DSD_IP_CUBE"]
    assert [d.id for d in dsd.dimensions] == ["INDICATOR", "REF_AREA", "BREAKDOWN", "TIME_PERIOD"]
    assert structure.codelist["CL_AREA"]["410300"].name.localizations["zh"] == "洛阳市"
    assert str(structure.codelist["CL_INDICATOR"]["patent_applications"].name.localizations["zh"]) == "专利申请量"

    response = client.get("/api/v1/open/cells", {**QUERY, "format": "sdmx-csv"})
    assert response["Content-Type"].startswith("application/vnd.sdmx.data+csv")
    from_csv = sdmx.to_pandas(Reader().convert(io.BytesIO(response.content), structure=dsd).data[0])
    assert {tuple(k): v for k, v in from_csv.items()} == _expected()

    xml = client.get("/api/v1/open/cells", {**QUERY, "format": "sdmx-ml"}).content
    from_xml = sdmx.to_pandas(sdmx.read_sdmx(io.BytesIO(xml), structure=dsd).data[0])
    assert {tuple(k): v for k, v in from_xml.items()} == _expected()
