"""Full-text search over published articles, public policy documents and the public indicator catalogue.

The query is segmented with jieba (`cut_for_search`), so "知识产权座谈会" finds a text holding 知识产权 and
座谈会 apart; every term must occur (AND), in the title or the text. Articles and policy versions are found
through the full-text index (search_index.py: FTS5 on SQLite, a GIN tsvector index on PostgreSQL), the
few public indicators in memory. Snippets are escaped text with the terms wrapped in <mark>.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from ipgov.portal import search_index

MAX_TERMS = 8
SNIPPET = 60
KINDS = {"article": _("article"), "policy": _("policy document"), "indicator": _("indicator")}


@dataclass(frozen=True)
class Hit:
    kind: str
    title: str
    url: str
    snippet: SafeString

    @property
    def label(self):
        return KINDS[self.kind]


def terms(query: str) -> list[str]:
    query = re.sub(r"\s+", " ", (query or "").strip())[:100]
    if not query:
        return []
    words = [w.strip() for w in search_index.jieba().cut_for_search(query) if w.strip() and re.search(r"\w", w)]
    # drop words contained in a longer word of the query (知识 inside 知识产权), keep the order
    kept = [w for w in dict.fromkeys(words) if not any(w != o and w in o for o in words)]
    return kept[:MAX_TERMS]


def snippet(text: str, found: list[str]) -> SafeString:
    lower = text.lower()
    at = min((lower.find(t.lower()) for t in found if t.lower() in lower), default=0)
    start = max(0, at - SNIPPET // 3)
    piece = escape(text[start:start + SNIPPET * 2])
    for term in sorted(found, key=len, reverse=True):
        piece = re.sub(re.escape(escape(term)), lambda m: f"<mark>{m.group(0)}</mark>", piece, flags=re.IGNORECASE)
    return mark_safe(("…" if start else "") + piece + "…")  # noqa: S308 -- escaped above


def article_hits(articles, found: list[str], limit: int) -> list[Hit]:
    """The first `limit` of these articles as hits (one URL reversed for all: reverse() costs ~1 ms)."""
    from ipgov.portal import sanitize

    marker = 987654321
    pattern = reverse("portal:article", args=[marker])
    return [Hit("article", a.title, pattern.replace(str(marker), str(a.pk)), snippet(sanitize.text_of(a.body), found))
            for a in articles.prefetch_related(None).only("pk", "title", "body")[:limit]]


def search(query: str, limit: int = 50) -> list[Hit]:
    from ipgov.portal import opendata, services
    from ipgov.portal.models import PolicyVersion
    from ipgov.portal.services import policies

    found = terms(query)
    articles = search_index.only_matching(services.published_articles(), "article", found)
    if articles is None:
        return []
    hits = article_hits(articles, found, limit)
    versions = search_index.only_matching(PolicyVersion.objects.filter(document__in=policies.public_policies()),
                                          "policy", found).select_related("document").order_by("document", "-number")
    seen = set()
    for version in versions:
        if version.document_id not in seen:
            seen.add(version.document_id)
            hits.append(Hit("policy", version.document.title, reverse("portal:policy", args=[version.document_id]),
                            snippet(version.text, found)))
    for ind in opendata.public_indicators():
        text = f"{ind.name_zh} {ind.name_en} {ind.definition} {ind.definition_zh}"
        if all(t.lower() in text.lower() for t in found):
            hits.append(Hit("indicator", ind.name_zh, reverse("portal:indicator", args=[ind.id]), snippet(text, found)))
    return hits[:limit]
