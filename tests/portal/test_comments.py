"""Comments: captcha, honeypot, rate limit, length, links, sensitive words, moderation, escaping, CSRF."""

import pytest
from django.test import Client
from django.urls import reverse

from ipgov.core.actor import Actor, acting_as
from ipgov.core.models import ObjectChange
from ipgov.core.scope import OutOfScope
from ipgov.portal import services
from ipgov.portal.choices import CommentStatus
from ipgov.portal.models import Comment

pytestmark = pytest.mark.django_db
XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>'


@pytest.fixture(autouse=True)
def _captcha_test_mode(monkeypatch):
    # django-simple-captcha's test mode ("PASSED" is the right answer, anything else wrong); its settings
    # module reads CAPTCHA_TEST_MODE once at import, so the flag is set there.
    monkeypatch.setattr("captcha.conf.settings.CAPTCHA_TEST_MODE", True)


def post(client, article, nickname="网友", body="会议很重要，支持！", captcha="PASSED", **extra):
    data = {"nickname": nickname, "body": body, "captcha_0": "x", "captcha_1": captcha, "website": "", **extra}
    return client.post(reverse("portal:article", args=[article.pk]), data, REMOTE_ADDR="203.0.113.9")


def approve_all():
    with acting_as(Actor.system("test")):
        for c in Comment.objects.filter(status=CommentStatus.HELD):
            services.moderate_comment(c, approve=True)


def test_wrong_captcha_is_refused_then_right_one_is_held_then_approved_counts(client, seed):
    wrong = post(client, seed, captcha="WRONG")
    assert wrong.status_code == 200 and not Comment.objects.exists()
    assert post(client, seed).status_code == 302
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.HELD and comment.remote_addr == "203.0.113.9"
    page = client.get(reverse("portal:article", args=[seed.pk])).content.decode()
    assert "共有 0 条评论" in page and "会议很重要" not in page
    approve_all()
    page = client.get(reverse("portal:article", args=[seed.pk])).content.decode()
    assert "共有 1 条评论" in page and "会议很重要，支持！" in page
    created = ObjectChange.objects.get(object_type__model="comment", action="create")
    assert created.actor == "anonymous" and created.remote_addr == "203.0.113.9"
    assert ObjectChange.objects.filter(object_type__model="comment", action="transition",
                                       message="approve").count() == 1


