"""Region scope over the API, as every role: every operation of the OpenAPI schema is walked here (a new
one fails `test_every_operation_is_walked` until it has a line). The refusals come from core.scope."""

import pytest

from ipgov.api.main import api
from ipgov.core.choices import Role
from tests.reports import cube
from tests.web.scope_fixtures import FACTORIES

pytestmark = pytest.mark.django_db
ZHENGZHOU, LUOYANG = "410100", "410300"
ROLES = {
    "province_admin": (Role.PROVINCE_ADMIN, "410000", {}),
    "city_officer": (Role.CITY_OFFICER, LUOYANG, {}),
    "county_officer": (Role.COUNTY_OFFICER, "410305", {}),
    "center_staff": (Role.CENTER_STAFF, ZHENGZHOU, {}),
    "leader": (Role.LEADER, "410000", {}),
    "narrowed_admin": (Role.PROVINCE_ADMIN, "410000", {"region": LUOYANG}),  # a province token for 洛阳
    "read_only_admin": (Role.PROVINCE_ADMIN, "410000", {"read_only": True}),
    "anonymous": None,
}
INSIDE = ("province_admin", "center_staff", "leader", "read_only_admin")  # 郑州's records in scope
OUTSIDE = ("city_officer", "county_officer", "narrowed_admin")
SLUGS = {"patents": "patents", "trademarks": "trademarks", "pledges": "pledges", "designations": "designations",
         "cases": "cases"}
OTHER = ("gi-products", "legal-events", "funds", "organizations", "awards")


def expect(inside, outside, anonymous=401, **roles):
    return {**{r: inside for r in INSIDE}, **{r: outside for r in OUTSIDE}, "anonymous": anonymous, **roles}


OPEN = {r: 200 for r in ROLES}
ADMINS = expect(403, 403, province_admin=200, read_only_admin=200)
# (method, path template) -> (path(records), body, {role: status})
WALK = {
    ("GET", "/api/v1/open/indicators"): (lambda r: "/api/v1/open/indicators", None, OPEN),
    ("GET", "/api/v1/open/cells"): (
        lambda r: "/api/v1/open/cells?indicator=patent_applications&region=410100&period=2020H1", None, OPEN),
    ("GET", "/api/v1/open/regions"): (lambda r: "/api/v1/open/regions?within=410300", None, OPEN),
    ("GET", "/api/v1/open/releases"): (lambda r: "/api/v1/open/releases", None, OPEN),
    ("GET", "/api/v1/open/sdmx/structure"): (lambda r: "/api/v1/open/sdmx/structure", None, OPEN),
    ("GET", "/api/v1/import-batches/"): (lambda r: "/api/v1/import-batches/", None, ADMINS),
    ("GET", "/api/v1/import-batches/{pk}"): (lambda r: f"/api/v1/import-batches/{r['batch']}", None, ADMINS),
    ("GET", "/api/v1/audit-entries/"): (lambda r: "/api/v1/audit-entries/", None, ADMINS),
    ("GET", "/api/v1/audit-entries/{pk}"): (lambda r: f"/api/v1/audit-entries/{r['change']}", None, ADMINS),
    ("POST", "/api/v1/cases/{pk}/transitions/{transition}"): (
        lambda r: f"/api/v1/cases/{r['cases'][0].pk}/transitions/refuse", {"values": {"reason": "不予受理"}},
        # a center may not refuse a case (the workflow's role rule: 409 with the reason)
        expect(200, 404, leader=403, read_only_admin=403, center_staff=409)),
    ("POST", "/api/v1/cases/{pk}/notes"): (
        lambda r: f"/api/v1/cases/{r['cases'][0].pk}/notes", {"message": "电话联系当事人"},
        expect(201, 404, leader=403, read_only_admin=403)),
}
for slug in (*SLUGS, *OTHER):
    WALK[("GET", f"/api/v1/{slug}/")] = (lambda r, s=slug: f"/api/v1/{s}/", None, expect(200, 200))
    WALK[("GET", f"/api/v1/{slug}/{{pk}}")] = (lambda r, s=slug: f"/api/v1/{s}/{r[s][0].pk}", None,
                                               expect(200, 404))


