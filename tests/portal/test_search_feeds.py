"""Search (jieba-segmented terms, AND, through the FTS5 / tsvector index, escaped snippets), RSS/Atom per column,
sitemap, Open Graph."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from ipgov.core.actor import Actor, acting_as
from ipgov.portal import search, search_index, services
from ipgov.portal.choices import Column
from ipgov.portal.models import SearchEntry

pytestmark = pytest.mark.django_db


def article(title, body, column=Column.NEWS, publish=True):
    with acting_as(Actor.system("test")):
        art = services.save_article(title=title, column=column, date=datetime.date(2020, 8, 1), body=body)
        if publish:
            services.move_article(art, "submit")
            services.move_article(art, "publish")
    return art


def test_terms_are_segmented():
    assert search.terms("知识产权座谈会") == ["知识产权", "座谈会"]
    assert search.terms("   ") == []


def test_search_finds_published_articles_by_all_terms(client, seed):
    article("专利质押融资", "<p>全省专利质押融资11.89亿元</p>")
    article("未发布的座谈会", "<p>知识产权座谈会 草稿</p>", publish=False)
    hits = search.search("知识产权座谈会")
    assert [h.title for h in hits] == ["河南召开全省知识产权工作座谈会"]
    assert {h.title for h in search.search("质押融资 11.89")} == {"专利质押融资", "河南召开全省知识产权工作座谈会"}
    assert not search.search("座谈会 区块链")  # both terms in no single article
    page = client.get(reverse("portal:search"), {"q": "质押融资"}).content.decode()
    assert "专利质押融资" in page and "<mark>质押</mark>" in page or "<mark>质押融资</mark>" in page
    indicators = search.search("专利申请量")
    assert any(h.kind == "indicator" and h.url.endswith("/patent_applications/") for h in indicators)


def found(query):
    return [h.title for h in search.search(query) if h.kind == "article"]


def test_the_index_follows_edits_deletes_and_rebuilds():
    art = article("商标品牌培育", "<p>地理标志 运用促进工程</p>")
    assert found("地理标志") == ["商标品牌培育"]
    art.refresh_from_db()
    with acting_as(Actor.system("test")):
        services.save_article(art, title="商标品牌培育", column=Column.NEWS, date=art.date, body="<p>专利导航</p>")
    assert not found("地理标志") and found("专利导航") == ["商标品牌培育"]
    entry = SearchEntry.objects.get(kind="article", object_id=art.pk)
    assert "专利" in entry.words.split() and "导航" in entry.words.split()  # jieba words, space-separated
    assert search_index.rebuild() == SearchEntry.objects.count() and found("专利导航") == ["商标品牌培育"]
    art.delete()
    assert not SearchEntry.objects.filter(kind="article", object_id=art.pk).exists()
    assert not found("专利导航")


def test_tokens_are_letter_and_digit_runs():
    assert search_index.tokens(["11.89", "亿元", "ABC_d", "\"引号\""]) == ["11", "89", "亿元", "abc", "d", "引号"]
    assert search_index.matching("article", ["!!"]) is None and search_index.only_matching(None, "article", [""]) is None


def test_search_snippets_and_query_are_escaped(client):
    article("安全测试", "<p>正文 &lt;script&gt;alert(1)&lt;/script&gt; 安全</p>")
    page = client.get(reverse("portal:search"), {"q": "<script>alert(1)</script> 安全"}).content.decode()
    assert "<script>alert(1)" not in page


def test_feeds_per_column(client, seed):
    article("通知一", "<p>通知正文</p>", column=Column.NOTICES)
    rss = ET.fromstring(client.get(reverse("portal:feed-rss", args=["news"])).content)
    assert [i.findtext("title") for i in rss.iter("item")] == ["河南召开全省知识产权工作座谈会"]
    atom = ET.fromstring(client.get(reverse("portal:feed-atom", args=["notices"])).content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert [e.findtext("a:title", namespaces=ns) for e in atom.findall("a:entry", ns)] == ["通知一"]
    assert client.get(reverse("portal:feed-rss", args=["nope"])).status_code == 404


def test_sitemap_lists_published_pages_only(client, seed):
    draft = article("草稿", "<p>x</p>", publish=False)
    root = ET.fromstring(client.get(reverse("portal:sitemap")).content)
    locs = [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert any(loc.endswith(reverse("portal:article", args=[seed.pk])) for loc in locs)
    assert not any(loc.endswith(reverse("portal:article", args=[draft.pk])) for loc in locs)
    # the open-data pages: every public indicator's, none other, and every city's
    from ipgov.indicators import catalogue

    for ind in catalogue.indicators():
        assert (f"http://testserver{reverse('portal:indicator', args=[ind.id])}" in locs) == ind.public, ind.id
    assert "http://testserver/portal/region/410100/" in locs and "http://testserver/portal/region/411700/" in locs
    assert sum("/portal/region/" in loc for loc in locs) == 19  # the province and its 18 city-level units


def test_open_graph_and_print_stylesheet(client, seed):
    html = client.get(reverse("portal:article", args=[seed.pk])).content.decode()
    assert '<meta property="og:title" content="河南召开全省知识产权工作座谈会">' in html
    assert 'media="print"' in html and "{{" not in html
    data = client.get(reverse("portal:indicator", args=["patent_applications"])).content.decode()
    assert '<meta property="og:title" content="专利申请量">' in data
    assert '<meta property="og:url" content="http://testserver/portal/data/patent_applications/">' in data
    assert '<meta property="og:description" content="统计期内提出的专利申请' in data
