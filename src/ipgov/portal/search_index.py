"""The portal's full-text index (检索索引): each article's and policy version's title and text as jieba
words (`cut_for_search`, so 知识产权 is indexed with 知识 and 产权 too), space-separated in `SearchEntry.words`,
indexed by the database's own engine:

- SQLite: an FTS5 table `portal_search_fts` over those words (external content, kept by triggers);
- PostgreSQL: a GIN index on `to_tsvector('simple', words)` (no extension needed).

A query's terms (search.terms) become tokens the same way and must all occur (AND). Entries follow every
save and delete of an article or policy version (signals, connected in apps.py); `rebuild()` redoes them
all (after a bulk load). Which records are public is decided at query time, not in the index.
"""

from __future__ import annotations

import functools
import logging
import re

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, QuerySet

FTS_TABLE = "portal_search_fts"
TOKEN = re.compile(r"[^\W_]+")
KINDS = ("article", "policy")


def tokens(words) -> list[str]:
    """Lower-cased letter/digit runs of the given words, first occurrence order ('11.89' → 11, 89)."""
    return list(dict.fromkeys(t.lower() for w in words for t in TOKEN.findall(w)))


@functools.lru_cache(maxsize=1)
def jieba():
    """jieba with its dictionary loaded once per process, quietly."""
    import jieba as segmenter

    segmenter.setLogLevel(logging.WARNING)
    segmenter.initialize()
    return segmenter


def segment(*texts: str) -> str:
    return " ".join(tokens(jieba().cut_for_search("\n".join(t for t in texts if t))))


def _texts(kind: str, record) -> tuple[str, str]:
    from ipgov.portal import sanitize

    if kind == "article":
        return record.title, sanitize.text_of(record.body)
    return record.document.title, record.text


def index(kind: str, record) -> None:
    from ipgov.portal.models import SearchEntry

    words = segment(*_texts(kind, record))
    entry = SearchEntry.objects.filter(kind=kind, object_id=record.pk).first()
    if entry is None:
        SearchEntry.objects.create(kind=kind, object_id=record.pk, words=words)
    elif entry.words != words:
        entry.words = words
        entry.save(update_fields=["words"])


def forget(kind: str, pk: int) -> None:
    from ipgov.portal.models import SearchEntry

    SearchEntry.objects.filter(kind=kind, object_id=pk).delete()


def rebuild() -> int:
    """Index every article and policy version again; returns the number of entries."""
    from ipgov.portal.models import Article, PolicyVersion, SearchEntry

    rows = [SearchEntry(kind="article", object_id=a.pk, words=segment(*_texts("article", a)))
            for a in Article.objects.only("pk", "title", "body").iterator(chunk_size=2000)]
    rows += [SearchEntry(kind="policy", object_id=v.pk, words=segment(*_texts("policy", v)))
             for v in PolicyVersion.objects.select_related("document").iterator(chunk_size=2000)]
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        SearchEntry.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def matching(kind: str, terms: list[str]) -> QuerySet | None:
    """The index entries of this kind holding every term, or None for no usable term."""
    from ipgov.portal.models import SearchEntry

    wanted = tokens(terms)
    if not wanted:
        return None
    rows = SearchEntry.objects.filter(kind=kind)
    if connection.vendor == "postgresql":
        return rows.extra(where=["to_tsvector('simple', words) @@ plainto_tsquery('simple', %s)"],
                          params=[" ".join(wanted)])
    match = " ".join(f'"{t}"' for t in wanted)  # tokens are letters and digits only: no quote inside
    return rows.extra(where=[f"id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"], params=[match])


COMMON = 1000  # matches above which the records are walked in their order rather than fetched by id


def only_matching(records: QuerySet, kind: str, terms: list[str]) -> QuerySet | None:
    """These records (articles or policy versions) whose entry holds every term, or None for no usable term.
    Few matches: the records fetched by the index's ids. Many (a common word): a correlated EXISTS, so the
    database walks the records newest first (by index) and stops at the page's end instead of sorting
    thousands of matches."""
    entries = matching(kind, terms)
    if entries is None:
        return None
    if entries[:COMMON + 1].count() <= COMMON:
        return records.filter(pk__in=entries.values("object_id"))
    return records.filter(Exists(entries.filter(object_id=OuterRef("pk"))))


# The database side, created by migration 0002 (and dropped by its reverse).
SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(words, content='portal_searchentry', "
    "content_rowid='id')",
    f"CREATE TRIGGER IF NOT EXISTS portal_search_ai AFTER INSERT ON portal_searchentry BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, words) VALUES (new.id, new.words); END",
    f"CREATE TRIGGER IF NOT EXISTS portal_search_ad AFTER DELETE ON portal_searchentry BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, words) VALUES ('delete', old.id, old.words); END",
    f"CREATE TRIGGER IF NOT EXISTS portal_search_au AFTER UPDATE ON portal_searchentry BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, words) VALUES ('delete', old.id, old.words); "
    f"INSERT INTO {FTS_TABLE}(rowid, words) VALUES (new.id, new.words); END",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS portal_search_ai", "DROP TRIGGER IF EXISTS portal_search_ad",
               "DROP TRIGGER IF EXISTS portal_search_au", f"DROP TABLE IF EXISTS {FTS_TABLE}"]
POSTGRES_CREATE = ["CREATE INDEX IF NOT EXISTS portal_search_words_gin ON portal_searchentry "
                   "USING gin (to_tsvector('simple', words))"]
POSTGRES_DROP = ["DROP INDEX IF EXISTS portal_search_words_gin"]


def create_engine_side(schema_editor) -> None:
    for sql in SQLITE_CREATE if schema_editor.connection.vendor == "sqlite" else POSTGRES_CREATE:
        schema_editor.execute(sql)


def drop_engine_side(schema_editor) -> None:
    for sql in SQLITE_DROP if schema_editor.connection.vendor == "sqlite" else POSTGRES_DROP:
        schema_editor.execute(sql)


def on_save(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        index("article" if sender.__name__ == "Article" else "policy", instance)


def on_delete(sender, instance, **kwargs) -> None:
    forget("article" if sender.__name__ == "Article" else "policy", instance.pk)


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    from ipgov.portal.models import Article, PolicyVersion

    for model in (Article, PolicyVersion):
        post_save.connect(on_save, sender=model, dispatch_uid=f"portal-search-{model.__name__}")
        post_delete.connect(on_delete, sender=model, dispatch_uid=f"portal-search-del-{model.__name__}")
