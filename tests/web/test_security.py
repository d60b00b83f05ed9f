"""Security headers: a Content-Security-Policy that forbids inline script and style, pages that need
neither, the HTML report allowed only its own styles, and `check --deploy` clean behind IPGOV_HTTPS."""

import base64
import hashlib
import re
import tempfile

import pytest
from django.urls import reverse

from ipgov.web.security import POLICY
from tests.homes import home_env, ipgov
from tests.reports import cube
from tests.web.conftest import login
from tests.web.scope_fixtures import FACTORIES

pytestmark = pytest.mark.django_db

INLINE_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"<[^>]*\sstyle\s*=", re.I)
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)


def assert_no_inline_code(html: str, url: str):
    for attributes, body in SCRIPT.findall(html):
        assert "src=" in attributes or 'type="application/json"' in attributes, f"inline script on {url}"
        assert "src=" not in attributes or not body.strip(), url
    assert not INLINE_HANDLER.search(html), f"inline event handler on {url}"
    assert not INLINE_STYLE.search(html), f"inline style on {url}"
    assert "<style" not in html, f"<style> element on {url}"
    assert "javascript:" not in html, url


def test_every_page_carries_the_policy_and_needs_no_inline_code(client, admin_user, patents):
    objects = {slug: make("410300", 1) for slug, make in FACTORIES.items()}
    login_page = client.get(reverse("web:login"))
    assert login_page["Content-Security-Policy"] == POLICY
    assert_no_inline_code(login_page.content.decode(), "login")
    login(client, admin_user)
    urls = [reverse("web:dashboard"), reverse("web:audit"), reverse("web:desk"),
            reverse("web:reports"), reverse("admin:index"), reverse("admin:auth_user_changelist")]
    for slug, obj in objects.items():
        urls += [reverse("web:list", args=[slug]), reverse("web:detail", args=[slug, obj.pk]),
                 reverse("web:history", args=[slug, obj.pk])]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Security-Policy"] == POLICY, url
        assert_no_inline_code(response.content.decode(), url)
    assert "'unsafe-inline'" not in POLICY and "'unsafe-eval'" not in POLICY
    assert "script-src 'self'" in POLICY and "style-src 'self'" in POLICY
    assert login_page["X-Frame-Options"] == "DENY"


def test_html_report_allows_only_its_own_styles_and_leaves_no_temp_files(client, admin_user, tmp_path,
                                                                          monkeypatch):
    cube.seed_creation(cube.run())
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    login(client, admin_user)
    for fmt in ("html", "xlsx"):
        response = client.get(reverse("web:reports"), {"region": "410000", "period": "2020H1", "format": fmt})
        assert response.status_code == 200, fmt
    html = client.get(reverse("web:reports"), {"region": "410000", "period": "2020H1", "format": "html"})
    body = html.content.decode()
    (style,) = re.findall(r"<style>(.*?)</style>", body, flags=re.S)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert html["Content-Security-Policy"] == (f"default-src 'none'; style-src 'sha256-{digest}'; "
                                               "img-src data:; frame-ancestors 'none'")
    assert html["Content-Disposition"].startswith("inline;")
    assert list(tmp_path.iterdir()) == []  # no ipgov-report-* folder left behind


@pytest.mark.parametrize("https, warnings", [
    ("true", []),
    ("false", ["security.W004", "security.W008", "security.W012", "security.W016"]),
])
def test_check_deploy(tmp_path, https, warnings):
    result = ipgov("check", "--deploy", "--system-only", "--fail-level", "WARNING",
                   env=home_env(tmp_path, IPGOV_HTTPS=https), check=False)
    assert sorted(set(re.findall(r"security\.W\d+", result.stderr))) == warnings
    assert result.returncode == (0 if not warnings else 1)
