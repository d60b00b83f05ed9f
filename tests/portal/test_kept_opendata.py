"""The open-data pages kept whole (portal.kept): an indicator's page, the catalogue and a city's page are the
pages the view renders (apart from the CSRF token), served from one statement; renewed by a new cube run, a
catalogue change or a new release; `?region=`/`?kind=` kept per known value only; never for staff."""

import dataclasses
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ipgov.portal import kept
from tests.portal.conftest import put_cell

pytestmark = pytest.mark.django_db
TOKEN_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
URL = "/portal/data/patent_applications/"


def renderings(monkeypatch):
    """Counts the views' renderings of the open-data pages (a kept page is served without them)."""
    from ipgov.portal import views

    calls = []
    for name in ("_indicator_page", "_region_page"):
        real = getattr(views, name)
        monkeypatch.setattr(views, name, lambda *a, _real=real, _name=name, **kw: calls.append(_name) or _real(*a, **kw))
    return calls


def without_token(html: str) -> str:
    tokens = set(TOKEN_INPUT.findall(html))
    assert len(tokens) == 1 and kept.TOKEN not in html  # the language form's one token, the visitor's own
    return html.replace(tokens.pop(), "")


def staff_client(make_staff):
    from ipgov.core.choices import Role

    staff = Client()
    staff.force_login(make_staff("prov_admin", Role.PROVINCE_ADMIN, "410000"),
                      backend="ipgov.web.auth.StaffBackend")
    return staff


def test_the_kept_indicator_page_is_the_rendered_page_from_one_statement(years, make_staff, monkeypatch):
    assert reverse("portal:indicator", args=["patent_applications"]) == URL
    rendered = renderings(monkeypatch)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page1 = first.get(URL)
    with CaptureQueriesContext(connection) as queries:
        page2 = second.get(URL)
    assert rendered == ["_indicator_page"]  # the second visitor's page was the kept one
    assert len(queries) == 1  # the cube's version; the catalogue and the release need no statement
    html1, html2 = page1.content.decode(), page2.content.decode()
    assert "144010" in html2 and "60123" in html2 and "15000" in html2 and "15000.4" not in html2
    assert 'id="chart-data" type="application/json"' in html2 and "/portal/data/patent_applications/csv/" in html2
    assert page2["X-Frame-Options"] == "DENY" and "Cookie" in page2["Vary"]
    assert "unsafe-inline" not in page2["Content-Security-Policy"]
    assert page1.cookies["csrftoken"].value != page2.cookies["csrftoken"].value
    # the page a staff member gets (rendered each time) is the same page
    staff = staff_client(make_staff)
    html3 = staff.get(URL).content.decode()
    staff.get(URL)
    assert rendered == ["_indicator_page"] * 3
    assert without_token(html1) == without_token(html2) == without_token(html3)
    # the kept page's token works: the language form posts through CSRF
    switched = second.post("/i18n/setlang/", {"language": "en", "next": URL,
                                              "csrfmiddlewaretoken": TOKEN_INPUT.search(html2)[1]})
    assert switched.status_code == 302 and switched.cookies["django_language"].value == "en"


def test_a_new_cube_run_a_catalogue_change_and_a_release_renew_the_page(client, years, monkeypatch, settings,
                                                                        tmp_path):
    from ipgov.indicators import catalogue, releases

    settings.IPGOV_HOME = tmp_path
    rendered = renderings(monkeypatch)
    assert "144010" in client.get(URL).content.decode()
    client.get(URL)
    assert rendered == ["_indicator_page"]
    put_cell("patent_applications", "410200", "2019", 7777)  # a new cell: a new cube version
    html = client.get(URL).content.decode()
    assert "7777" in html and rendered == ["_indicator_page"] * 2
    manifest = releases.write_release()  # a release without a new cube run
    html = client.get(URL).content.decode()
    assert f'/open/releases/{manifest["id"]}/manifest.json' in html and rendered == ["_indicator_page"] * 3
    client.get(URL)
    assert rendered == ["_indicator_page"] * 3
    # the indicator is no longer public (a catalogue change, no cube run): its page is gone, from the list too
    loaded = catalogue.default()
    hidden = dataclasses.replace(loaded, indicators={**loaded.indicators, "patent_applications": dataclasses.replace(
        loaded.indicators["patent_applications"], public=False)})
    assert URL in client.get("/portal/data/").content.decode()
    monkeypatch.setattr(catalogue, "default", lambda: hidden)
    assert client.get(URL).status_code == 404
    assert URL not in client.get("/portal/data/").content.decode()
    assert "/portal/data/gi_approvals/" in client.get("/portal/data/").content.decode()


def test_known_region_and_kind_are_kept_per_value_others_are_rendered(client, years, monkeypatch):
    rendered = renderings(monkeypatch)
    for _ in range(2):
        html = client.get(URL + "?region=410100").content.decode()
        assert html.count('class="selected"') == 1 and 'class="selected"><th scope="row"><a href="/portal/region/410100/"' in html
    assert rendered == ["_indicator_page"]
    for _ in range(2):
        assert "80868" in client.get(URL + "?kind=half&region=410000").content.decode()
    assert rendered == ["_indicator_page"] * 2
    # an unknown region or kind, another order, a repeated or unknown parameter: rendered each time
    for query in ("region=999999", "kind=decade", "region=410000&kind=half", "region=410100&region=410300",
                  "utm_source=x"):
        for _ in range(2):
            assert client.get(f"{URL}?{query}").status_code == 200
    assert rendered == ["_indicator_page"] * 12
    assert client.get(URL + "?region=999999").content.decode().count('class="selected"') == 0


def count_queries(client, url) -> tuple[str, int]:
    """The page and the statements its request ran (one request per capture: a request start resets the
    connection's query log)."""
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    return html, len(queries)


def test_the_catalogue_and_a_city_page_are_kept_per_language(client, years, monkeypatch):
    rendered = renderings(monkeypatch)
    pages, counts = zip(*(count_queries(client, "/portal/region/410100/") for _ in range(3)), strict=True)
    assert rendered == ["_region_page"] and "郑州市" in pages[2] and "60123" in pages[2]
    assert len({without_token(p) for p in pages}) == 1
    assert counts[0] >= 4 and counts[1:] == (1, 1)  # rendered: regions, tables …; kept: the cube's version
    catalogue_pages, counts = zip(*(count_queries(client, "/portal/data/") for _ in range(2)), strict=True)
    assert "专利申请量" in catalogue_pages[1] and without_token(catalogue_pages[0]) == without_token(catalogue_pages[1])
    assert counts[1] == 1
    client.cookies["django_language"] = "en"
    english = client.get("/portal/data/").content.decode()
    assert "专利申请量" not in english and "Patent applications" in english and 'lang="en"' in english
    assert client.get("/portal/region/410100/").content.decode().count("Open data") >= 1
    assert rendered == ["_region_page"] * 2
    assert client.get("/portal/region/110000/").status_code == 404  # not a city of the province: not kept
