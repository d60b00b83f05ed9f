"""The seed page (data/seed_article.txt, see data/SOURCES.md) as the portal's first article.

The page's first line is the title; lines like `_MG_0428_副本` are the names of its photos, kept as
caption placeholders in the body; the byline is the parenthesised last words of the report
("文化传播中心  吴瑞格"); the page's own comment trailer is dropped. Two of its figures become live cube
references, so the article shows the cube's value (the rest stays as typed, checked by `cells.check_figures`).
Importing again updates the same article (its `seed_key`).
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from ipgov.portal import sanitize, services
from ipgov.portal.choices import Column
from ipgov.portal.models import Article

SEED = Path(__file__).parent / "data" / "seed_article.txt"
KEY = "seed:000_faec547b354299ff"
DATE = datetime.date(2020, 8, 14)
PHOTO = re.compile(r"^_MG_\d+(_副本)+\s*$")
TRAILER = ("留言与评论", "验证码")
LIVE = {  # typed figure -> the cube cell it is
    "全省专利申请量达到80868件": "全省专利申请量达到{{ cell patent_applications 410000 2020H1 }}件",
}


def parse(text: str) -> dict:
    lines = [line.rstrip() for line in text.splitlines()]
    title = next(line.strip() for line in lines if line.strip())
    parts, byline = [], ""
    for line in lines[lines.index(next(x for x in lines if x.strip())) + 1:]:
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith(TRAILER):
            break
        if PHOTO.match(stripped):
            parts.append(f'<figure><figcaption>{sanitize.plain_to_html(stripped)[3:-4]}</figcaption></figure>')
            continue
        found = re.search(r"[（(]([^（()）]+?\s{2,}[^（()）]+)[)）]\s*$", stripped)
        if found:
            byline = re.sub(r"\s+", " ", found.group(1)).strip()
        paragraph = sanitize.plain_to_html(stripped)
        for typed, live in LIVE.items():
            paragraph = paragraph.replace(typed, live)
        parts.append(paragraph)
    return {"title": title, "body": "".join(parts), "byline": byline}


def import_seed(*, publish: bool = True) -> Article:
    """Create or update the seed article (under the current actor, who must be able to edit the portal)."""
    data = parse(SEED.read_text(encoding="utf-8"))
    existing = Article.objects.filter(seed_key=KEY).first()
    article = services.save_article(existing, title=data["title"], column=Column.NEWS, date=DATE,
                                    body=data["body"], byline=data["byline"], tags=["座谈会", "知识产权强省"],
                                    seed_key=KEY)
    if publish and article.status == "draft":
        services.move_article(article, "submit")
        article = services.move_article(article, "publish",
                                        at=datetime.datetime(2020, 8, 14, 18, 0, tzinfo=datetime.UTC))
    return article


# The two policy documents the seed page names. Their texts are not in the seed: the records carry what the
# page says of them, and the issued one's 文号 and date are placeholders marked as such (to be replaced by
# an editor with the real ones; no invented number is presented as real).
POLICIES = [
    {"key": "seed:policy:implementing-opinions", "title": "河南省强化知识产权保护的实施意见",
     "text": "《河南省强化知识产权保护的实施意见》起草完成并征求意见，已呈送省委、省政府审定。"
             "该《意见》是继《关于新形势下加快知识产权强省建设的若干意见》之后我省出台的又一纲领性文件。\n"
             "（全文待录入。来源：2020年8月河南省知识产权工作座谈会报道。）",
     "steps": ["submit"]},
    {"key": "seed:policy:ip-strong-province", "title": "关于新形势下加快知识产权强省建设的若干意见",
     "text": "我省加快知识产权强省建设的纲领性文件。\n（全文、文号与印发日期待录入：此处为演示占位。）",
     "steps": ["submit", "issue"], "doc_number": "文号待录入（演示占位）", "issued_on": datetime.date(2016, 1, 1)},
]


def import_policies() -> list:
    """The seed's two policy documents: 实施意见 submitted for approval (呈送审定), 若干意见 issued."""
    from ipgov.portal.models import PolicyDocument
    from ipgov.portal.services import policies

    documents = []
    for spec in POLICIES:
        existing = PolicyDocument.objects.filter(seed_key=spec["key"]).first()
        if existing is not None:
            documents.append(existing)
            continue
        doc = policies.save_policy(title=spec["title"], text=spec["text"], seed_key=spec["key"])
        for step in spec["steps"]:
            doc = policies.move_policy(doc, step, doc_number=spec.get("doc_number", ""),
                                       issued_on=spec.get("issued_on"))
        documents.append(doc)
    return documents
