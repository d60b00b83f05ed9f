import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from ipgov.core.models import ObjectChange, StaffProfile
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_user_add_creates_a_scoped_audited_account():
    out = run("user", "add", "wang", "--role", "city_officer", "--region", "410300", "--password", PASSWORD)
    assert "已创建 wang" in out and "410300" in out
    profile = StaffProfile.objects.get(user__username="wang")
    assert (profile.role, profile.region_id) == ("city_officer", "410300")
    assert get_user_model().objects.get(username="wang").check_password(PASSWORD)
    changes = ObjectChange.objects.filter(actor="cli:user")
    assert {c.action for c in changes} == {"create"}
    assert changes.count() == 2  # the user and the profile
    assert not any("password" in (c.after or {}) for c in changes)


def test_user_add_twice_changes_nothing_then_updates_the_scope():
    run("user", "add", "li", "--role", "county_officer", "--region", "410311", "--password", PASSWORD)
    before = ObjectChange.objects.count()
    run("user", "add", "li", "--role", "county_officer", "--region", "410311")
    assert ObjectChange.objects.count() == before
    out = run("user", "add", "li", "--role", "county_officer", "--region", "410305")
    assert "已更新 li" in out
    change = ObjectChange.objects.filter(action="update").latest("id")
    assert change.before["region_id"] == "410311" and change.after["region_id"] == "410305"


def test_user_add_generates_and_prints_a_password_once():
    out = run("user", "add", "zhao", "--role", "leader", "--region", "410000")
    password = out.split("密码（仅显示一次）：")[1].strip()  # "password (shown once): " in English
    assert get_user_model().objects.get(username="zhao").check_password(password)


@pytest.mark.parametrize("args, message", [
    (["--role", "city_officer", "--region", "410311"], "410311 洛龙区 不是市级单位"),
    (["--role", "province_admin", "--region", "410300"], "省级管理员的管辖范围不能是410300 洛阳市（级别：地级市）"),
    (["--role", "center_staff", "--region", "410100"], "--organization"),
    (["--role", "city_officer", "--region", "999999"], "没有代码为999999的地区"),
    (["--role", "city_officer", "--region", "410300", "--password", "123"], "too short"),
])
def test_user_add_refuses_bad_input_and_writes_nothing(args, message):
    with pytest.raises(CommandError, match=message):
        run("user", "add", "bad", *args)
    assert not get_user_model().objects.filter(username="bad").exists()
    assert not ObjectChange.objects.exists()


def test_login_then_logout(client, luoyang_officer):
    response = client.post(reverse("web:login"), {"username": "ly_officer", "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("web:dashboard")
    assert client.get(reverse("web:audit")).status_code == 403  # logged in, but not an administrator
    client.post(reverse("web:logout"))
    assert client.get(reverse("web:dashboard")).url.startswith(reverse("web:login"))


def test_lockout_after_repeated_failures(client, luoyang_officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(reverse("web:login"), {"username": "ly_officer", "password": "wrong"})
        assert response.status_code == 200
    response = client.post(reverse("web:login"), {"username": "ly_officer", "password": "wrong"})
    assert response.status_code == 429  # the limit-th failure locks the account
    # now even the right password is refused
    response = client.post(reverse("web:login"), {"username": "ly_officer", "password": PASSWORD})
    assert response.status_code == 429
    assert "locked" in response.content.decode().lower() or "锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_user_without_profile_is_refused(client, db):
    user = get_user_model().objects.create_user("nobody", password=PASSWORD)
    client.force_login(user)
    assert client.get(reverse("web:dashboard")).status_code == 403
