import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from ipgov.core import audit
from ipgov.core.actor import Actor, acting_as
from ipgov.core.models import ObjectChange
from tests.web.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def edited_patent(patents, zhengzhou_officer):
    patent = patents["202010000001.X"]
    before = audit.snapshot(patent)
    patent.title = "改名后的专利"
    patent.save(update_fields=["title"])
    with acting_as(Actor.for_user(zhengzhou_officer, remote_addr="10.1.2.3")):
        audit.record(patent, ObjectChange.Action.UPDATE, before=before, message="title corrected")
    return patent


def test_object_history_shows_who_when_what_and_where(client, zhengzhou_officer, edited_patent):
    login(client, zhengzhou_officer)
    page = client.get(reverse("web:history", args=["patents", edited_patent.pk])).content.decode()
    assert "user:zz_officer" in page and "10.1.2.3" in page and "title corrected" in page
    detail = client.get(reverse("web:detail", args=["patents", edited_patent.pk])).content.decode()
    assert "title corrected" in detail


def test_audit_search_filters_and_shows_the_diff(client, admin_user, edited_patent):
    login(client, admin_user)
    ct = ContentType.objects.get_for_model(edited_patent)
    response = client.get(reverse("web:audit"), {"actor": "zz_officer", "object_type": ct.pk})
    changes = list(response.context["changes"])
    assert [c.message for c in changes] == ["title corrected"]
    assert list(client.get(reverse("web:audit"), {"actor": "nobody"}).context["changes"]) == []
    assert len(client.get(reverse("web:audit"), {"q": "改名后"}).context["changes"]) == 1
    detail = client.get(reverse("web:audit-detail", args=[changes[0].pk]))
    diff = {k: (b, a) for k, b, a, changed in detail.context["diff"] if changed}
    assert diff == {"名称": ("测试专利 202010000001.X", "改名后的专利")}  # the field by its label


def test_the_trail_cannot_be_edited_through_the_ui(client, admin_user, edited_patent):
    login(client, admin_user)
    change = ObjectChange.objects.filter(message="title corrected").get()
    assert client.post(reverse("web:audit")).status_code == 405
    assert client.post(reverse("web:audit-detail", args=[change.pk])).status_code == 405
    admin_user.is_superuser = True
    admin_user.save()
    login(client, admin_user)
    url = reverse("admin:core_objectchange_change", args=[change.pk])
    client.post(url, {"message": "rewritten"})
    assert client.post(reverse("admin:core_objectchange_delete", args=[change.pk]), {"post": "yes"}).status_code == 403
    change.refresh_from_db()
    assert change.message == "title corrected"


def test_admin_edits_of_staff_are_audited(client, admin_user, luoyang_officer):
    admin_user.is_superuser = True
    admin_user.save()
    login(client, admin_user)
    url = reverse("admin:auth_user_change", args=[luoyang_officer.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k not in {"groups", "user_permissions",
                                                                                 "password"}}
    data.update({"username": "ly_officer", "email": "ly@example.cn", "date_joined_0": "2020-01-01",
                 "date_joined_1": "00:00:00", "is_active": "on",
                 "staff_profile-TOTAL_FORMS": "1", "staff_profile-INITIAL_FORMS": "1",
                 "staff_profile-MIN_NUM_FORMS": "0", "staff_profile-MAX_NUM_FORMS": "1",
                 "staff_profile-0-id": luoyang_officer.staff_profile.pk, "staff_profile-0-user": luoyang_officer.pk,
                 "staff_profile-0-role": "city_officer", "staff_profile-0-region": "410100",
                 "staff_profile-0-organization": ""})
    data.pop("last_login", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    luoyang_officer.staff_profile.refresh_from_db()
    assert luoyang_officer.staff_profile.region_id == "410100"
    profile_change = ObjectChange.objects.filter(object_repr__startswith="ly_officer", action="update",
                                                 message="经管理后台修改").exclude(before=None).last()
    assert profile_change.actor == "user:prov_admin"
    entries = ObjectChange.objects.filter(message__startswith="经管理后台修改", actor="user:prov_admin")
    regions = [(c.before or {}).get("region_id") for c in entries]
    assert "410300" in regions
    user_change = entries.filter(after__email="ly@example.cn").get()
    assert "password" not in user_change.after


def test_province_admin_manages_staff_in_the_admin_but_not_superusers(client, admin_user, luoyang_officer):
    from django.contrib.auth import get_user_model

    root = get_user_model().objects.create_superuser("root", password="Root-pass-2020")
    login(client, admin_user)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 200
    assert client.get(reverse("admin:auth_user_change", args=[luoyang_officer.pk])).status_code == 200
    assert client.get(reverse("admin:auth_user_change", args=[root.pk])).status_code in (302, 404)
    form = client.get(reverse("admin:auth_user_change", args=[luoyang_officer.pk])).context["adminform"].form
    assert "is_superuser" not in form.fields  # read-only for a province administrator
    assert client.get(reverse("admin:core_objectchange_changelist")).status_code == 200


def test_the_trail_is_paged_by_key_with_its_queries_fixed(client, admin_user, edited_patent):
    """60 entries more (many within one second: the id breaks the tie): two pages of 50 along -time, -id,
    then back; the page's queries do not grow with its rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ct = ContentType.objects.get_for_model(edited_patent)
    for i in range(60):
        ObjectChange.objects.create(actor="system", action=ObjectChange.Action.UPDATE, object_type=ct,
                                    object_id=str(edited_patent.pk), object_repr=f"entry {i}", message=f"m{i}",
                                    request_id=uuid.uuid4())
    login(client, admin_user)
    whole = list(ObjectChange.objects.order_by("-time", "-id").values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as first_queries:
        first = client.get(reverse("web:audit"))
    second = client.get(reverse("web:audit"), {"cursor": first.context["keys"].next_cursor})
    assert [c.pk for c in first.context["changes"]] + [c.pk for c in second.context["changes"]] == whole
    assert second.context["keys"].next_cursor is None and first.context["count"]["label"] == f"共 {len(whole)} 条记录"
    back = client.get(reverse("web:audit"), {"cursor": second.context["keys"].previous_cursor})
    assert [c.pk for c in back.context["changes"]] == whole[:50]
    with CaptureQueriesContext(connection) as second_queries:
        client.get(reverse("web:audit"), {"cursor": first.context["keys"].next_cursor})
    # the first page read the whole trail (61 entries) and is not counted; the second is counted, on PostgreSQL
    # within keyset.SIZE_BUDGET_MS: its savepoint, settings, reset and release, 4 statements more, not rows
    extra = 4 if connection.vendor == "postgresql" else 0
    assert len(first_queries) <= len(second_queries) <= len(first_queries) + extra
