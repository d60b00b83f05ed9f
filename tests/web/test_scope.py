"""Region scope, walked over every list, detail, history and export URL as a city-scoped user."""

import csv
import io

import pytest
from django.urls import reverse

from ipgov.web import urls as web_urls
from ipgov.web.registry import PAGES
from tests.web.conftest import login
from tests.web.scope_fixtures import FACTORIES

pytestmark = pytest.mark.django_db

ZHENGZHOU, LUOYANG = "410100", "410300"
# URL names the walks below cover; a new URL in the web app fails test_every_url_is_walked until added.
WALKED = {"dashboard", "login", "logout", "audit", "audit-detail", "list", "export", "detail", "history",
          "desk", "case-transition", "case-document", "reports"}


def test_every_url_is_walked():
    names = {p.name for p in web_urls.urlpatterns}
    assert names <= WALKED, f"URLs not walked by the scope test: {names - WALKED}"


def test_every_page_has_a_factory():
    assert set(PAGES) <= set(FACTORIES), f"pages without a scope fixture: {set(PAGES) - set(FACTORIES)}"




@pytest.fixture
def records():
    """slug -> (郑州 record, 洛阳 record); the 郑州 one in a county (金水区) to test the roll-up."""
    return {slug: (make("410105", 1), make(LUOYANG, 2)) for slug, make in FACTORIES.items() if slug in PAGES}


@pytest.mark.parametrize("slug", sorted(PAGES))
def test_city_officer_sees_only_own_city(client, luoyang_officer, records, slug):
    zz, ly = records[slug]
    login(client, luoyang_officer)
    listing = client.get(reverse("web:list", args=[slug]))
    assert listing.status_code == 200
    shown = [obj.pk for obj, _ in listing.context["rows"]]
    assert shown == [ly.pk]
    # guessing the URL of the other city's record: not found (no hint it exists)
    assert client.get(reverse("web:detail", args=[slug, zz.pk])).status_code == 404
    assert client.get(reverse("web:history", args=[slug, zz.pk])).status_code == 404
    assert client.get(reverse("web:detail", args=[slug, ly.pk])).status_code == 200
    assert client.get(reverse("web:history", args=[slug, ly.pk])).status_code == 200
    # asking for the other city through the filter finds nothing either
    filtered = client.get(reverse("web:list", args=[slug]), {"region": ZHENGZHOU})
    assert list(filtered.context["rows"]) == []
    # exports carry the same restriction
    export = client.get(reverse("web:export", args=[slug, "csv"]), {"region": ZHENGZHOU})
    assert len(list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))) == 1
    export = client.get(reverse("web:export", args=[slug, "csv"]))
    body = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert len(body) == 2 and str(ly).split()[0] in ",".join(body[1])
    xlsx = client.get(reverse("web:export", args=[slug, "xlsx"]))
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 2


@pytest.mark.parametrize("slug", sorted(PAGES))
def test_province_admin_sees_both_cities(client, admin_user, records, slug):
    login(client, admin_user)
    listing = client.get(reverse("web:list", args=[slug]))
    assert {obj.pk for obj, _ in listing.context["rows"]} == {r.pk for r in records[slug]}
    zz_only = client.get(reverse("web:list", args=[slug]), {"region": ZHENGZHOU})
    assert [obj.pk for obj, _ in zz_only.context["rows"]] == [records[slug][0].pk]  # county rolls up


@pytest.mark.parametrize("slug", sorted(PAGES))
def test_anonymous_is_sent_to_login(client, records, slug):
    zz, _ = records[slug]
    for url in (reverse("web:list", args=[slug]), reverse("web:detail", args=[slug, zz.pk]),
                reverse("web:history", args=[slug, zz.pk]), reverse("web:export", args=[slug, "csv"])):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("web:login")), url


def test_dashboard_of_another_city_is_refused(client, luoyang_officer):
    login(client, luoyang_officer)
    assert client.get(reverse("web:dashboard"), {"region": ZHENGZHOU}).status_code == 403
    assert client.get(reverse("web:dashboard"), {"region": "410000"}).status_code == 403


def test_audit_search_is_for_administrators_only(client, luoyang_officer, admin_user):
    from ipgov.core.models import ObjectChange

    change = ObjectChange.objects.first()
    login(client, luoyang_officer)
    assert client.get(reverse("web:audit")).status_code == 403
    assert client.get(reverse("web:audit-detail", args=[change.pk])).status_code == 403
    login(client, admin_user)
    assert client.get(reverse("web:audit")).status_code == 200
    assert client.get(reverse("web:audit-detail", args=[change.pk])).status_code == 200


def test_login_and_logout_pages(client, luoyang_officer):
    assert client.get(reverse("web:login")).status_code == 200
    login(client, luoyang_officer)
    assert client.post(reverse("web:logout")).status_code == 302


def test_case_desk_and_actions_stay_in_scope(client, luoyang_officer, records):
    from ipgov.cases.models import Case, CaseDocument

    zz, ly = records["cases"]
    login(client, luoyang_officer)
    for tab in ("open", "mine", "due_soon", "overdue"):
        response = client.get(reverse("web:desk"), {"tab": tab, "as_of": "2020-05-01"})
        assert response.status_code == 200
        assert zz.number not in response.content.decode()
    desk = client.get(reverse("web:desk"), {"tab": "open", "as_of": "2020-05-03"})
    assert [r["case"].pk for r in desk.context["rows"]] == [ly.pk]
    # acting on the other city's case by URL: refused, nothing written
    response = client.post(reverse("web:case-transition", args=[zz.pk, "refuse"]), {"value_reason": "x"})
    assert response.status_code == 404
    response = client.post(reverse("web:case-document", args=[zz.pk]),
                           {"doc_type": "request", "file": io.BytesIO(b"%PDF-1.4 test")})
    assert response.status_code == 404
    zz.refresh_from_db()
    assert zz.state == "received" and not CaseDocument.objects.filter(case=zz).exists()
    assert Case.objects.get(pk=ly.pk).state == "received"


def test_reports_page_stays_in_scope(client, luoyang_officer):
    login(client, luoyang_officer)
    assert client.get(reverse("web:reports")).status_code == 200
    assert client.get(reverse("web:reports"), {"region": ZHENGZHOU, "format": "html"}).status_code == 403
    assert client.get(reverse("web:reports"), {"region": "410000", "format": "html"}).status_code == 403


def test_leader_reads_but_cannot_act(client, leader, records):
    zz, _ = records["cases"]
    login(client, leader)
    page = client.get(reverse("web:detail", args=["cases", zz.pk]))
    assert page.status_code == 200 and page.context["transitions"] == [] and not page.context["can_act"]
    response = client.post(reverse("web:case-transition", args=[zz.pk, "refuse"]), {"value_reason": "x"})
    assert response.status_code == 403
    zz.refresh_from_db()
    assert zz.state == "received"
