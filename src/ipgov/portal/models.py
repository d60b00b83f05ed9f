"""Records of the public portal: articles (with images, attachments, tags) and visitors' comments.

They change only through `ipgov.portal.services` (workflow steps and moderation are audited there).
Articles and comments belong to the province office's public site, not to a region: they are not
region-scoped; editing needs a staff member with write rights (services check it).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ipgov.portal.choices import ArticleStatus, Column, CommentStatus, PolicyStage, RequestKind


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=40, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name


class ArticleQuerySet(models.QuerySet):
    def visible(self, now=None):
        """What the public sees: published, and its scheduled time has come."""
        now = now or timezone.now()
        return self.filter(status=ArticleStatus.PUBLISHED, publish_at__lte=now)

    def scheduled(self, now=None):
        """Published for a time still to come (scheduled publishing), the soonest first."""
        now = now or timezone.now()
        return self.filter(status=ArticleStatus.PUBLISHED, publish_at__gt=now).order_by("publish_at", "pk")


class Article(models.Model):
    title = models.CharField(pgettext_lazy("portal", "title"), max_length=200)
    column = models.CharField(_("column"), max_length=16, choices=Column.choices, default=Column.NEWS)
    date = models.DateField(_("date"))
    byline = models.CharField(_("source / byline"), max_length=200, blank=True)
    body = models.TextField(_("body"), help_text=_("rich text (sanitised); {{ cell indicator region period }} "
                                                  "inserts a live figure of the cube"))
    status = models.CharField(_("status"), max_length=16, choices=ArticleStatus.choices,
                              default=ArticleStatus.DRAFT)
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True,
                                      help_text=_("scheduled publishing: shown from this time on"))
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles", verbose_name=_("tags"))
    seed_key = models.CharField(_("import key"), max_length=64, blank=True, default="",
                                help_text=_("set by importers, so importing again updates instead of adding"))
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["-date", "-id"], name="portal_article_newest")]  # lists, search pages
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self):
        return self.title


class ArticleImage(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="images",
                                verbose_name=_("article"))
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    path = models.CharField(_("stored file"), max_length=200, help_text=_("relative to IPGOV_HOME"))
    thumbnail = models.CharField(_("thumbnail"), max_length=200)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["article", "position", "pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        return self.caption or self.path


class ArticleAttachment(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="attachments",
                                verbose_name=_("article"))
    name = models.CharField(_("file name"), max_length=200)
    path = models.CharField(_("stored file"), max_length=200, help_text=_("relative to IPGOV_HOME"))
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField("SHA-256", max_length=64)

    class Meta:
        ordering = ["article", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.name


class PolicyDocument(models.Model):
    """A policy document through its lifecycle; its text lives in numbered versions."""

    title = models.CharField(pgettext_lazy("portal", "title"), max_length=200)
    issuer = models.CharField(pgettext_lazy("policy", "issuer"), max_length=200, blank=True)
    stage = models.CharField(_("stage"), max_length=16, choices=PolicyStage.choices, default=PolicyStage.DRAFTING)
    consultation_ends = models.DateField(_("consultation ends"), null=True, blank=True)
    doc_number = models.CharField(_("document number (文号)"), max_length=60, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    effective_on = models.DateField(_("in force from"), null=True, blank=True)
    replaced_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaces",
                                    verbose_name=_("replaced by"))
    seed_key = models.CharField(_("import key"), max_length=64, blank=True, default="")
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("policy document")
        verbose_name_plural = _("policy documents")

    def __str__(self):
        return f"{self.title} {self.doc_number}".strip()

    @property
    def latest(self):
        return self.versions.order_by("-number").first()

    def consultation_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.stage == PolicyStage.CONSULTATION and (self.consultation_ends is None
                                                            or today <= self.consultation_ends)


class PolicyVersion(models.Model):
    document = models.ForeignKey(PolicyDocument, on_delete=models.CASCADE, related_name="versions",
                                 verbose_name=_("policy document"))
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="portal_policy_version_unique")]
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")

    def __str__(self):
        return f"{self.document.title} v{self.number}"


class PolicyAttachment(models.Model):
    """A file of a policy document (the signed PDF, an explanatory note, a form), checked and stored as case
    documents are (`cases.documents`: type by content, size)."""

    document = models.ForeignKey(PolicyDocument, on_delete=models.CASCADE, related_name="attachments",
                                 verbose_name=_("policy document"))
    name = models.CharField(_("file name"), max_length=200)
    path = models.CharField(_("stored file"), max_length=200, help_text=_("relative to IPGOV_HOME"))
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField("SHA-256", max_length=64)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["document", "pk"]
        verbose_name = _("policy attachment")
        verbose_name_plural = _("policy attachments")

    def __str__(self):
        return self.name


class Comment(models.Model):
    """A visitor's comment on an article, or opinion (意见) on a policy document in consultation."""

    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.CASCADE, related_name="comments",
                                verbose_name=_("article"))
    policy = models.ForeignKey(PolicyDocument, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="opinions", verbose_name=_("policy document"))
    nickname = models.CharField(_("nickname"), max_length=30)
    body = models.TextField(_("comment"), max_length=1000)
    status = models.CharField(_("status"), max_length=16, choices=CommentStatus.choices,
                              default=CommentStatus.HELD)
    flagged = models.CharField(_("flagged words"), max_length=200, blank=True,
                               help_text=_("sensitive words found on submission"))
    reason = models.CharField(_("moderator's reason"), max_length=300, blank=True)
    remote_addr = models.GenericIPAddressField(_("address"), null=True, blank=True)
    created = models.DateTimeField(_("submitted"), default=timezone.now)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderated_by = models.CharField(_("moderated by"), max_length=150, blank=True)

    class Meta:
        ordering = ["created", "pk"]
        constraints = [models.CheckConstraint(
            condition=models.Q(article__isnull=False, policy__isnull=True) | models.Q(article__isnull=True,
                                                                                   policy__isnull=False),
            name="portal_comment_on_one_thing")]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return f"{self.nickname}: {self.body[:30]}"


class ServiceRequest(models.Model):
    """A visitor's filing through a public form: the tracking number and the record it opened."""

    number = models.CharField(_("tracking number"), max_length=24, unique=True)
    kind = models.CharField(_("kind"), max_length=24, choices=RequestKind.choices)
    phone = models.CharField(_("phone"), max_length=20, help_text=_("checked with the number on the status page"))
    case = models.OneToOneField("cases.Case", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="portal_request", verbose_name=_("case"))
    enterprise = models.OneToOneField("cases.RegisteredEnterprise", null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="portal_request",
                                      verbose_name=_("registered enterprise"))
    remote_addr = models.GenericIPAddressField(_("address"), null=True, blank=True)
    created = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("public service request")
        verbose_name_plural = _("public service requests")

    def __str__(self):
        return self.number


class SearchEntry(models.Model):
    """One row of the portal's full-text index (portal/search_index.py): an article's or a policy version's
    title and text as jieba words, space-separated, indexed by the database's full-text engine."""

    kind = models.CharField(_("kind"), max_length=10)
    object_id = models.PositiveIntegerField(_("record"))
    words = models.TextField(_("words"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="portal_search_entry_unique")]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self):
        return f"{self.kind} {self.object_id}"
