"""Portal search: the full-text index (FTS5 / tsvector) vs a LIKE scan, on N synthetic published articles.

    python bench/bench_portal_search.py [--articles 10000] [--repeat 5] [--quick]

Uses IPGOV_DATABASE_URL when set (e.g. PostgreSQL), else a fresh SQLite database in a temp folder. Writes N
articles of ~600 characters of Chinese office prose (bulk insert), builds the index (timed), then for a
few queries — a common word, two words, a rare word, a word in no article — times the portal's search
(`search.search`: terms, index lookup, the 50 newest published hits with their highlighted snippets) and,
as the baseline in the same run, the same work with every term matched by LIKE (substring) as the
portal did before the index; then the whole search (articles, policy documents, catalogue). Medians of
--repeat runs; goal: every whole search < 200 ms at 10,000 articles.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from functools import reduce
from operator import and_

WORDS = ("知识产权 专利 商标 地理标志 保护 运用 创造 管理 服务 全省 市场监管 质押融资 亿元 企业 高校 "
         "快速维权 中心 审查 授权 申请量 同比增长 发明专利 实用新型 外观设计 转化 许可 导航 预警 培训 "
         "座谈会 工作 推进 落实 强化 提升 质量 创新 发展 体系 建设 试点 示范 园区 产业 集群 品牌 "
         "执法 查处 案件 侵权 假冒 纠纷 调解 仲裁 援助 公共服务 平台 信息 数据 统计 发布 通知").split()
RARE = "区块链存证"  # planted in one article in a thousand
QUERIES = [("common word", "知识产权"), ("two words", "质押融资 高校"), ("rare word", RARE),
           ("no article", "量子纠缠")]


def setup() -> None:
    os.environ.setdefault("IPGOV_HOME", tempfile.mkdtemp(prefix="ipgov-bench-search-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipgov.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def load(n: int) -> float:
    """N published articles, bulk-inserted; returns the seconds the index rebuild took."""
    from django.utils import timezone

    from ipgov.portal import search_index
    from ipgov.portal.choices import ArticleStatus, Column
    from ipgov.portal.models import Article

    rng = random.Random(19)
    Article.objects.all().delete()
    start = datetime.date(2015, 1, 1)
    rows = []
    for i in range(n):
        sentences = ["".join(rng.choices(WORDS, k=rng.randint(6, 14))) + "。" for _ in range(12)]
        if i % 1000 == 7:
            sentences.insert(rng.randint(0, 11), f"试点{RARE}服务。")
        rows.append(Article(title="".join(rng.choices(WORDS, k=4)), column=rng.choice(Column.values),
                            date=start + datetime.timedelta(days=i % 3650), byline="文化传播中心",
                            body="".join(f"<p>{s}</p>" for s in sentences), status=ArticleStatus.PUBLISHED,
                            publish_at=timezone.now() - datetime.timedelta(days=1)))
    Article.objects.bulk_create(rows, batch_size=1000)
    began = time.perf_counter()
    search_index.rebuild()
    return time.perf_counter() - began


def like_search(query: str, limit: int = 50) -> list:
    """The baseline: the same hits, every term a substring match (LIKE) on title or body."""
    from django.db.models import Q

    from ipgov.portal import search, services

    found = search.terms(query)
    if not found:
        return []
    where = reduce(and_, [Q(title__icontains=t) | Q(body__icontains=t) for t in found])
    return search.article_hits(services.published_articles().filter(where), found, limit)


def indexed_search(query: str, limit: int = 50) -> list:
    """The portal's article search: the same work through the full-text index."""
    from ipgov.portal import search, search_index, services

    found = search.terms(query)
    articles = search_index.only_matching(services.published_articles(), "article", found)
    return [] if articles is None else search.article_hits(articles, found, limit)


def portal_search(query: str) -> list:
    """The whole search page's work: articles, policy documents and the catalogue."""
    from ipgov.portal import search

    return search.search(query)


def median_ms(fn, query: str, repeat: int) -> tuple[float, int]:
    samples, hits = [], 0
    for _ in range(repeat):
        began = time.perf_counter()
        hits = len(fn(query))
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples), hits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="1,000 articles, 3 runs")
    args = parser.parse_args()
    if args.quick:
        args.articles, args.repeat = 1000, 3
    setup()
    from django.db import connection

    from ipgov.portal import search

    search.terms("预热")  # jieba's dictionary loads once, outside the timings
    built = load(args.articles)
    print(f"{args.articles} published articles on {connection.vendor}; index rebuilt in {built:.1f} s; "
          f"medians of {args.repeat} runs")
    print(f"{'query':<28}{'hits':>6}{'index ms':>10}{'LIKE ms':>10}{'LIKE/index':>12}{'whole search ms':>17}")
    worst = 0.0
    for name, query in QUERIES:
        like_ms, like_hits = median_ms(like_search, query, args.repeat)
        index_ms, hits = median_ms(indexed_search, query, args.repeat)
        whole_ms, _hits = median_ms(portal_search, query, args.repeat)
        if hits != like_hits:
            sys.exit(f"{name}: the index found {hits} articles, LIKE {like_hits}: they must agree")
        worst = max(worst, whole_ms)
        print(f"{name + ' ' + query:<28}{hits:>6}{index_ms:>10.1f}{like_ms:>10.1f}{like_ms / index_ms:>12.1f}"
              f"{whole_ms:>17.1f}")
    print(f"goal every query < 200 ms: {'met' if worst < 200 else 'NOT met'} (slowest {worst:.1f} ms)")


if __name__ == "__main__":
    main()
