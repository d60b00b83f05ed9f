"""Region scope, walked over every URL of the staff web app as every role, and over every list, detail,
history and export URL as a city-scoped user. The refusals come from the services and core.scope; the
views only turn OutOfScope into 403 (or 404 where a record's existence must not leak)."""

import csv
import io

import pytest
from django.urls import reverse

from ipgov.core.choices import Role
from ipgov.web import urls as web_urls
from ipgov.web.registry import PAGES
from tests.web.conftest import login
from tests.web.scope_fixtures import FACTORIES

pytestmark = pytest.mark.django_db

ZHENGZHOU, LUOYANG = "410100", "410300"

# Every role, scoped as the office scopes them. The walk asks for 郑州's records (a 金水区 one, to test the
# roll-up): inside the scope of the province's staff and of a 郑州 center, outside 洛阳's and 涧西区's.
ROLES = {
    "province_admin": (Role.PROVINCE_ADMIN, "410000", ""),
    "city_officer": (Role.CITY_OFFICER, LUOYANG, ""),
    "county_officer": (Role.COUNTY_OFFICER, "410305", ""),
    "center_staff": (Role.CENTER_STAFF, ZHENGZHOU, "中国郑州（创意产业）知识产权快速维权中心"),
    "leader": (Role.LEADER, "410000", ""),
    "anonymous": None,
}
INSIDE, OUTSIDE = ("province_admin", "center_staff", "leader"), ("city_officer", "county_officer")
LOGIN = "login"  # a redirect to the login page


def expect(inside, outside, anonymous=LOGIN, **roles) -> dict:
    return {**{r: inside for r in INSIDE}, **{r: outside for r in OUTSIDE}, "anonymous": anonymous, **roles}


def _zz(records, slug="cases"):
    return records[slug][0].pk


def _audit_entry(records):
    from ipgov.core.models import ObjectChange

    return ObjectChange.objects.order_by("pk").first().pk


def _evaluation(records):
    """The province's business-environment evaluation (a province record: 郑州's center staff is outside)."""
    from ipgov.analysis import services
    from ipgov.core.actor import Actor, acting_as

    with acting_as(Actor.system("test")):
        return services.evaluate("business-environment", "2019")[0].pk


def _wipo():
    from ipgov.analysis import concordance

    concordance.load_shipped()


def _zone(records):
    """A navigation zone in 郑州 (金水区) with one industry."""
    from ipgov.analysis import services
    from ipgov.core.actor import Actor, acting_as
    from ipgov.programs.models import Designation, Organization

    _wipo()
    org, _ = Organization.objects.get_or_create(name="郑州金水专利导航产业发展实验区", kind="park", region_id="410105")
    zone, _ = Designation.objects.get_or_create(organization=org, kind="patent_navigation_zone", level="provincial",
                                                defaults={"year": 2017, "status": "designated", "region_id": "410105"})
    with acting_as(Actor.system("test")):
        services.set_zone_industries(zone, ["wipo35:20"])
    return zone.pk


def _checklist(records, item=False):
    from ipgov.analysis import services
    from ipgov.core.actor import Actor, acting_as

    with acting_as(Actor.system("test")):
        cl, _ = services.create_checklist("protection-inspection", ZHENGZHOU, 2020)
    return cl.items.first().pk if item else cl.pk


