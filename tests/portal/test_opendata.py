"""Open-data pages: only public indicators, table and CSV equal to the cube, city pages."""

import csv
import io

import pytest
from django.urls import reverse

from ipgov.indicators import catalogue
from ipgov.indicators.models import Observation
from ipgov.indicators.services import round_value
from tests.portal.conftest import put_cell

pytestmark = pytest.mark.django_db


@pytest.fixture
def years(cube):
    put_cell("patent_applications", "410000", "2019", 144010)
    put_cell("patent_applications", "410100", "2019", 60123)
    put_cell("patent_applications", "410300", "2019", 15000.4)


def test_catalogue_lists_public_indicators_only(client):
    page = client.get(reverse("portal:data")).content.decode()
    for ind in catalogue.indicators():
        assert (reverse("portal:indicator", args=[ind.id]) in page) == ind.public, ind.id


def test_non_public_indicator_pages_do_not_exist(client, years):
    internal = next(i.id for i in catalogue.indicators() if not i.public)
    put_cell(internal, "410000", "2019", 5)
    assert client.get(reverse("portal:indicator", args=[internal])).status_code == 404
    assert client.get(reverse("portal:indicator-csv", args=[internal])).status_code == 404
    region = client.get(reverse("portal:region", args=["410000"])).content.decode()
    assert reverse("portal:indicator", args=[internal]) not in region


def test_indicator_page_has_table_chart_data_and_map(client, years):
    response = client.get(reverse("portal:indicator", args=["patent_applications"]))
    html = response.content.decode()
    assert response.status_code == 200 and "144010" in html and "60123" in html
    assert 'id="chart-data" type="application/json"' in html and "henan_prefectures_datav_v3.geojson" in html
    assert "vendor/echarts/echarts.min.js" in html and "<script>" not in html  # no inline script (CSP)
    halves = client.get(reverse("portal:indicator", args=["patent_applications"]), {"kind": "half"})
    assert "80868" in halves.content.decode()


def test_csv_equals_the_cube(client, years):
    response = client.get(reverse("portal:indicator-csv", args=["patent_applications"]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    ind = catalogue.get("patent_applications")
    cube = {(o.region_id, o.period): round_value(ind, o.value)
            for o in Observation.objects.filter(indicator=ind.id, period_kind="year", breakdown="")}
    assert {(r["region"], r["period"]): float(r["value"]) for r in rows} == cube
    assert cube[("410300", "2019")] == 15000


def test_city_page_shows_headline_figures(client, years):
    page = client.get(reverse("portal:region", args=["410100"])).content.decode()
    assert "郑州市" in page and "60123" in page
    assert client.get(reverse("portal:region", args=["110000"])).status_code == 404
