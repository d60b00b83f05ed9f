"""Full-text search over published articles, public policy documents and the public indicator catalogue.

The query is segmented with jieba (`cut_for_search`), so "知识产权座谈会" finds a text holding 知识产权 and
座谈会 apart; every term must occur (AND), in the title or the text. Matching is a plain substring match in
the database (LIKE), which needs no extension on SQLite or PostgreSQL and is fast enough for the
portal's few thousand articles; an FTS5 / tsvector index is the next step when the archive grows.
Snippets are escaped text with the terms wrapped in <mark>.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from functools import reduce
from operator import and_

from django.db.models import Q
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

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


@functools.lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def terms(query: str) -> list[str]:
    query = re.sub(r"\s+", " ", (query or "").strip())[:100]
    if not query:
        return []
    words = [w.strip() for w in _jieba().cut_for_search(query) if w.strip() and re.search(r"\w", w)]
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


def _all_terms(fields: tuple[str, ...], found: list[str]) -> Q:
    return reduce(and_, [reduce(lambda a, b: a | b, [Q(**{f"{f}__icontains": t}) for f in fields]) for t in found])


def search(query: str, limit: int = 50) -> list[Hit]:
    from ipgov.portal import opendata, sanitize, services
    from ipgov.portal.models import PolicyVersion
    from ipgov.portal.services import policies

    found = terms(query)
    if not found:
        return []
    hits = []
    for art in services.published_articles().filter(_all_terms(("title", "body"), found))[:limit]:
        hits.append(Hit("article", art.title, reverse("portal:article", args=[art.pk]),
                        snippet(sanitize.text_of(art.body), found)))
    versions = PolicyVersion.objects.filter(document__in=policies.public_policies()).filter(
        _all_terms(("document__title", "text"), found)).select_related("document").order_by("document", "-number")
    seen = set()
    for version in versions:
        if version.document_id not in seen:
            seen.add(version.document_id)
            hits.append(Hit("policy", version.document.title, reverse("portal:policy", args=[version.document_id]),
                            snippet(version.text, found)))
    for ind in opendata.public_indicators():
        text = f"{ind.name_zh} {ind.name_en} {ind.definition}"
        if all(t.lower() in text.lower() for t in found):
            hits.append(Hit("indicator", ind.name_zh, reverse("portal:indicator", args=[ind.id]), snippet(text, found)))
    return hits[:limit]
