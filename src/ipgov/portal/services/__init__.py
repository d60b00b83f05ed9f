"""Portal services: the editorial workflow of articles and the moderation of comments.

Every write runs under an actor and is audited (`ipgov.core.audit`). Editing, publishing and moderating
the office's public site is province work: the actor must be able to change records of the province
(`check_region("410000", CHANGE)`: province staff and the system, not a city officer nor a leader).
Visitors' comments are written under the actor of their request (anonymous, with its address).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipgov.core.audit import record, snapshot
from ipgov.core.models import ObjectChange
from ipgov.core.scope import CHANGE, check_region
from ipgov.portal import images, sanitize, words
from ipgov.portal.choices import ArticleStatus, Column, CommentStatus
from ipgov.portal.models import Article, ArticleAttachment, ArticleImage, Comment, Tag

PROVINCE = "410000"
NICKNAME_MAX, COMMENT_MIN, COMMENT_MAX = 30, 2, 500

S = ArticleStatus
# transition -> (states it leaves from, state it reaches, label)
TRANSITIONS = {
    "submit": ((S.DRAFT,), S.REVIEW, gettext_lazy("submit for review")),
    "publish": ((S.REVIEW,), S.PUBLISHED, gettext_lazy("publish")),
    "withdraw": ((S.PUBLISHED,), S.WITHDRAWN, gettext_lazy("withdraw")),
    "redraft": ((S.REVIEW, S.WITHDRAWN), S.DRAFT, gettext_lazy("back to draft")),
}


class PortalError(ValueError):
    """A refused editorial or visitor action; the message says what and what to do."""


def check_editor(who=None):
    """The scope of someone who may edit the portal; OutOfScope otherwise."""
    return check_region(PROVINCE, CHANGE, who=who, what=_("the public portal"))


def _tags(names) -> list[Tag]:
    names = {n.strip()[:40] for n in names if n and n.strip()}
    return [Tag.objects.get_or_create(name=n)[0] for n in sorted(names)]


def save_article(article: Article | None = None, *, title: str, column: str, date: datetime.date, body: str,
                 byline: str = "", tags=(), publish_at: datetime.datetime | None = None,
                 seed_key: str = "") -> Article:
    """Create or edit an article (its body sanitised); a published article's edits are live at once."""
    check_editor()
    if not (title or "").strip():
        raise PortalError(_("an article needs a title"))
    if column not in Column.values:
        raise PortalError(_("unknown column %(column)r (one of: %(columns)s)")
                          % {"column": column, "columns": ", ".join(Column.values)})
    before = snapshot(article) if article and article.pk else None
    article = article or Article()
    article.title, article.column, article.date = title.strip()[:200], column, date
    article.body, article.byline = sanitize.clean(body), (byline or "").strip()[:200]
    article.publish_at = publish_at if publish_at is not None else article.publish_at
    article.seed_key = seed_key or article.seed_key
    with transaction.atomic():
        article.save()
        article.tags.set(_tags(tags))
        record(article, ObjectChange.Action.UPDATE if before else ObjectChange.Action.CREATE, before=before)
    return article


def move_article(article: Article, transition: str, *, at: datetime.datetime | None = None,
                 reason: str = "") -> Article:
    """One step of the workflow; `publish` takes `at` for scheduled publishing (default: now)."""
    check_editor()
    if transition not in TRANSITIONS:
        raise PortalError(_("unknown step %(step)r") % {"step": transition})
    sources, target, label = TRANSITIONS[transition]
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if article.status not in sources:
            raise PortalError(_("“%(title)s” is %(status)s: it cannot %(step)s")
                              % {"title": article.title, "status": article.get_status_display(), "step": label})
        before = snapshot(article)
        article.status = target
        if transition == "publish":
            article.publish_at = at or timezone.now()
        article.save(update_fields=["status", "publish_at", "updated"])
        record(article, ObjectChange.Action.TRANSITION, before=before,
               message=f"{transition}: {reason}" if reason else transition)
    return article


