"""Every staff page in zh-Hans has no English UI words, and in English no Chinese UI phrase.

Walks what a province administrator sees (the dashboard, every registered list with one record of each
kind, its detail and history pages, the case desk, reports, the audit trail, the error pages) through the
test client, reading the visible text and the text read aloud (aria-label, title, placeholder). Records'
own data (Chinese names and titles, codes, numbers) may appear in both languages.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import polib
import pytest
from django.conf import settings
from django.urls import reverse

from ipgov.core.models import ObjectChange
from ipgov.web.registry import PAGES
from tests.core.test_translations import CATALOGUE
from tests.web.conftest import login
from tests.web.scope_fixtures import FACTORIES

pytestmark = pytest.mark.django_db

# Words that stay as they are in Chinese text: codes, formats, standards, proper names, units.
LATIN_ALLOWED = {
    "PCT", "IPC", "CSV", "XLSX", "DOCX", "PDF", "HTML", "CN", "TISC", "CNIPA", "GB", "UTF", "SHA", "XML",
    "ST", "WIPO", "DuckDB", "Parquet", "Spark", "Django", "Excel", "IPGOV_HOME", "English", "ipgov",
    "DataV",  # the map boundaries' source (Aliyun DataV), a proper name
}
SPOKEN = ("aria-label", "title", "placeholder")


class _Visible(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        self.parts += [v for k, v in attrs if k in SPOKEN and v]
        if tag == "input" and dict(attrs).get("type") in ("submit", "button"):
            self.parts.append(dict(attrs).get("value") or "")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return "\n".join(p.strip() for p in parser.parts if p.strip())


def _latin_words(text: str, data: set[str]) -> set[str]:
    text = re.sub(r"\b[\w.-]+:[\w.-]+\b", " ", text)  # actor labels (user:prov_admin, system:test)
    text = re.sub(r"\b[0-9a-f]+(-[0-9a-f]+)+\b|\b[0-9a-f]{8,}\b", " ", text)  # request ids, hashes
    words = set(re.findall(r"[A-Za-z][A-Za-z_]+", text))
    return {w for w in words if w not in LATIN_ALLOWED and w not in data
            and not re.fullmatch(r"[A-Z]+|[A-H]\d\d[A-Z]?", w)}  # codes and abbreviations (ZLJF, G06F)


def _stored_text() -> set[str]:
    """Chinese runs in what the records hold: their data, the audit trail, which is written once in the
    office's language (ipgov.core.audit.text) and shown as recorded, and the catalogue's definitions."""
    from django.apps import apps

    texts = []
    for model in apps.get_models():
        if model._meta.app_label in ("rights", "cases", "finance", "programs"):
            fields = [f.attname for f in model._meta.concrete_fields if f.get_internal_type() in ("CharField",
                                                                                                 "TextField")]
            for row in model.objects.values_list(*fields):
                texts += [str(v) for v in row if v]
    texts += [t for pair in ObjectChange.objects.values_list("message", "object_repr") for t in pair]
    # the catalogue's English definitions quote the Chinese statistical term beside the English one
    # ("by registration date, 登记日"): catalogue data, shown as written
    from ipgov.indicators import catalogue

    texts += [ind.definition for ind in catalogue.default().indicators.values()]
    return {run for t in texts for run in re.findall(r"[\u4e00-\u9fff（）]+", t)}


def _chinese_phrases() -> set[str]:
    """Every zh-Hans translation that is a whole Chinese phrase (a leak if it shows in English mode)."""
    phrases = set()
    for e in polib.pofile(str(CATALOGUE)):
        if e.translated() and re.fullmatch(r"[\u4e00-\u9fff（）]{2,}", e.msgstr or ""):
            phrases.add(e.msgstr)
    return phrases


@pytest.fixture
def walk(client, admin_user):
    """The URLs a province administrator opens, with one record (in 洛阳) behind every list."""
    records = {slug: FACTORIES[slug]("410300", 7) for slug in PAGES}
    login(client, admin_user)
    urls = [reverse("web:dashboard"), reverse("web:desk"), reverse("web:reports"), reverse("web:audit"),
            reverse("web:dashboard") + "?region=410300", reverse("web:dashboard") + "?region=410311",
            reverse("web:compare") + "?a=410100&b=410300",
            reverse("web:reports") + "?region=410000&period=2020H9&format=pdf", "/no-such-page/"]
    for slug, obj in records.items():
        urls += [reverse("web:list", args=[slug]), reverse("web:detail", args=[slug, obj.pk]),
                 reverse("web:history", args=[slug, obj.pk])]
    change = ObjectChange.objects.order_by("pk").last()
    if change is not None:
        urls.append(reverse("web:audit-detail", args=[change.pk]))
    data = {admin_user.username, *admin_user.username.split("_")}
    return urls, data


def _pages(client, urls, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 400, 404), (url, response.status_code)
        yield url, visible_text(response.content.decode())


def test_zh_hans_pages_have_no_english_words(client, walk):
    urls, data = walk
    leaks = {url: words for url, text in _pages(client, urls, "zh-hans") if (words := _latin_words(text, data))}
    assert not leaks, "English words in the zh-Hans UI:\n" + "\n".join(
        f"  {url}: {sorted(words)}" for url, words in leaks.items())


def test_english_pages_have_no_chinese_ui_phrases(client, walk):
    urls, _ = walk
    phrases = _chinese_phrases() - _stored_text() - {"简体中文"}  # a language is named in its own language
    leaks = {}
    for url, text in _pages(client, urls, "en"):
        found = {run for run in re.findall(r"[\u4e00-\u9fff（）]+", text) if run in phrases}
        if found:
            leaks[url] = found
    assert not leaks, "Chinese UI phrases in the English UI:\n" + "\n".join(
        f"  {url}: {sorted(words)}" for url, words in leaks.items())


def test_dates_as_each_language_writes_them():
    import datetime

    from django.utils import translation

    from ipgov.web.templatetags.web import cell

    with translation.override("zh-hans"):
        assert cell(datetime.date(2020, 6, 30)) == "2020年6月30日"
    with translation.override("en"):
        assert cell(datetime.date(2020, 6, 30)) == "2020-06-30"