def test_the_captcha_image_is_drawn_by_the_server(client):
    from captcha.models import CaptchaStore

    key = CaptchaStore.generate_key()
    response = client.get(reverse("captcha-image", args=[key]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_xss_in_every_field_is_escaped(client, seed):
    post(client, seed, nickname=XSS[:30], body=XSS + " 好")
    approve_all()
    page = client.get(reverse("portal:article", args=[seed.pk])).content.decode()
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_links_are_stripped(client, seed):
    post(client, seed, body="快来看 https://evil.example/x?a=1 和 www.spam.cn 还有 buy.top 好")
    body = Comment.objects.get().body
    assert "http" not in body and "www" not in body and "buy.top" not in body and body.startswith("快来看")


def test_length_limit_and_empty_body_store_nothing(client, seed):
    assert post(client, seed, body="长" * 501).status_code == 200
    assert post(client, seed, body="https://only.a.link/").status_code == 200
    assert not Comment.objects.exists()


def test_honeypot_stores_nothing(client, seed):
    assert post(client, seed, website="http://bot.example").status_code == 302
    assert not Comment.objects.exists()


def test_rate_limit_per_address(client, seed, monkeypatch):
    monkeypatch.setenv("IPGOV_PORTAL_RATE", "5/60")
    statuses = [post(client, seed, body=f"第{i}条评论").status_code for i in range(100)]
    assert Comment.objects.count() == 5 and statuses.count(302) == 100  # refused ones are redirected too
    other = client.post(reverse("portal:article", args=[seed.pk]),
                        {"nickname": "另一位", "body": "另一个地址", "captcha_0": "x", "captcha_1": "PASSED"},
                        REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302 and Comment.objects.count() == 6


def test_sensitive_words_are_flagged_for_the_moderator(client, seed, make_staff):
    from ipgov.core.choices import Role

    post(client, seed, body="专业代开发票，联系我")
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.HELD and comment.flagged == "代开发票"
    admin = make_staff("prov_admin", Role.PROVINCE_ADMIN, "410000")
    client.force_login(admin, backend="ipgov.web.auth.StaffBackend")
    page = client.get(reverse("portal:moderation")).content.decode()
    assert "代开发票" in page


def test_moderation_needs_a_reason_to_reject_and_the_editor_scope(seed, make_staff):
    from ipgov.core.choices import Role

    with acting_as(Actor.anonymous("203.0.113.9")):
        comment = services.submit_comment(seed, nickname="甲", body="一般的评论")
    officer = make_staff("ly_officer", Role.CITY_OFFICER, "410300")
    with acting_as(Actor.for_user(officer)), pytest.raises(OutOfScope):
        services.moderate_comment(comment, approve=True)
    with acting_as(Actor.system("test")):
        with pytest.raises(services.PortalError, match="reason"):
            services.moderate_comment(comment, approve=False)
        services.moderate_comment(comment, approve=False, reason="与主题无关")
        with pytest.raises(services.PortalError, match="already"):
            services.moderate_comment(comment, approve=True)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED and comment.reason == "与主题无关"
    assert services.comment_count(seed) == 0


def test_moderation_pages(client, seed, make_staff):
    from ipgov.core.choices import Role

    post(client, seed)
    comment = Comment.objects.get()
    url = reverse("portal:moderate", args=[comment.pk, "approve"])
    assert client.post(url).status_code == 302 and client.post(url).url.startswith(reverse("web:login"))
    officer = make_staff("ly_officer", Role.CITY_OFFICER, "410300")
    client.force_login(officer, backend="ipgov.web.auth.StaffBackend")
    assert client.post(url).status_code == 403
    admin = make_staff("prov_admin", Role.PROVINCE_ADMIN, "410000")
    client.force_login(admin, backend="ipgov.web.auth.StaffBackend")
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED and comment.moderated_by == "prov_admin"


def test_csrf_is_required(seed):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("portal:article", args=[seed.pk]),
                           {"nickname": "甲", "body": "没有令牌", "captcha_0": "x", "captcha_1": "PASSED"})
    assert response.status_code == 403 and not Comment.objects.exists()


def test_a_plain_get_of_the_article_writes_no_row(client, seed):
    """Issue 19: the page shows no captcha, so an anonymous GET writes nothing (no INSERT, UPDATE or DELETE):
    under many visitors on SQLite it no longer waits on the single-writer lock."""
    from captcha.models import CaptchaStore
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("portal:article", args=[seed.pk])
    client.get(url)  # the article and the form's fields are kept per cube run from here on
    before = CaptchaStore.objects.count()
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        writes = [q["sql"] for q in queries if q["sql"].lstrip().split(" ", 1)[0].upper()
                  in ("INSERT", "UPDATE", "DELETE", "REPLACE")]
        assert writes == [] and CaptchaStore.objects.count() == before
        assert 'name="captcha_0"' not in html and 'name="nickname"' in html and 'name="website"' in html
        assert reverse("portal:captcha-new") in html and "?captcha=1#comments" in html and "显示验证码" in html


def test_each_started_form_gets_its_own_captcha_and_the_one_answered_is_checked(client, seed):
    """The captcha comes from `portal:captcha-new` (fetched by portal.js when the form gets focus, or
    "another code"): a new row each time; answering the one fetched is what is checked."""
    import re

    from captcha.models import CaptchaStore

    keys = []
    for _ in range(3):
        response = client.get(reverse("portal:captcha-new"))
        html = response.content.decode()
        assert response.status_code == 200 and "no-cache" in response["Cache-Control"]
        [key] = set(re.findall(r'name="captcha_0" value="([0-9a-f]{40})"', html))
        assert f"/captcha/image/{key}/" in html and 'id="id_captcha_1"' in html and "换一张" in html
        keys.append(key)
    assert len(set(keys)) == 3 and CaptchaStore.objects.filter(hashkey__in=keys).count() == 3
    url = reverse("portal:article", args=[seed.pk])
    refused = client.post(url, {"nickname": "甲", "body": "很好的文章", "captcha_0": keys[0], "captcha_1": "WRONG"})
    assert refused.status_code == 200 and 'name="captcha_0"' in refused.content.decode()  # bound: the full form
    assert not Comment.objects.exists()
    response = client.post(url, {"nickname": "甲", "body": "很好的文章", "captcha_0": keys[-1], "captcha_1": "PASSED"})
    assert response.status_code == 302 and Comment.objects.get().status == CommentStatus.HELD


def test_without_script_the_link_or_a_post_shows_the_captcha(client, seed):
    """No script: the slot's link reloads the page with a captcha; a form sent without one comes back with
    its captcha and the visitor's text kept, and nothing is stored."""
    from captcha.models import CaptchaStore

    url = reverse("portal:article", args=[seed.pk])
    before = CaptchaStore.objects.count()
    html = client.get(url + "?captcha=1").content.decode()
    assert 'name="captcha_0"' in html and "显示验证码" not in html and CaptchaStore.objects.count() == before + 1
    sent = client.post(url, {"nickname": "甲", "body": "没有验证码的评论", "website": ""})
    html = sent.content.decode()
    assert sent.status_code == 200 and 'name="captcha_0"' in html and "没有验证码的评论" in html
    assert not Comment.objects.exists()
