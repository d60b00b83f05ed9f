"""The scope walk of tests/web/test_scope.py extended to every HTTP method (issue 16): for every URL, as
every role, each method the view does not take is refused (405, or the login redirect for anonymous) and
writes nothing; an anonymous POST is refused everywhere, CSRF enforced as in production; a city
officer's POST to another city's case is refused whatever the method."""

import pytest
from django.test import Client
from django.urls import resolve, reverse

from ipgov.core.models import ObjectChange
from tests.web.conftest import login
from tests.web.test_scope import LOGIN, ROLES, URLS, records  # noqa: F401 — `records` is a fixture

pytestmark = pytest.mark.django_db
METHODS = ("get", "post", "put", "patch", "delete")


def _accepted(url: str) -> set[str]:
    view = resolve(url).func.view_class
    return {m for m in METHODS if m in view.http_method_names and hasattr(view, m)}


def _refused_or_login(response, role: str, name: str) -> bool:
    if name == "login" and role != "anonymous":  # a signed-in user is sent to the dashboard, whatever the method
        return response.status_code == 302 and response.url == reverse("web:dashboard")
    if role == "anonymous":
        return response.status_code == 302 and response.url.startswith(reverse("web:login"))
    return response.status_code in (403, 404, 405)


@pytest.mark.parametrize("role", sorted(ROLES))
@pytest.mark.parametrize("name", sorted(URLS))
def test_methods_a_url_does_not_take_are_refused(client, make_staff, records, settings, tmp_path, name, role):  # noqa: F811
    settings.IPGOV_HOME = tmp_path
    if ROLES[role]:
        kind, region, organization = ROLES[role]
        login(client, make_staff(f"walker_{role}", kind, region, organization=organization))
    _, url_of, data, _ = URLS[name]
    url = url_of(records, "cases")
    before = ObjectChange.objects.count()
    for method in sorted(set(METHODS) - _accepted(url)):
        response = getattr(client, method)(url, data if method == "post" else "")
        where = f"{method.upper()} {name} as {role}: {response.status_code}"
        assert _refused_or_login(response, role, name) or response.status_code == 405, where
        assert not 200 <= response.status_code < 300, where
    assert ObjectChange.objects.count() == before, f"{name} as {role}: a refused method wrote to the audit trail"


@pytest.mark.parametrize("name", sorted(URLS))
def test_an_anonymous_post_is_refused_everywhere(records, settings, tmp_path, name):  # noqa: F811
    settings.IPGOV_HOME = tmp_path
    anonymous = Client(enforce_csrf_checks=True)
    _, url_of, data, _ = URLS[name]
    url = url_of(records, "cases")  # some URLs make their record first (an evaluation, a checklist)
    before = ObjectChange.objects.count()
    for method in ("post", "put", "patch", "delete"):
        response = getattr(anonymous, method)(url, data if method == "post" else "")
        assert response.status_code in (302, 403, 405), f"{method} {name}: {response.status_code}"
        if response.status_code == 302:
            assert response.url.startswith(reverse("web:login")), f"{method} {name}: {response.url}"
    assert ObjectChange.objects.count() == before


@pytest.mark.parametrize("name", ["case-transition", "case-document"])
def test_a_city_officer_cannot_act_on_another_citys_case(client, make_staff, records, settings, tmp_path,  # noqa: F811
                                                          name):
    settings.IPGOV_HOME = tmp_path
    kind, region, organization = ROLES["city_officer"]  # 洛阳's officer; the case is 郑州's
    login(client, make_staff("luoyang_walker", kind, region, organization=organization))
    _, url_of, data, _ = URLS[name]
    case = records["cases"][0]
    state = type(case).objects.get(pk=case.pk).state
    before = ObjectChange.objects.count()
    for method in METHODS:
        response = getattr(client, method)(url_of(records, "cases"), data if method == "post" else "")
        assert response.status_code in (404, 405), f"{method} {name}: {response.status_code}"
    assert type(case).objects.get(pk=case.pk).state == state and ObjectChange.objects.count() == before
