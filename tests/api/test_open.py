"""Open data without a key: the catalogue, cells (JSON, CSV, SDMX-CSV), regions; refusals in sentences."""

import csv
import io

import pytest
from django.utils import translation

from ipgov.rights.choices import PatentType
from tests.reports import cube

pytestmark = pytest.mark.django_db
CELLS = "/api/v1/open/cells"


@pytest.fixture
def seeded():
    run = cube.run()
    cube.seed_creation(run)
    for period, value in (("2020H1", 30000), ("2019H1", 25000)):
        cube.obs("patent_applications", period, value, region="410100", run_=run)
    cube.obs("patent_applications", "2020H1", 50000, breakdown="type=invention", run_=run)
    cube.obs("overdue_deadlines", "2020H1", 9, region="410300", run_=run)
    return run


def test_cell_of_the_province(client, seeded):
    response = client.get(CELLS, {"indicator": "patent_applications", "region": "410000", "period": "2020H1"})
    assert response.status_code == 200
    [cell] = response.json()["cells"]
    assert (cell["value"], cell["yoy"], cell["run_id"]) == (80868, 0.214, seeded.pk)
    assert (cell["indicator_zh"], cell["indicator_en"]) == ("专利申请量", "Patent applications")
    assert (cell["region_zh"], cell["period_zh"], cell["period_en"]) == ("河南省", "2020年上半年", "2020 H1")
    assert response["ETag"]
    again = client.get(CELLS, {"indicator": "patent_applications", "region": "410000", "period": "2020H1"},
                       HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_cells_several_regions_periods_and_breakdown(client, seeded):
    response = client.get(CELLS, {"indicator": "patent_applications", "region": "410000,410100",
                                  "period": "2019H1,2020H1"})
    got = {(c["region"], c["period"]): (c["value"], c["yoy"]) for c in response.json()["cells"]}
    assert got == {("410000", "2019H1"): (66612, None), ("410000", "2020H1"): (80868, 0.214),
                   ("410100", "2019H1"): (25000, None), ("410100", "2020H1"): (30000, 0.2)}
    by = client.get(CELLS, {"indicator": "patent_applications", "period": "2020H1", "by": "type"}).json()["cells"]
    with translation.override("zh-hans"):  # the choice set's label, as the catalogues translate it
        zh = str(PatentType.INVENTION.label)
    assert [(c["breakdown"], c["breakdown_zh"], c["breakdown_en"], c["value"]) for c in by] == [
        ("type=invention", zh, "invention", 50000)]


def test_csv_by_format_and_by_accept(client, seeded):
    query = {"indicator": "patent_applications", "region": "410000", "period": "2020H1"}
    for response in (client.get(CELLS, {**query, "format": "csv"}), client.get(CELLS, query, HTTP_ACCEPT="text/csv")):
        assert response["Content-Type"].startswith("text/csv")
        [row] = list(csv.DictReader(io.StringIO(response.content.decode())))
        assert (row["value"], row["yoy"], row["run_id"], row["region_zh"]) == ("80868", "0.214", str(seeded.pk), "河南省")


def test_non_public_and_unknown_are_refused_in_sentences(client, seeded, django_user_model):
    refused = client.get(CELLS, {"indicator": "overdue_deadlines", "region": "410300", "period": "2020H1"})
    assert refused.status_code == 403 and "未公开发布" in refused.json()["detail"]  # zh-Hans: not published
    # logged in as a superuser, the open API still answers as the anonymous visitor
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.org", "x"))
    assert client.get(CELLS, {"indicator": "overdue_deadlines", "region": "410300",
                              "period": "2020H1"}).status_code == 403
    client.logout()
    for query, status, words in (
        ({"indicator": "nope", "period": "2020H1"}, 404, "unknown indicator"),
        ({"indicator": "patent_applications", "region": "999999", "period": "2020H1"}, 404, "unknown region"),
        ({"indicator": "patent_applications", "period": "2020X9"}, 400, "2020X9"),
        ({"indicator": "patent_applications", "period": "2020H1", "by": "colour"}, 400, "no breakdown"),
        ({"indicator": "patent_applications", "period": "2020H1", "format": "xml"}, 400, "格式"),
    ):
        response = client.get(CELLS, query)
        assert response.status_code == status, query
        assert words in response.json()["detail"], response.json()


def test_catalogue_lists_public_indicators_with_coverage(client, seeded):
    entries = {e["id"]: e for e in client.get("/api/v1/open/indicators").json()["indicators"]}
    assert "overdue_deadlines" not in entries
    pa = entries["patent_applications"]
    assert pa["name_zh"] == "专利申请量" and pa["unit"] == "件" and pa["source"] == "rights.Patent"
    assert pa["periods"] == ["2019H1", "2019", "2020H1"] and pa["regions"] == ["410000", "410100"]
    assert "filing_date" in pa["counting_rule"] and pa["breakdowns"] == ["type", "applicant", "ipc"]
    text = client.get("/api/v1/open/indicators", {"format": "csv"}).content.decode()
    assert text.splitlines()[0].startswith("id,name_zh,name_en")


def test_regions_with_history(client):
    regions = {r["code"]: r for r in client.get("/api/v1/open/regions").json()["regions"]}
    assert regions["410300"]["name"] == "洛阳市"
    old = regions["410306"]  # 吉利区, merged into 洛阳's 孟津区 (410308) in 2021
    assert not old["is_active"] and old["successors"] == ["410308"] and old["history"]
    assert "110000" not in regions


def test_openapi_docs_offline_and_staff_needs_a_token(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/open/cells" in schema["paths"] and "/api/v1/cases/" in schema["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "cdn" not in html.lower() and "/static/ninja/swagger-ui-bundle.js" in html
    assert "script-src 'self'" in docs["Content-Security-Policy"]
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200
    response = client.get("/api/v1/cases/")
    assert response.status_code == 401
