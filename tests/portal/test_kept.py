"""The anonymous article page kept whole (portal.kept): served with the visitor's own CSRF token, renewed when
a comment is approved, the article is edited or withdrawn, or the cube changes; per language; never for staff.
The captcha endpoint's per-address limit."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ipgov.core.actor import Actor, acting_as
from ipgov.portal import kept, services
from ipgov.portal.choices import CommentStatus
from ipgov.portal.models import Article, Comment

pytestmark = pytest.mark.django_db
TOKEN_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _captcha_test_mode(monkeypatch):
    monkeypatch.setattr("captcha.conf.settings.CAPTCHA_TEST_MODE", True)


def served_by_the_view(monkeypatch):
    """Counts the view's renderings of the article page (the kept page is served without them)."""
    from ipgov.portal import views

    calls = []
    real = views._article_page
    monkeypatch.setattr(views, "_article_page", lambda *a, **kw: calls.append(1) or real(*a, **kw))
    return calls


def test_the_second_visitor_gets_the_kept_page_with_a_token_of_their_own(seed, monkeypatch):
    url = reverse("portal:article", args=[seed.pk])
    rendered = served_by_the_view(monkeypatch)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page1 = first.get(url)
    with CaptureQueriesContext(connection) as queries:
        page2 = second.get(url)
    html1, html2 = page1.content.decode(), page2.content.decode()
    assert rendered == [1]  # the second visitor's page was the kept one
    assert [q["sql"].split()[0].upper() for q in queries] == ["SELECT", "SELECT"]  # the cube's version, the state
    assert "80868" in html2 and "共有 0 条评论" in html2 and kept.TOKEN not in html2
    tokens1, tokens2 = set(TOKEN_INPUT.findall(html1)), set(TOKEN_INPUT.findall(html2))
    assert len(tokens1) == len(tokens2) == 1 and tokens1 != tokens2  # both forms (language, comment): one token
    assert page2.cookies["csrftoken"].value and page1.cookies["csrftoken"].value != page2.cookies["csrftoken"].value
    assert page2["X-Frame-Options"] == "DENY" and "Cookie" in page2["Vary"]
    assert "unsafe-inline" not in page2["Content-Security-Policy"]
    assert html1.replace(tokens1.pop(), "") == html2.replace(tokens2.pop(), "")
    # the kept page's token is the visitor's: their comment goes through CSRF (and is held)
    token = TOKEN_INPUT.search(html2)[1]
    sent = second.post(url, {"nickname": "甲", "body": "支持", "captcha_0": "x", "captcha_1": "PASSED",
                             "website": "", "csrfmiddlewaretoken": token})
    assert sent.status_code == 302 and Comment.objects.get().status == CommentStatus.HELD
    # the token of another visitor's page is refused
    foreign = first.post(url, {"nickname": "乙", "body": "支持", "captcha_0": "x", "captcha_1": "PASSED",
                               "website": "", "csrfmiddlewaretoken": token})
    assert foreign.status_code == 403 and Comment.objects.count() == 1


def test_an_approved_comment_an_edit_and_a_withdrawal_renew_the_kept_page(client, seed):
    url = reverse("portal:article", args=[seed.pk])
    assert "共有 0 条评论" in client.get(url).content.decode()
    with acting_as(Actor.anonymous("203.0.113.9")):
        comment = services.submit_comment(seed, nickname="网友", body="很有意义的会议")
    assert "很有意义" not in client.get(url).content.decode()  # held: the page is the same
    with acting_as(Actor.system("test")):
        services.moderate_comment(comment, approve=True)
    html = client.get(url).content.decode()
    assert "共有 1 条评论" in html and "很有意义的会议" in html
    art = Article.objects.get(pk=seed.pk)
    with acting_as(Actor.system("test")):
        services.save_article(art, title="新的标题：省局召开会议", column=art.column, date=art.date,
                              byline=art.byline, body=art.body, tags=[])
    assert "新的标题：省局召开会议" in client.get(url).content.decode()
    with acting_as(Actor.system("test")):
        services.move_article(art, "withdraw", reason="更正")
    assert client.get(url).status_code == 404


def test_each_language_has_its_page(client, seed):
    url = reverse("portal:article", args=[seed.pk])
    assert "共有 0 条评论" in client.get(url).content.decode()
    client.cookies["django_language"] = "en"
    html = client.get(url).content.decode()
    assert "共有 0 条评论" not in html and "Comments (0)" in html and 'lang="en"' in html
    del client.cookies["django_language"]
    assert "共有 0 条评论" in client.get(url).content.decode()


def test_staff_a_query_or_a_message_get_the_page_rendered(client, seed, make_staff, monkeypatch):
    from ipgov.core.choices import Role

    url = reverse("portal:article", args=[seed.pk])
    client.get(url)
    rendered = served_by_the_view(monkeypatch)
    client.get(url)
    assert rendered == []
    client.get(url + "?captcha=1")
    assert rendered == [1]
    editor = make_staff("prov_admin", Role.PROVINCE_ADMIN, "410000")
    staff = Client()
    staff.force_login(editor, backend="ipgov.web.auth.StaffBackend")
    staff.get(url)
    staff.get(url)
    assert rendered == [1, 1, 1]
    # a refused comment (over the limit) leaves a message for the next page: that page is rendered, with it
    monkeypatch.setenv("IPGOV_PORTAL_RATE", "0/60")
    visitor = Client()
    visitor.post(url, {"nickname": "甲", "body": "支持", "captcha_0": "x", "captcha_1": "PASSED", "website": ""})
    html = visitor.get(url).content.decode()
    assert len(rendered) == 5 and "您所在地址提交过于频繁" in html  # the POST, then the page


def test_a_get_of_the_kept_page_writes_nothing(client, seed):
    url = reverse("portal:article", args=[seed.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert all(q["sql"].lstrip().split(" ", 1)[0].upper() == "SELECT" for q in queries)


def test_new_captchas_are_limited_per_address_with_a_message(client, monkeypatch):
    from captcha.models import CaptchaStore

    monkeypatch.setenv("IPGOV_PORTAL_RATE", "2/600")  # 2 posts: 4 captchas
    url = reverse("portal:captcha-new")
    statuses = [client.get(url, REMOTE_ADDR="203.0.113.9").status_code for _ in range(6)]
    assert statuses == [200, 200, 200, 200, 429, 429] and CaptchaStore.objects.count() == 4
    refused = client.get(url, REMOTE_ADDR="203.0.113.9")
    assert refused["Retry-After"] == "600" and "no-cache" in refused["Cache-Control"]
    assert "获取验证码过于频繁" in refused.content.decode()
    client.cookies["django_language"] = "en"
    assert "Too many verification codes" in client.get(url, REMOTE_ADDR="203.0.113.9").content.decode()
    assert client.get(url, REMOTE_ADDR="198.51.100.7").status_code == 200  # another address
    assert CaptchaStore.objects.count() == 5


def test_the_page_with_its_captcha_counts_too(client, seed, monkeypatch):
    from captcha.models import CaptchaStore

    monkeypatch.setenv("IPGOV_PORTAL_RATE", "1/600")  # 2 captchas
    url = reverse("portal:article", args=[seed.pk]) + "?captcha=1"
    pages = [client.get(url, REMOTE_ADDR="203.0.113.9").content.decode() for _ in range(3)]
    assert ['name="captcha_0"' in p for p in pages] == [True, True, False]
    assert "获取验证码过于频繁" in pages[2] and "显示验证码" in pages[2] and CaptchaStore.objects.count() == 2