def add_image(article: Article, name: str, content: bytes, caption: str = "") -> ArticleImage:
    check_editor()
    try:
        stored = images.store(name, content)
    except images.ImageRefused as exc:
        raise PortalError(str(exc)) from None
    with transaction.atomic():
        image = ArticleImage.objects.create(
            article=article, caption=(caption or "").strip()[:200], path=stored.path, thumbnail=stored.thumbnail,
            width=stored.width, height=stored.height, position=article.images.count())
        article.save(update_fields=["updated"])  # a new version of the page (its kept rendering)
        record(image, ObjectChange.Action.CREATE)
    return image


def stored_file(name: str, content: bytes):
    """An uploaded file checked as case documents are (type by content, size) and stored by content;
    PortalError with the reason otherwise. The one check of the portal's attachments (articles, policies)."""
    from ipgov.cases import documents

    try:
        return documents.store(name, content)
    except documents.DocumentRefused as exc:
        raise PortalError(str(exc)) from None


def add_attachment(article: Article, name: str, content: bytes) -> ArticleAttachment:
    """An attachment, checked as case documents are (type by content, size), stored by content."""
    check_editor()
    stored = stored_file(name, content)
    with transaction.atomic():
        attachment = ArticleAttachment.objects.create(article=article, name=stored.name, path=stored.path,
                                                      size=stored.size, sha256=stored.sha256)
        article.save(update_fields=["updated"])  # a new version of the page (its kept rendering)
        record(attachment, ObjectChange.Action.CREATE)
    return attachment


def published_articles(column: str | None = None):
    """What the public sees (unscoped: published articles are public)."""
    rows = Article.objects.visible().prefetch_related("tags")
    return rows.filter(column=column) if column else rows


def comment_count(article: Article) -> int:
    return article.comments.filter(status=CommentStatus.PUBLISHED).count()


def submit_comment(article: Article, *, nickname: str, body: str) -> Comment:
    """A visitor's comment, held for moderation; links stripped, sensitive words noted for the moderator."""
    if not Article.objects.visible().filter(pk=article.pk).exists():
        raise PortalError(_("comments are open on published articles only"))
    return _held(nickname, body, article=article)


def submit_opinion(policy, *, nickname: str, body: str) -> Comment:
    """A visitor's opinion on a policy document in public consultation (before its deadline): a comment."""
    if not policy.consultation_open():
        raise PortalError(_("this document is not open for public consultation"))
    return _held(nickname, body, policy=policy)


def _held(nickname: str, body: str, **target) -> Comment:
    from ipgov.core.actor import require_actor

    nickname = words.strip_links((nickname or "").strip())[:NICKNAME_MAX].strip()
    text = words.strip_links((body or "").strip()).strip()
    if not nickname:
        raise PortalError(_("please give a nickname"))
    if len(text) < COMMENT_MIN:
        raise PortalError(_("the comment is empty or too short (links are removed)"))
    if len(text) > COMMENT_MAX:
        raise PortalError(_("the comment is %(n)s characters long; at most %(max)s are accepted")
                          % {"n": len(text), "max": COMMENT_MAX})
    flags = words.flagged(nickname + " " + text)
    with transaction.atomic():
        comment = Comment.objects.create(**target, nickname=nickname, body=text,
                                         flagged=", ".join(flags)[:200], remote_addr=require_actor().remote_addr)
        record(comment, ObjectChange.Action.CREATE, message=_("held: sensitive words") if flags else "")
    return comment


def held_comments():
    check_editor()
    return Comment.objects.filter(status=CommentStatus.HELD).select_related("article", "policy")


def moderate_comment(comment: Comment, *, approve: bool, reason: str = "") -> Comment:
    """Approve (shown and counted) or reject (kept, with the reason) a held comment."""
    who = check_editor()
    comment = Comment.objects.get(pk=comment.pk)
    if comment.status != CommentStatus.HELD:
        raise PortalError(_("this comment was already moderated (%(status)s)")
                          % {"status": comment.get_status_display()})
    if not approve and not (reason or "").strip():
        raise PortalError(_("a rejection needs a reason"))
    before = snapshot(comment)
    with transaction.atomic():
        comment.status = CommentStatus.PUBLISHED if approve else CommentStatus.REJECTED
        comment.reason = (reason or "").strip()[:300]
        comment.moderated_at, comment.moderated_by = timezone.now(), who.label
        comment.save()
        record(comment, ObjectChange.Action.TRANSITION, before=before,
               message=("approve" if approve else "reject") + (f": {comment.reason}" if comment.reason else ""))
    return comment
