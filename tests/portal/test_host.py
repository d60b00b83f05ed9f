"""IPGOV_PORTAL_HOST: requests to the portal's own host name get the portal at / (its links without
/portal/, the staff app under /office/); every other host keeps the portal at /portal/."""

import pytest

pytestmark = pytest.mark.django_db
HOST = "www.ip.example.cn"


@pytest.fixture
def portal_host(settings):
    settings.IPGOV_PORTAL_HOST = HOST
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]


def test_the_portal_host_serves_the_portal_at_the_root(client, seed, portal_host):
    home = client.get("/", HTTP_HOST=HOST)
    html = home.content.decode()
    assert home.status_code == 200 and "河南召开全省知识产权工作座谈会" in html
    assert f'href="/article/{seed.pk}/"' in html and 'href="/portal/' not in html
    article = client.get(f"/article/{seed.pk}/", HTTP_HOST=HOST).content.decode()
    assert "80868" in article or "80,868" in article
    assert client.get("/data/patent_applications/", HTTP_HOST=HOST).status_code == 200
    assert client.get("/api/v1/open/indicators", HTTP_HOST=HOST).status_code == 200
    staff = client.get("/staff/articles/", HTTP_HOST=HOST)  # the portal's staff pages: login under /office/
    assert staff.status_code == 302 and staff["Location"].startswith("/office/login/")
    assert client.get("/office/login/", HTTP_HOST=HOST).status_code == 200


def test_other_hosts_keep_the_portal_under_portal(client, seed, portal_host):
    assert client.get(f"/portal/article/{seed.pk}/").status_code == 200
    assert client.get("/").status_code == 302  # the staff dashboard asks for a login
    assert client.get(f"/article/{seed.pk}/").status_code == 404
    assert client.get(f"/portal/article/{seed.pk}/", HTTP_HOST=HOST).status_code == 404
