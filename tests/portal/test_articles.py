"""Articles: the seed import, live cube references, the figure check, sanitising, the audited workflow."""

import datetime
import io

import pytest
from django.urls import reverse
from PIL import Image

from ipgov.core.actor import Actor, acting_as
from ipgov.core.models import ObjectChange
from ipgov.core.scope import OutOfScope
from ipgov.portal import cells, services
from ipgov.portal.choices import ArticleStatus, Column
from ipgov.portal.models import Article

pytestmark = pytest.mark.django_db
XSS = '<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a>'


def system():
    return acting_as(Actor.system("test"))


def draft(title="草稿", body="<p>正文</p>", **kw):
    with system():
        return services.save_article(title=title, column=Column.NEWS, date=datetime.date(2020, 8, 1), body=body, **kw)


def publish(article):
    with system():
        services.move_article(article, "submit")
        return services.move_article(article, "publish")


def test_seed_article_reads_with_the_cube_value(client, seed):
    assert seed.title == "河南召开全省知识产权工作座谈会"
    assert seed.byline == "文化传播中心 吴瑞格"
    assert seed.status == ArticleStatus.PUBLISHED
    page = client.get(reverse("portal:article", args=[seed.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'title="patent_applications 410000 2020H1">80868</a>' in html
    assert reverse("portal:indicator", args=["patent_applications"]) + "?region=410000" in html
    assert "共有 0 条评论" in html
    assert "_MG_0428_副本" in html  # photo names kept as caption placeholders
    assert "显示验证码" in html and 'name="captcha_0"' not in html  # the captcha comes when a comment starts
    assert "{{" not in html


def test_seed_import_is_idempotent(seed):
    from ipgov.portal.seed import import_seed

    with system():
        again = import_seed()
    assert again.pk == seed.pk and Article.objects.count() == 1


def test_a_changed_cube_changes_the_article(client, seed):
    from ipgov.indicators.models import Observation

    Observation.objects.filter(indicator="patent_applications", region="410000", period="2020H1").update(value=81000)
    assert ">81000</a>" in client.get(reverse("portal:article", args=[seed.pk])).content.decode()


def test_references_to_missing_or_internal_cells_render_a_dash(cube):
    from ipgov.indicators import catalogue

    internal = next(i.id for i in catalogue.indicators() if not i.public)
    html = cells.render_references(
        f"<p>{{{{ cell {internal} 410000 2020H1 }}}} {{{{ cell patent_applications 410000 2031 }}}} "
        "{{ cell no_such 410000 2020 }}</p>")
    assert html.count("—") == 3 and "not a public indicator" in html and "no value" in html


def test_figure_check_flags_the_gi_sentence_and_accepts_true_figures(seed):
    warnings = cells.check_figures(seed.body)
    flagged = {(w.indicator, w.period, w.typed) for w in warnings}
    # 2019: "核准地理标志商标和地理标志产品21件" — the cube says 14
    assert ("gi_approvals", "2019", "21") in flagged
    # 80868 is a live reference now; a typed 80868 would agree with the cube
    assert not cells.check_figures("<p>2020年上半年，全省专利申请量达到80868件。</p>")
    wrong = cells.check_figures("<p>2020年上半年，郑州专利申请量达到3.1万件。</p>")
    assert [(w.region, w.cube) for w in wrong] == [("410100", 30000)]
    assert not cells.check_figures("<p>2020年上半年，郑州专利申请量达到3万件。</p>")


def test_bodies_are_sanitised(client):
    art = draft(title=XSS, body=f"<p>好</p>{XSS}<p style='color:red' onclick='x()'>样式</p>")
    assert "<script" not in art.body and "onerror" not in art.body and "javascript:" not in art.body
    assert "style" not in art.body and "onclick" not in art.body and "<p>好</p>" in art.body
    publish(art)
    html = client.get(reverse("portal:article", args=[art.pk])).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html  # the title is escaped


def test_workflow_is_audited_and_only_published_articles_show(client):
    art = draft()
    assert client.get(reverse("portal:article", args=[art.pk])).status_code == 404
    with system():
        with pytest.raises(services.PortalError):
            services.move_article(art, "publish")  # not reviewed yet
        services.move_article(art, "submit")
        services.move_article(art, "publish")
    assert client.get(reverse("portal:article", args=[art.pk])).status_code == 200
    with system():
        services.move_article(art, "withdraw", reason="数据更正")
    assert client.get(reverse("portal:article", args=[art.pk])).status_code == 404
    steps = list(ObjectChange.objects.filter(object_id=str(art.pk), action="transition",
                                             object_type__model="article").order_by("pk").values_list("message", flat=True))
    assert steps == ["submit", "publish", "withdraw: 数据更正"]
    assert Article.objects.get(pk=art.pk).status == ArticleStatus.WITHDRAWN  # kept


def test_scheduled_publishing(client):
    art = draft()
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1)
    with system():
        services.move_article(art, "submit")
        services.move_article(art, "publish", at=later)
    assert client.get(reverse("portal:article", args=[art.pk])).status_code == 404


def test_city_officer_and_anonymous_may_not_edit(make_staff):
    from ipgov.core.choices import Role

    luoyang_officer = make_staff("ly_officer", Role.CITY_OFFICER, "410300")
    with acting_as(Actor.for_user(luoyang_officer)), pytest.raises(OutOfScope):
        services.save_article(title="x", column=Column.NEWS, date=datetime.date(2020, 1, 1), body="x")
    with acting_as(Actor.anonymous()), pytest.raises(OutOfScope):
        services.save_article(title="x", column=Column.NEWS, date=datetime.date(2020, 1, 1), body="x")
    assert not Article.objects.exists()


def _jpeg_with_exif(size=(1200, 800)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SecretCamera"  # Make
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_images_lose_exif_and_get_thumbnails(client, settings, tmp_path):
    settings.IPGOV_HOME = tmp_path
    art = draft()
    raw = _jpeg_with_exif()
    assert b"SecretCamera" in raw
    with system():
        img = services.add_image(art, "photo.jpg", raw, caption="会场<b>")
    stored = (tmp_path / img.path).read_bytes()
    assert b"SecretCamera" not in stored and Image.open(io.BytesIO(stored)).getexif() == {}
    assert Image.open(tmp_path / img.thumbnail).size == (480, 320)
    assert client.get(reverse("portal:image", args=[img.pk, "thumb"])).status_code == 404  # draft: hidden
    publish(art)
    html = client.get(reverse("portal:article", args=[art.pk])).content.decode()
    assert "会场&lt;b&gt;" in html
    response = client.get(reverse("portal:image", args=[img.pk, "thumb"]))
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"


def test_disguised_and_oversize_uploads_are_refused(settings, tmp_path, monkeypatch):
    from ipgov.portal import images

    settings.IPGOV_HOME = tmp_path
    art = draft()
    with system():
        with pytest.raises(services.PortalError, match="not an image"):
            services.add_image(art, "photo.jpg", b"<html><script>alert(1)</script></html>")
        monkeypatch.setattr(images, "MAX_BYTES", 1000)
        with pytest.raises(services.PortalError, match="over the limit"):
            services.add_image(art, "photo.jpg", _jpeg_with_exif())
        with pytest.raises(services.PortalError, match="does not contain"):
            services.add_attachment(art, "notice.pdf", b"MZ\x90\x00 an executable")
        attachment = services.add_attachment(art, "notice.pdf", b"%PDF-1.4 notice")
    assert art.images.count() == 0 and art.attachments.get() == attachment


def test_article_content_is_kept_until_the_article_or_the_cube_changes(client, seed, settings, tmp_path):
    settings.IPGOV_HOME = tmp_path
    url = reverse("portal:article", args=[seed.pk])
    assert "80868" in client.get(url).content.decode()
    before = Article.objects.get(pk=seed.pk).updated
    with system():
        attachment = services.add_attachment(seed, "通报.pdf", b"%PDF-1.4 notice")
    assert Article.objects.get(pk=seed.pk).updated > before  # a new version of the page
    html = client.get(url).content.decode()
    assert reverse("portal:attachment", args=[attachment.pk]) in html and "通报.pdf" in html
    from ipgov.indicators.models import Observation

    Observation.objects.filter(indicator="patent_applications", region_id="410000", period="2020H1").update(
        value=80900)
    Observation.objects.create(indicator="gi_approvals", region_id="410100", period="2019", period_kind="year",
                               value=1, unit="件", status="computed")  # a new cell: the cube changed
    assert "80900" in client.get(url).content.decode()