def test_every_operation_is_walked():
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    operations = {(method.upper(), path) for path, ops in schema["paths"].items() for method in ops}
    assert operations == set(WALK), (f"not walked: {operations - set(WALK)}; gone: {set(WALK) - operations}")


@pytest.fixture
def records():
    """slug -> (a 郑州 record in 金水区, a 洛阳 record); plus the rows of no region."""
    import datetime

    from django.utils import timezone

    from ipgov.core.actor import Actor, acting_as
    from ipgov.core.ingest.models import ImportBatch
    from ipgov.core.models import ObjectChange
    from ipgov.finance.models import Fund
    from ipgov.programs.models import Award
    from ipgov.rights.models import GIProduct, LegalEvent

    out = {slug: (FACTORIES[slug]("410105", 1), FACTORIES[slug](LUOYANG, 2)) for slug in SLUGS}
    out["legal-events"] = tuple(LegalEvent.objects.create(patent=p, kind="grant", date=datetime.date(2021, 1, 5))
                                for p in out["patents"])
    out["gi-products"] = tuple(GIProduct.objects.create(name=f"地标{c}", region_id=c) for c in ("410105", LUOYANG))
    out["organizations"] = tuple(d.organization for d in out["designations"])
    out["funds"] = tuple(Fund.objects.create(name=f"基金{c}", sponsor="省政府", size=1, region_id=c,
                                             inception=datetime.date(2019, 1, 1)) for c in ("410105", LUOYANG))
    out["awards"] = tuple(Award.objects.create(kind=Award._meta.get_field("kind").choices[0][0], edition=21,
                                               award_date=datetime.date(2020, 6, 1), region_id=o.region_id,
                                               grade=Award._meta.get_field("grade").choices[0][0],
                                               patent_number=f"20201000{n}019.X", organization=o)
                          for n, o in enumerate(out["organizations"]))
    out["batch"] = ImportBatch.objects.create(file_name="x.csv", checksum="0" * 64, format="csv", kind="patents",
                                              actor="cli:test", started=timezone.now()).pk
    with acting_as(Actor.system("test")):
        out["change"] = ObjectChange.objects.order_by("pk").first().pk
    run = cube.run()
    cube.obs("patent_applications", "2020H1", 30000, region=ZHENGZHOU, run_=run)
    return out


@pytest.mark.parametrize("role", sorted(ROLES))
def test_every_operation_as_every_role(client, token_for, records, role, settings):
    settings.IPGOV_API_RATE_TOKEN = settings.IPGOV_API_RATE_ANONYMOUS = 10**6
    headers = {}
    if ROLES[role]:
        kind, region, options = ROLES[role]
        organization = {"organization": "中国郑州（创意产业）知识产权快速维权中心"} if kind == Role.CENTER_STAFF else {}
        from ipgov.core.actor import Actor, acting_as
        from ipgov.core.services import save_staff_user

        with acting_as(Actor.system("test")):
            save_staff_user(f"walker_{role}", kind, region, password="Correct-horse-9", **organization)
        from ipgov.api import tokens

        with acting_as(Actor.cli("test")):
            _, secret = tokens.create_token(f"walker_{role}", **options)
        headers["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    for (method, template), (path, body, expected) in sorted(WALK.items(), key=lambda kv: kv[0][0] == "POST"):
        url = path(records)
        if method == "GET":
            response = client.get(url, **headers)
        else:
            response = client.post(url, body, content_type="application/json", **headers)
        where = f"{method} {template} as {role}"
        assert response.status_code == expected[role], f"{where}: {response.status_code} {response.content[:200]}"
        if method == "GET" and template.endswith("/") and response.status_code == 200 and template[8:13] != "open/":
            slug = template.split("/")[3]
            if slug in records and isinstance(records[slug], tuple):
                ids = {row["id"] for row in response.json()["results"]}
                assert (records[slug][0].pk in ids) == (role in INSIDE), where
                sees_luoyang = role not in ("county_officer", "center_staff")  # 涧西区's and 郑州's staff do not
                assert (records[slug][1].pk in ids) == sees_luoyang, where
