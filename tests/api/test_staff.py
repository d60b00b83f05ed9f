"""The staff API: tokens (hashed, expiring, narrower, read-only, revocable, logged), the same scope as
the staff UI over every resource, key pages, ETags, writes through the services, rate limits."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from ipgov.api.models import ApiToken, ApiTokenUse
from ipgov.core.choices import Role
from ipgov.core.models import ObjectChange
from tests.web.scope_fixtures import FACTORIES

pytestmark = pytest.mark.django_db
ZHENGZHOU, LUOYANG = "410100", "410300"
SLUGS = ("patents", "trademarks", "pledges", "designations", "cases")


@pytest.fixture
def records():
    """slug -> (a 郑州 record in 金水区, a 洛阳 record)"""
    return {slug: (FACTORIES[slug]("410105", 1), FACTORIES[slug](LUOYANG, 2)) for slug in SLUGS}


def test_no_token_unknown_token_revoked_and_expired_answer_401(client, token_for):
    assert client.get("/api/v1/patents/").status_code == 401
    assert client.get("/api/v1/patents/", HTTP_AUTHORIZATION="Bearer ipg_nothing_here").status_code == 401
    _, auth = token_for("ly", Role.CITY_OFFICER, LUOYANG)
    assert client.get("/api/v1/patents/", HTTP_AUTHORIZATION=auth).status_code == 200
    token = ApiToken.objects.get()
    assert token.key_hash not in auth and token.last_used is not None
    assert ApiTokenUse.objects.filter(token=token, path="/api/v1/patents/").count() == 1
    ApiToken.objects.filter(pk=token.pk).update(expires=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get("/api/v1/patents/", HTTP_AUTHORIZATION=auth).status_code == 401
    ApiToken.objects.filter(pk=token.pk).update(expires=None)
    call_command("token", "revoke", token.prefix)
    assert client.get("/api/v1/patents/", HTTP_AUTHORIZATION=auth).status_code == 401


def test_token_command_shows_the_secret_once(capsys, make_staff):
    make_staff("ly", Role.CITY_OFFICER, LUOYANG)
    call_command("token", "add", "ly", "--region", "410305", "--read-only", "--expires", "30d")
    out = capsys.readouterr().out
    secret = out.split()[-1]  # the line's last word in either language
    token = ApiToken.objects.get()
    assert "只读" in out and "区划 410305" in out
    assert secret.startswith("ipg_") and token.region_id == "410305" and token.read_only
    assert (token.expires - timezone.now()).days == 29
    call_command("token", "list")
    listing = capsys.readouterr().out
    assert token.prefix in listing and secret not in listing
    assert ObjectChange.objects.filter(message="API token created").count() == 1
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="无权查看地区 410100"):  # never wider than the user's scope
        call_command("token", "add", "ly", "--region", ZHENGZHOU)
    with pytest.raises(CommandError, match="90d"):
        call_command("token", "add", "ly", "--expires", "soon")


@pytest.mark.parametrize("slug", SLUGS)
def test_a_luoyang_token_reads_only_luoyang(client, token_for, records, slug):
    zz, ly = records[slug]
    _, auth = token_for("ly", Role.CITY_OFFICER, LUOYANG)
    listing = client.get(f"/api/v1/{slug}/", HTTP_AUTHORIZATION=auth).json()
    assert [r["id"] for r in listing["results"]] == [ly.pk]
    assert client.get(f"/api/v1/{slug}/{zz.pk}", HTTP_AUTHORIZATION=auth).status_code == 404
    assert client.get(f"/api/v1/{slug}/{ly.pk}", HTTP_AUTHORIZATION=auth).json()["id"] == ly.pk
    asked = client.get(f"/api/v1/{slug}/", {"region": ZHENGZHOU}, HTTP_AUTHORIZATION=auth).json()
    assert asked["results"] == []
    # the province's staff see both; a province token narrowed to 洛阳 only 洛阳's
    _, province = token_for("admin", Role.PROVINCE_ADMIN, "410000")
    both = client.get(f"/api/v1/{slug}/", HTTP_AUTHORIZATION=province).json()["results"]
    assert sorted(r["id"] for r in both) == sorted([zz.pk, ly.pk])
    _, narrowed = token_for("admin2", Role.PROVINCE_ADMIN, "410000", region=LUOYANG)
    assert [r["id"] for r in client.get(f"/api/v1/{slug}/", HTTP_AUTHORIZATION=narrowed).json()["results"]] == [ly.pk]


def test_non_public_cells_stay_closed_to_tokens_on_the_open_api(client, token_for):
    from tests.reports import cube

    cube.obs("overdue_deadlines", "2020H1", 9, region=LUOYANG, run_=cube.run())
    _, auth = token_for("ly", Role.CITY_OFFICER, LUOYANG)
    response = client.get("/api/v1/open/cells", {"indicator": "overdue_deadlines", "region": LUOYANG,
                                                 "period": "2020H1"}, HTTP_AUTHORIZATION=auth)
    assert response.status_code == 403


def test_key_pages_fields_filters_and_etag(client, token_for):
    make = FACTORIES["patents"]
    made = [make(LUOYANG, n) for n in range(1, 8)]
    _, auth = token_for("ly", Role.CITY_OFFICER, LUOYANG)
    seen, url, pages = [], "/api/v1/patents/?limit=3&fields=application_number", 0
    while url:
        page = client.get(url, HTTP_AUTHORIZATION=auth).json()
        seen += [r["id"] for r in page["results"]]
        assert all(set(r) == {"id", "application_number"} for r in page["results"])
        url, pages = page["next"], pages + 1
    assert seen == sorted((p.pk for p in made), reverse=True) and pages == 3
    filtered = client.get("/api/v1/patents/", {"q": made[0].application_number, "ordering": "id"},
                          HTTP_AUTHORIZATION=auth).json()["results"]
    assert [r["id"] for r in filtered] == [made[0].pk]
    first = client.get("/api/v1/patents/", HTTP_AUTHORIZATION=auth)
    assert client.get("/api/v1/patents/", HTTP_AUTHORIZATION=auth,
                      HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    for bad in ({"cursor": "garbage"}, {"fields": "secret"}, {"limit": 0}, {"filed_after": "yesterday"}):
        response = client.get("/api/v1/patents/", bad, HTTP_AUTHORIZATION=auth)
        assert response.status_code in (400, 422) and response.json()["detail"], bad
    csv_text = client.get("/api/v1/patents/", {"format": "csv"}, HTTP_AUTHORIZATION=auth).content.decode()
    assert len(csv_text.splitlines()) == 1 + 7


def test_case_transition_through_the_service_audited_and_scoped(client, token_for, records):
    zz, ly = records["cases"]
    state = zz.state
    _, admin = token_for("admin", Role.PROVINCE_ADMIN, "410000")
    _, ly_auth = token_for("ly", Role.CITY_OFFICER, LUOYANG)
    _, read_only = token_for("admin_ro", Role.PROVINCE_ADMIN, "410000", read_only=True)
    body = {"values": {"reason": "不予受理"}}
    url = f"/api/v1/cases/{zz.pk}/transitions/refuse"
    assert client.post(url, body, content_type="application/json", HTTP_AUTHORIZATION=ly_auth).status_code == 404
    refused = client.post(url, body, content_type="application/json", HTTP_AUTHORIZATION=read_only)
    assert refused.status_code == 403 and "只读" in refused.json()["detail"]  # zh-Hans: read-only
    zz.refresh_from_db()
    assert zz.state == state  # refused: nothing changed
    done = client.post(url, body, content_type="application/json", HTTP_AUTHORIZATION=admin)
    assert done.status_code == 200, done.json()
    zz.refresh_from_db()
    assert done.json()["state"] == zz.state != state
    change = ObjectChange.objects.filter(action="transition", object_id=str(zz.pk)).get()
    assert change.user.username == "admin" and "token:" in change.actor
    bad = client.post(url, body, content_type="application/json", HTTP_AUTHORIZATION=admin)
    assert bad.status_code == 409 and "已办结" in bad.json()["detail"]  # zh-Hans: "the case is finished"


def test_audit_and_import_batches_for_administrators_only(client, token_for, records):
    _, ly = token_for("ly", Role.CITY_OFFICER, LUOYANG)
    _, admin = token_for("admin", Role.PROVINCE_ADMIN, "410000")
    for slug in ("audit-entries", "import-batches"):
        assert client.get(f"/api/v1/{slug}/", HTTP_AUTHORIZATION=ly).status_code == 403
        assert client.get(f"/api/v1/{slug}/", HTTP_AUTHORIZATION=admin).status_code == 200
    entries = client.get("/api/v1/audit-entries/", HTTP_AUTHORIZATION=admin).json()["results"]
    assert any(e["message"] == "API token created" for e in entries)


def test_rate_limits_answer_429_with_retry_after(client, token_for, settings):
    settings.IPGOV_API_RATE_ANONYMOUS = 3
    for _ in range(3):
        assert client.get("/api/v1/open/regions", {"within": "410300"}).status_code == 200
    limited = client.get("/api/v1/open/regions", {"within": "410300"})
    assert limited.status_code == 429 and 1 <= int(limited["Retry-After"]) <= 61
    assert "等待" in limited.json()["detail"]  # zh-Hans: wait … and try again
    settings.IPGOV_API_RATE_ANONYMOUS = 1000
    settings.IPGOV_API_RATE_TOKEN = 2
    _, auth = token_for("ly", Role.CITY_OFFICER, LUOYANG)
    codes = [client.get("/api/v1/patents/", HTTP_AUTHORIZATION=auth).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_staff_token_page_creates_shows_once_and_revokes(client, make_staff):
    from tests.web.conftest import login

    assert client.get("/api/tokens/").status_code == 302  # to the login page
    login(client, make_staff("ly", Role.CITY_OFFICER, LUOYANG))
    response = client.post("/api/tokens/", {"region": "410305", "read_only": "1", "expires": "30d"}, follow=True)
    secret = response.context["secret"]
    token = ApiToken.objects.get()
    assert secret.startswith(f"ipg_{token.prefix}_") and token.read_only and token.region_id == "410305"
    assert secret in response.content.decode()
    again = client.get("/api/tokens/")
    assert secret not in again.content.decode() and token.prefix in again.content.decode()  # shown once
    refused = client.post("/api/tokens/", {"region": ZHENGZHOU}, follow=True)
    assert ApiToken.objects.count() == 1 and "410100" in refused.content.decode()
    client.post("/api/tokens/", {"revoke": token.prefix})
    token.refresh_from_db()
    assert token.revoked is not None
    assert client.get("/api/v1/patents/", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
