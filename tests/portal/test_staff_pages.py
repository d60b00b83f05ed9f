"""The portal's staff pages: edit with preview and figure warnings, workflow buttons."""

import io

import pytest
from django.urls import reverse

from ipgov.core.choices import Role
from ipgov.portal.models import Article
from tests.portal.test_articles import _jpeg_with_exif

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, make_staff, settings, tmp_path):
    settings.IPGOV_HOME = tmp_path
    client.force_login(make_staff("prov_admin", Role.PROVINCE_ADMIN, "410000"),
                       backend="ipgov.web.auth.StaffBackend")
    return client


def test_write_preview_warn_and_publish(editor, cube):
    photo = io.BytesIO(_jpeg_with_exif((300, 200)))
    photo.name = "会场.jpg"
    body = ("<p>2019年，核准地理标志商标和地理标志产品21件。</p>"
            "<p>2020年上半年，全省专利申请量达到{{ cell patent_applications 410000 2020H1 }}件。</p>")
    response = editor.post(reverse("portal:staff-new"), {
        "title": "数据发布", "column": "data", "date": "2020-08-20", "byline": "办公室", "tags": "数据, 专利",
        "body": body + "<script>alert(1)</script>", "image": photo, "caption": "会场"})
    art = Article.objects.get()
    assert response.status_code == 302 and response.url == reverse("portal:staff-edit", args=[art.pk])
    assert "<script" not in art.body and art.images.get().caption == "会场"
    assert sorted(art.tags.values_list("name", flat=True)) == ["专利", "数据"]
    page = editor.get(response.url).content.decode()
    assert ">80868</a>" in page  # the preview renders the live figure
    assert "gi_approvals" in page and "14" in page  # the typed 21 is flagged against the cube's 14
    editor.post(reverse("portal:staff-move", args=[art.pk, "submit"]))
    editor.post(reverse("portal:staff-move", args=[art.pk, "publish"]))
    art.refresh_from_db()
    assert art.status == "published"
    assert editor.get(reverse("portal:article", args=[art.pk])).status_code == 200
    refused = editor.post(reverse("portal:staff-move", args=[art.pk, "publish"]), follow=True)
    assert "cannot" in refused.content.decode() or "不能" in refused.content.decode()


def test_disguised_image_is_a_form_error(editor):
    fake = io.BytesIO(b"GIF89a<script>alert(1)</script>")
    fake.name = "x.gif"
    response = editor.post(reverse("portal:staff-new"), {"title": "t", "column": "news", "date": "2020-01-01",
                                                         "body": "<p>x</p>", "image": fake})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not Article.objects.exists()  # nothing stored half-way


def test_policy_pages_track_the_lifecycle(editor):
    import datetime

    from ipgov.portal.models import PolicyDocument

    response = editor.post(reverse("portal:staff-policy-new"), {"title": "实施意见", "issuer": "省政府",
                                                                 "text": "第一条", "note": ""})
    doc = PolicyDocument.objects.get()
    assert response.url == reverse("portal:staff-policy", args=[doc.pk])
    ends = (datetime.date.today() + datetime.timedelta(days=20)).isoformat()
    editor.post(reverse("portal:staff-policy-step", args=[doc.pk, "consult"]), {"consultation_ends": ends})
    editor.post(reverse("portal:staff-policy-step", args=[doc.pk, "submit"]), {})
    refused = editor.post(reverse("portal:staff-policy-step", args=[doc.pk, "issue"]), {}, follow=True)
    assert "文号" in refused.content.decode()
    editor.post(reverse("portal:staff-policy-step", args=[doc.pk, "issue"]),
                {"doc_number": "豫政〔2020〕9号", "issued_on": "2020-09-01"})
    doc.refresh_from_db()
    assert (doc.stage, doc.doc_number, str(doc.issued_on)) == ("issued", "豫政〔2020〕9号", "2020-09-01")
    assert "豫政〔2020〕9号" in editor.get(reverse("portal:staff-policies")).content.decode()


def test_the_article_list_shows_what_is_scheduled(editor):
    import datetime

    from django.utils import timezone

    from ipgov.core.actor import Actor, acting_as
    from ipgov.portal import services

    at = timezone.now() + datetime.timedelta(days=2)
    with acting_as(Actor.system("test")):
        later = services.save_article(title="下周发布", column="notices", date=datetime.date(2020, 9, 1), body="<p>x</p>")
        now = services.save_article(title="已发布", column="news", date=datetime.date(2020, 8, 1), body="<p>y</p>")
        for art, when in ((later, at), (now, None)):
            services.move_article(art, "submit")
            services.move_article(art, "publish", at=when)
    assert list(Article.objects.scheduled()) == [Article.objects.get(title="下周发布")]
    page = editor.get(reverse("portal:staff-articles")).content.decode()
    scheduled = page.split('class="scheduled"')[1].split("</section>")[0]
    assert "下周发布" in scheduled and "已发布" not in scheduled
    assert timezone.localtime(at).strftime("%Y-%m-%d %H:%M") in scheduled
