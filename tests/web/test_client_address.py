"""The client address in the audit and the lockout: X-Forwarded-For counts only from a trusted proxy."""

import ipaddress

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse

from ipgov import configuration
from ipgov.core.models import ObjectChange
from ipgov.core.remote import client_ip
from tests.web.conftest import PASSWORD, login
from tests.web.scope_fixtures import FACTORIES

PROXIES = (ipaddress.ip_network("10.9.0.1/32"), ipaddress.ip_network("172.16.0.0/24"))


@pytest.mark.parametrize("proxies, remote, forwarded, expected", [
    ((), "192.0.2.7", "10.66.66.66", "192.0.2.7"),                      # no proxy configured: header ignored
    (PROXIES, "192.0.2.7", "10.66.66.66", "192.0.2.7"),                 # not from the proxy: header ignored
    (PROXIES, "10.9.0.1", "10.66.66.66", "10.66.66.66"),                # from the proxy: its header counts
    (PROXIES, "10.9.0.1", "1.2.3.4, 10.20.30.40", "10.20.30.40"),       # a forged left part is not believed
    (PROXIES, "10.9.0.1", "10.20.30.40, 172.16.0.9", "10.20.30.40"),    # through two trusted proxies
    (PROXIES, "10.9.0.1", "", "10.9.0.1"),                              # proxy without the header
    (PROXIES, "10.9.0.1", "not-an-address", "10.9.0.1"),                # garbage is ignored
    (PROXIES, "10.9.0.1", "2001:db8::5", "2001:db8::5"),
])
def test_client_ip(settings, proxies, remote, forwarded, expected):
    settings.IPGOV_TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_trusted_proxies_from_the_environment(monkeypatch):
    monkeypatch.setenv("IPGOV_TRUSTED_PROXIES", "10.9.0.1, 172.16.0.0/24,")
    assert configuration.trusted_proxies() == PROXIES
    monkeypatch.delenv("IPGOV_TRUSTED_PROXIES")
    assert configuration.trusted_proxies() == ()
    monkeypatch.setenv("IPGOV_TRUSTED_PROXIES", "proxy.local")
    with pytest.raises(ImproperlyConfigured, match="proxy.local"):
        configuration.trusted_proxies()


def _refuse_case(client, user, **headers):
    case = FACTORIES["cases"]("410300", 6)
    login(client, user)
    client.post(reverse("web:case-transition", args=[case.pk, "refuse"]), {"value_reason": "不属于受理范围"},
                **headers)
    return ObjectChange.objects.filter(action="transition", object_id=str(case.pk)).get().remote_addr


@pytest.mark.django_db
def test_forged_header_does_not_reach_the_audit(client, luoyang_officer, settings):
    settings.IPGOV_TRUSTED_PROXIES = PROXIES
    assert _refuse_case(client, luoyang_officer, REMOTE_ADDR="192.0.2.7",
                        HTTP_X_FORWARDED_FOR="10.66.66.66") == "192.0.2.7"


@pytest.mark.django_db
def test_trusted_proxy_header_reaches_the_audit(client, luoyang_officer, settings):
    settings.IPGOV_TRUSTED_PROXIES = PROXIES
    assert _refuse_case(client, luoyang_officer, REMOTE_ADDR="10.9.0.1",
                        HTTP_X_FORWARDED_FOR="10.66.66.66") == "10.66.66.66"


@pytest.mark.django_db
def test_lockout_cannot_be_dodged_by_a_forged_header(client, luoyang_officer, settings):
    """Each failure with a new forged address would start a new count if axes believed the header."""
    from axes.models import AccessAttempt

    settings.IPGOV_TRUSTED_PROXIES = PROXIES
    for n in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(reverse("web:login"), {"username": "ly_officer", "password": "wrong"},
                               REMOTE_ADDR="192.0.2.7", HTTP_X_FORWARDED_FOR=f"10.66.66.{n}")
    assert response.status_code == 429
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["192.0.2.7"]
    response = client.post(reverse("web:login"), {"username": "ly_officer", "password": PASSWORD},
                           REMOTE_ADDR="192.0.2.7", HTTP_X_FORWARDED_FOR="10.66.66.99")
    assert response.status_code == 429


@pytest.mark.django_db
def test_lockout_behind_the_proxy_counts_the_real_client(client, luoyang_officer, settings):
    from axes.models import AccessAttempt

    settings.IPGOV_TRUSTED_PROXIES = PROXIES
    client.post(reverse("web:login"), {"username": "ly_officer", "password": "wrong"},
                REMOTE_ADDR="10.9.0.1", HTTP_X_FORWARDED_FOR="10.66.66.66")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["10.66.66.66"]