# name -> (method, url(records, slug), data, {role: status}). Names marked per page are walked for every
# registered page. A new URL fails test_every_url_is_walked until it has a line here.
URLS = {
    "dashboard": ("get", lambda r, s: reverse("web:dashboard"), {"region": ZHENGZHOU}, expect(200, 403)),
    # 郑州 against the province: a city or county officer may compare only inside their own scope
    "compare": ("get", lambda r, s: reverse("web:compare"), {"a": ZHENGZHOU, "b": "410000"},
                expect(200, 403, center_staff=403)),
    "login": ("get", lambda r, s: reverse("web:login"), {}, expect(302, 302, anonymous=200)),
    "logout": ("post", lambda r, s: reverse("web:logout"), {}, expect(LOGIN, LOGIN)),
    "audit": ("get", lambda r, s: reverse("web:audit"), {}, expect(403, 403, province_admin=200)),
    "audit-detail": ("get", lambda r, s: reverse("web:audit-detail", args=[_audit_entry(r)]), {},
                     expect(403, 403, province_admin=200)),
    "list": ("get", lambda r, s: reverse("web:list", args=[s]), {}, expect(200, 200)),
    "export": ("get", lambda r, s: reverse("web:export", args=[s, "csv"]), {}, expect(200, 200)),
    "detail": ("get", lambda r, s: reverse("web:detail", args=[s, _zz(r, s)]), {}, expect(200, 404)),
    "history": ("get", lambda r, s: reverse("web:history", args=[s, _zz(r, s)]), {}, expect(200, 404)),
    "desk": ("get", lambda r, s: reverse("web:desk"), {}, expect(200, 200)),
    # acting on 郑州's case: outside the scope it does not exist; a leader reads it but may not act
    "case-transition": ("post", lambda r, s: reverse("web:case-transition", args=[_zz(r), "refuse"]),
                        {"value_reason": "不予受理"}, expect(302, 404, leader=403)),
    "case-document": ("post", lambda r, s: reverse("web:case-document", args=[_zz(r)]),
                      {"doc_type": "request", "file": "x"}, expect(302, 404, leader=403)),
    # records of no region and credit-code conflicts belong to the province office
    "orgs-unresolved": ("get", lambda r, s: reverse("web:orgs-unresolved"), {}, expect(200, 403, center_staff=403)),
    "orgs-review": ("get", lambda r, s: reverse("web:orgs-review"), {}, expect(200, 403, center_staff=403)),
    "reports": ("get", lambda r, s: reverse("web:reports"), {"region": ZHENGZHOU, "format": "html"},
                expect(200, 403)),
    "analysis": ("get", lambda r, s: reverse("web:analysis"), {}, expect(200, 200)),
    "landscape": ("get", lambda r, s: _wipo() or reverse("web:landscape"), {"region": ZHENGZHOU, "industry": "wipo35:20"},
                  expect(200, 403)),
    "zones": ("get", lambda r, s: reverse("web:zones"), {}, expect(200, 200)),
    # a zone outside the scope does not exist; a leader reads it but may not set its industries
    "zone": ("get", lambda r, s: reverse("web:zone", args=[_zone(r)]), {"period": "2019"}, expect(200, 404)),
    "zone-industries": ("post", lambda r, s: reverse("web:zone-industries", args=[_zone(r)]),
                        {"industries": "wipo35:20 wipo35:06"}, expect(302, 404, leader=403)),
    "evaluation": ("get", lambda r, s: reverse("web:evaluation", args=[_evaluation(r)]), {"unit": ZHENGZHOU},
                   expect(200, 404, center_staff=404)),
    "evaluation-export": ("get", lambda r, s: reverse("web:evaluation-export", args=[_evaluation(r), "docx"]), {},
                          expect(200, 404, center_staff=404)),
    "checklist": ("get", lambda r, s: reverse("web:checklist", args=[_checklist(r)]), {}, expect(200, 404)),
    "checklist-item": ("post", lambda r, s: reverse("web:checklist-item", args=[_checklist(r, item=True)]),
                       {"score": "8", "comment": "材料齐全"}, expect(302, 404, leader=403)),
    "report-task-start": ("post", lambda r, s: reverse("web:report-task-start"),
                          {"region": ZHENGZHOU, "format": "html"}, expect(302, 403)),
    # a task is only ever shown to the user who started it (tests/web/test_report_tasks.py)
    "report-task": ("get", lambda r, s: reverse("web:report-task", args=["0" * 32]), {}, expect(404, 404)),
    "report-task-file": ("get", lambda r, s: reverse("web:report-task-file", args=["0" * 32]), {},
                         expect(404, 404)),
}
# imports: a change, refused to read-only roles; a batch is seen by the province-wide staff and by its importer,
# an upload only by its uploader (another's token: not found)
URLS.update({
    "imports": ("get", lambda r, s: reverse("web:imports"), {}, expect(200, 200, leader=403)),
    "import-preview": ("get", lambda r, s: reverse("web:import-preview", args=[_upload()]), {"kind": "patents"},
                       expect(404, 404, leader=403)),
    "import-progress": ("get", lambda r, s: reverse("web:import-progress", args=[_upload()]), {},
                        expect(404, 404, leader=403)),
    "import-batch": ("get", lambda r, s: reverse("web:import-batch", args=[_batch()]), {},
                     expect(200, 404, center_staff=404)),
    "import-refused": ("get", lambda r, s: reverse("web:import-refused", args=[_batch()]), {},
                       expect(200, 404, center_staff=404)),
    # a batch with no refused row left: the retry says so (a redirect back); not found outside, read-only refused
    "import-retry": ("post", lambda r, s: reverse("web:import-retry", args=[_batch()]), {},
                     expect(302, 404, center_staff=404, leader=403)),
})


def _upload():
    """A file uploaded by someone else (the system here): only its uploader (or a superuser) may open it."""
    from ipgov.core.actor import Actor, acting_as
    from ipgov.core.ingest import staging

    with acting_as(Actor.system("uploader")):
        return staging.stage("x.csv", [b"\xe7\x94\xb3\xe8\xaf\xb7\xe5\x8f\xb7,\xe7\x94\xb3\xe8\xaf\xb7\xe6\x97\xa5\n"], 20)


