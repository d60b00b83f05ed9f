"""Open-data pages: only public indicators, table and CSV/XLSX/SDMX-CSV equal to the cube, the latest release
with its checksums, city pages."""

import csv
import hashlib
import io

import pytest
from django.urls import reverse

from ipgov.indicators import catalogue
from ipgov.indicators.models import Observation
from ipgov.indicators.services import round_value
from tests.portal.conftest import put_cell

pytestmark = pytest.mark.django_db


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


def test_xlsx_and_sdmx_equal_the_cube(client, years):
    from openpyxl import load_workbook

    ind = catalogue.get("patent_applications")
    cube = {(o.region_id, o.period): round_value(ind, o.value)
            for o in Observation.objects.filter(indicator=ind.id, period_kind="year", breakdown="")}
    response = client.get(reverse("portal:indicator-xlsx", args=[ind.id]))
    assert response["Content-Disposition"] == 'attachment; filename="patent_applications.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r and r[0] == ind.id]
    assert {(r[1], r[3]): r[4] for r in rows} == cube
    sdmx = client.get(reverse("portal:indicator-sdmx", args=[ind.id]))
    assert sdmx["Content-Type"].startswith("application/vnd.sdmx.data+csv")
    cells = list(csv.DictReader(io.StringIO(sdmx.content.decode("utf-8"))))
    assert {(r["REF_AREA"], r["TIME_PERIOD"]): float(r["OBS_VALUE"]) for r in cells} == cube
    assert {r["INDICATOR"] for r in cells} == {ind.id} and {r["BREAKDOWN"] for r in cells} == {"_T"}
    internal = next(i.id for i in catalogue.indicators() if not i.public)
    put_cell(internal, "410000", "2019", 5)
    for name in ("portal:indicator-xlsx", "portal:indicator-sdmx"):
        assert client.get(reverse(name, args=[internal])).status_code == 404


def test_the_page_links_the_latest_release_with_its_checksums(client, years, settings, tmp_path):
    from ipgov.indicators import releases

    settings.IPGOV_HOME = tmp_path
    page = client.get(reverse("portal:indicator", args=["patent_applications"])).content.decode()
    assert "SHA-256" not in page  # no release yet
    manifest = releases.write_release()
    page = client.get(reverse("portal:indicator", args=["patent_applications"])).content.decode()
    creation = [f for f in manifest["files"] if f["group"] == catalogue.get("patent_applications").area]
    assert {f["name"] for f in creation} == {"creation.csv", "creation.parquet"}
    for f in creation:
        assert f'href="/open/releases/{manifest["id"]}/{f["name"]}"' in page and f["sha256"] in page
    assert f'/open/releases/{manifest["id"]}/manifest.json' in page
    served = client.get(f'/open/releases/{manifest["id"]}/creation.csv')
    assert hashlib.sha256(b"".join(served.streaming_content)).hexdigest() == next(f["sha256"] for f in creation if f["name"] == "creation.csv")


def test_city_page_shows_headline_figures(client, years):
    page = client.get(reverse("portal:region", args=["410100"])).content.decode()
    assert "郑州市" in page and "60123" in page
    assert client.get(reverse("portal:region", args=["110000"])).status_code == 404


def test_indicator_content_is_rendered_once_per_cube_run(client, years, monkeypatch):
    """The content every visitor sees alike is kept (per cube run); the page around it is per request."""
    from django.template import loader

    url = reverse("portal:indicator", args=["patent_applications"])
    first = client.get(url).content.decode()
    rendered = []
    real = loader.render_to_string
    monkeypatch.setattr(loader, "render_to_string",
                        lambda name, *a, **k: (name.endswith("_content.html") and rendered.append(name))
                        or real(name, *a, **k))
    again = client.get(url).content.decode()
    assert rendered == [] and "144010" in again and again.count("144010") == first.count("144010")
    assert client.get(url, {"region": "410100"}).content.decode().count('class="selected"') == 1  # its own
    put_cell("patent_applications", "410200", "2019", 7777)  # the cube changed: rendered again
    assert "7777" in client.get(url).content.decode()
    assert rendered == ["portal/indicator_content.html"] * 2  # the selected region, then the new cube
