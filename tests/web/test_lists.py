import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.web.conftest import login

pytestmark = pytest.mark.django_db


def numbers(response):
    return [obj.application_number for obj, _ in response.context["rows"]]


@pytest.fixture
def admin_client(client, admin_user, patents):
    return login(client, admin_user)


@pytest.mark.parametrize("params, expected", [
    ({}, ["202010000003.5", "202020000002.1", "202010000001.X", "201930000004.2"]),
    ({"patent_type": "invention"}, ["202010000003.5", "202010000001.X"]),
    ({"region": "410300"}, ["202010000003.5", "201930000004.2"]),
    ({"region": "洛阳"}, ["202010000003.5", "201930000004.2"]),  # by name, with the city's counties
    ({"region": "洛龙区"}, ["202010000003.5"]),
    ({"status": "valid"}, ["202010000003.5", "202010000001.X"]),
    ({"status": "terminated"}, ["201930000004.2"]),
    ({"status": "pending"}, ["202020000002.1"]),
    ({"ipc": "g06"}, ["202010000003.5", "202010000001.X"]),
    ({"applicant": "申请人410311"}, ["202010000003.5"]),
    ({"filed_after": "2020-02-01", "filed_before": "2020-02-29"}, ["202020000002.1"]),
    ({"granted_after": "2020-01-01"}, ["202010000003.5", "202010000001.X"]),
    ({"q": "00003"}, ["202010000003.5"]),
    ({"sort": "filing_date"}, ["201930000004.2", "202010000001.X", "202020000002.1", "202010000003.5"]),
    ({"sort": "-grant_date", "patent_type": "invention"}, ["202010000003.5", "202010000001.X"]),
    ({"sort": "title; drop table"}, ["202010000003.5", "202020000002.1", "202010000001.X", "201930000004.2"]),
])
def test_patent_filters_and_sort(admin_client, params, expected):
    response = admin_client.get(reverse("web:list", args=["patents"]), params)
    assert response.status_code == 200
    assert numbers(response) == expected


def test_pagination(admin_client):
    first = admin_client.get(reverse("web:list", args=["patents"]), {"per_page": 25})
    assert first.context["page_obj"].paginator.num_pages == 1
    from ipgov.rights.models import Patent

    for i in range(30):
        Patent.objects.create(application_number=f"2021100{i:05d}1.1", patent_type="utility", region_id="410100",
                              filing_date="2021-01-01", title=f"批量{i}")
    page2 = admin_client.get(reverse("web:list", args=["patents"]), {"per_page": 25, "page": 2})
    assert len(page2.context["rows"]) == 34 - 25


def test_htmx_request_gets_only_the_results(admin_client):
    response = admin_client.get(reverse("web:list", args=["patents"]), {"patent_type": "design"},
                                HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    body = response.content.decode()
    assert "<html" not in body and "201930000004.2" in body and "202010000003.5" not in body


def test_export_is_the_filtered_list(admin_client):
    response = admin_client.get(reverse("web:export", args=["patents", "xlsx"]), {"patent_type": "invention",
                                                                                  "sort": "filing_date"})
    assert response["Content-Disposition"].endswith('.xlsx"')
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "申请号"  # zh-Hans column labels by default
    assert [r[0] for r in rows[1:]] == ["202010000001.X", "202010000003.5"]
    assert rows[1][3].date().isoformat() == "2020-01-10"
    csv_body = b"".join(admin_client.get(reverse("web:export", args=["patents", "csv"]),
                                         {"region": "410300"}).streaming_content).decode("utf-8-sig")
    assert csv_body.count("\n") == 3 and "202010000003.5" in csv_body


def test_export_values_are_labels_in_the_users_language(admin_client):
    """Choice values by their label and booleans as 是/否 (yes/no), in the language the user chose."""
    from django.conf import settings

    def first_row(response):
        rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
        return dict(zip(rows[0], rows[1], strict=True))

    url = reverse("web:export", args=["patents", "xlsx"])
    zh = first_row(admin_client.get(url, {"q": "00003"}))
    assert (zh["类型"], zh["PCT"]) == ("发明", "否")
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    en = first_row(admin_client.get(url, {"q": "00003"}))
    assert (en["type"], en["PCT"]) == ("invention", "no")


def test_unknown_export_format_and_list(admin_client):
    assert admin_client.get(reverse("web:export", args=["patents", "pdf"])).status_code == 404
    assert admin_client.get(reverse("web:list", args=["nothing"])).status_code == 404


def test_patent_detail_timeline(admin_client, patents):
    lapsed = patents["201930000004.2"]
    response = admin_client.get(reverse("web:detail", args=["patents", lapsed.pk]))
    titles = [str(e.title) for e in response.context["timeline"]]
    event = lapsed.events.get()
    assert titles == ["申请", "授权公告", str(event.get_kind_display())]
    assert [e.date.isoformat() for e in response.context["timeline"]] == ["2019-04-13", "2019-09-01", "2020-04-01"]


def test_english_is_switchable(admin_client):
    admin_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = admin_client.get(reverse("web:list", args=["patents"]))
    assert response.context["page"].columns[0].label == "application number"
    assert 'lang="en"' in response.content.decode()


@pytest.mark.parametrize("params", [
    {"applicant": "河南大学"}, {"q": "金刚石刀具"}, {"q": "金刚石"}, {"applicant": "大学"}, {"q": "刀"},
])
def test_applicant_and_title_search_find_substrings(admin_client, params):
    """The trigram index (ipgov.core.textsearch) finds what LIKE '%…%' finds, short terms included."""
    from ipgov.rights.models import Applicant, Patent

    hit = Patent.objects.create(application_number="202110000009.1", patent_type="invention", region_id="410100",
                                filing_date="2021-01-01", title="一种金刚石刀具的制备方法")
    Applicant.objects.create(patent=hit, position=1, name="河南大学第一附属医院")
    other = Patent.objects.create(application_number="202110000010.4", patent_type="invention",
                                  region_id="410100", filing_date="2021-01-02", title="一种阀门")
    Applicant.objects.create(patent=other, position=1, name="郑州某公司")
    found = numbers(admin_client.get(reverse("web:list", args=["patents"]), params))
    assert "202110000009.1" in found and "202110000010.4" not in found
    Patent.objects.filter(pk=hit.pk).update(title="一种阀门")  # the index follows an edited title
    Applicant.objects.filter(patent=hit).update(name="郑州某公司")
    assert "202110000009.1" not in numbers(admin_client.get(reverse("web:list", args=["patents"]), params))


def test_a_list_pages_queries_do_not_grow_with_its_rows(admin_client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ipgov.rights.models import Patent

    url = reverse("web:list", args=["patents"])
    admin_client.get(url)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url, {"per_page": 50})
    for i in range(60):
        Patent.objects.create(application_number=f"2021200{i:05d}1.1", patent_type="utility", region_id="410100",
                              filing_date="2021-01-01", title=f"批量{i}")
    with CaptureQueriesContext(connection) as many, django_assert_max_num_queries(len(few)):
        assert len(admin_client.get(url, {"per_page": 50}).context["rows"]) == 50
    assert len(many) == len(few)
def test_an_ambiguous_region_name_is_a_sentence_with_the_candidates(admin_client):
    response = admin_client.get(reverse("web:list", args=["patents"]), {"region": "鼓楼区"})
    assert response.status_code == 200
    errors = response.context["filterset"].form.errors["region"][0]
    assert "鼓楼区（410204）" in errors and "请填写代码" in errors
    html = response.content.decode()
    assert 'list="region-names"' in html and 'value="洛阳市" data-code="410300"' in html