def _batch():
    import django.utils.timezone as tz

    from ipgov.core.ingest.models import ImportBatch

    return ImportBatch.objects.create(file_name="x.csv", checksum="0" * 64, format="csv", kind="patents",
                                      actor="cli:import", started=tz.now()).pk


PER_PAGE = {"list", "export", "detail", "history"}
# rows each role's export holds: both cities', 郑州's, 洛阳's, none (涧西区 has no record)
EXPORTED = {"province_admin": 2, "leader": 2, "center_staff": 1, "city_officer": 1, "county_officer": 0}


def test_every_url_is_walked():
    names = {p.name for p in web_urls.urlpatterns}
    assert names == set(URLS), f"URLs not walked by the scope test: {names - set(URLS)}; gone: {set(URLS) - names}"


@pytest.mark.parametrize("role", sorted(ROLES))
@pytest.mark.parametrize("name", sorted(URLS))
def test_every_url_as_every_role(client, make_staff, records, settings, tmp_path, name, role):
    settings.IPGOV_HOME = tmp_path
    if ROLES[role]:
        kind, region, organization = ROLES[role]
        login(client, make_staff(f"walker_{role}", kind, region, organization=organization))
    method, url, data, expected = URLS[name]
    for slug in sorted(PAGES) if name in PER_PAGE else [None]:
        if name == "case-document":
            data = {**data, "file": io.BytesIO(b"%PDF-1.4 test")}
        response = getattr(client, method)(url(records, slug), data)
        where = f"{name} {slug or ''} as {role}"
        if expected[role] == LOGIN:
            assert response.status_code == 302 and response.url.startswith(reverse("web:login")), where
            continue
        assert response.status_code == expected[role], where
        if name == "list":  # a list shows 郑州's record exactly when 郑州 is in scope
            shown = {obj.pk for obj, _ in response.context["rows"]}
            assert (_zz(records, slug) in shown) == (role in INSIDE), where
        if name == "export":
            body = b"".join(response.streaming_content).decode("utf-8-sig")
            assert len(list(csv.reader(io.StringIO(body)))) == 1 + EXPORTED[role], where


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


# ------------------------------------------------------------------ the public portal (/portal/)
PUBLIC = {r: 200 for r in ROLES}
EDITOR = expect(403, 403, province_admin=200)  # editing the province's public site: province staff who write


def _portal_id(r, key):
    return r[key].pk


PORTAL_URLS = {
    "index": ("get", lambda r: reverse("portal:index"), {}, PUBLIC),
    "column": ("get", lambda r: reverse("portal:column", args=["news"]), {}, PUBLIC),
    "article": ("get", lambda r: reverse("portal:article", args=[_portal_id(r, "article")]), {}, PUBLIC),
    "image": ("get", lambda r: reverse("portal:image", args=[_portal_id(r, "image"), "thumb"]), {}, PUBLIC),
    "attachment": ("get", lambda r: reverse("portal:attachment", args=[_portal_id(r, "attachment")]), {}, PUBLIC),
    "policy-attachment": ("get", lambda r: reverse("portal:policy-attachment", args=[_portal_id(r, "policy_file")]),
                          {}, PUBLIC),
    "data": ("get", lambda r: reverse("portal:data"), {}, PUBLIC),
    "captcha-new": ("get", lambda r: reverse("portal:captcha-new"), {}, PUBLIC),  # a new captcha for any visitor
    "search": ("get", lambda r: reverse("portal:search"), {"q": "正文"}, PUBLIC),
    "feed-rss": ("get", lambda r: reverse("portal:feed-rss", args=["news"]), {}, PUBLIC),
    "feed-atom": ("get", lambda r: reverse("portal:feed-atom", args=["news"]), {}, PUBLIC),
    "sitemap": ("get", lambda r: reverse("portal:sitemap"), {}, PUBLIC),
    "indicator-csv": ("get", lambda r: reverse("portal:indicator-csv", args=["patent_applications"]), {}, PUBLIC),
    "indicator-xlsx": ("get", lambda r: reverse("portal:indicator-xlsx", args=["patent_applications"]), {}, PUBLIC),
    "indicator-sdmx": ("get", lambda r: reverse("portal:indicator-sdmx", args=["patent_applications"]), {}, PUBLIC),
    "region": ("get", lambda r: reverse("portal:region", args=["410100"]), {}, PUBLIC),
    "indicator": ("get", lambda r: reverse("portal:indicator", args=["patent_applications"]), {}, PUBLIC),
    "services": ("get", lambda r: reverse("portal:services"), {}, PUBLIC),
    "policy": ("get", lambda r: reverse("portal:policy", args=[_portal_id(r, "policy")]), {}, PUBLIC),
    "service": ("get", lambda r: reverse("portal:service", args=["assistance"]), {}, PUBLIC),
    "status": ("get", lambda r: reverse("portal:status"), {}, PUBLIC),
    "staff-articles": ("get", lambda r: reverse("portal:staff-articles"), {}, EDITOR),
    "staff-new": ("get", lambda r: reverse("portal:staff-new"), {}, EDITOR),
    "staff-edit": ("get", lambda r: reverse("portal:staff-edit", args=[_portal_id(r, "draft")]), {}, EDITOR),
    "staff-move": ("post", lambda r: reverse("portal:staff-move", args=[_portal_id(r, "draft"), "submit"]), {},
                   expect(403, 403, province_admin=302)),
    "staff-policies": ("get", lambda r: reverse("portal:staff-policies"), {}, EDITOR),
    "staff-policy-new": ("get", lambda r: reverse("portal:staff-policy-new"), {}, EDITOR),
    "staff-policy": ("get", lambda r: reverse("portal:staff-policy", args=[_portal_id(r, "policy")]), {}, EDITOR),
    "staff-policy-step": ("post", lambda r: reverse("portal:staff-policy-step", args=[_portal_id(r, "policy"), "submit"]),
                          {}, expect(403, 403, province_admin=302)),
    "staff-policy-attachment": ("post", lambda r: reverse("portal:staff-policy-attachment",
                                                          args=[_portal_id(r, "policy")]),
                                {}, expect(403, 403, province_admin=302)),
    "moderation": ("get", lambda r: reverse("portal:moderation"), {}, EDITOR),
    "moderate": ("post", lambda r: reverse("portal:moderate", args=[_portal_id(r, "comment"), "approve"]), {},
                 expect(403, 403, province_admin=302)),
}


@pytest.fixture
def portal_records(settings, tmp_path):
    import datetime

    from django.utils import timezone

    from ipgov.core.actor import Actor, acting_as
    from ipgov.portal import services
    from ipgov.portal.choices import Column
    from ipgov.portal.services import policies
    from tests.portal.test_articles import _jpeg_with_exif

    settings.IPGOV_HOME = tmp_path
    with acting_as(Actor.system("test")):
        def article(title):
            return services.save_article(title=title, column=Column.NEWS, date=datetime.date(2020, 8, 1),
                                         body="<p>正文</p>")
        published = article("已发布")
        image = services.add_image(published, "a.jpg", _jpeg_with_exif((64, 48)))
        attachment = services.add_attachment(published, "a.pdf", b"%PDF-1.4 x")
        services.move_article(published, "submit")
        services.move_article(published, "publish")
    with acting_as(Actor.anonymous("203.0.113.1")):
        comment = services.submit_comment(published, nickname="甲", body="评论内容")
    with acting_as(Actor.system("test")):
        draft = article("草稿")
        policy = policies.save_policy(title="意见", text="全文")
        policy_file = policies.add_attachment(policy, "意见.pdf", b"%PDF-1.4 x")
        policies.move_policy(policy, "consult", consultation_ends=timezone.localdate())
    return {"article": published, "image": image, "attachment": attachment, "comment": comment, "draft": draft,
            "policy": policy, "policy_file": policy_file}


def test_every_portal_url_is_walked():
    from ipgov.portal import urls as portal_urls

    names = {p.name for p in portal_urls.urlpatterns}
    assert names == set(PORTAL_URLS), f"portal URLs not walked: {names - set(PORTAL_URLS)}; gone: {set(PORTAL_URLS) - names}"


@pytest.mark.parametrize("role", sorted(ROLES))
@pytest.mark.parametrize("name", sorted(PORTAL_URLS))
def test_every_portal_url_as_every_role(client, make_staff, portal_records, name, role):
    if ROLES[role]:
        kind, region, organization = ROLES[role]
        login(client, make_staff(f"walker_{role}", kind, region, organization=organization))
    method, url, data, expected = PORTAL_URLS[name]
    response = getattr(client, method)(url(portal_records), data)
    where = f"{name} as {role}"
    if expected[role] == LOGIN:
        assert response.status_code == 302 and response.url.startswith(reverse("web:login")), where
        return
    assert response.status_code == expected[role], where


def test_portal_hides_drafts_and_their_files(client, portal_records):
    from ipgov.core.actor import Actor, acting_as
    from ipgov.portal import services

    assert client.get(reverse("portal:article", args=[portal_records["draft"].pk])).status_code == 404
    with acting_as(Actor.system("test")):
        services.move_article(portal_records["article"], "withdraw")
    for name in ("article", "image", "attachment"):
        assert client.get(PORTAL_URLS[name][1](portal_records)).status_code == 404, name
