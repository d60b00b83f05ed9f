"""Choice sets of the public portal (see core/choices.py for the base)."""

from django.utils.translation import gettext_lazy as _

from ipgov.core.choices import ChoiceSet


class Column(ChoiceSet):
    """The portal's news columns (栏目)."""

    NEWS = "news", _("Work news")  # 工作动态
    NOTICES = "notices", _("Notices")  # 通知公告
    POLICY = "policy", _("Policies and regulations")  # 政策法规
    DATA = "data", _("Data releases")  # 数据发布

    __colors__ = {"news": "blue", "notices": "orange", "policy": "purple", "data": "teal"}


class ArticleStatus(ChoiceSet):
    """Editorial workflow: draft → review → published → withdrawn (kept, no longer shown)."""

    DRAFT = "draft", _("draft")  # 草稿
    REVIEW = "review", _("in review")  # 待审核
    PUBLISHED = "published", _("published")  # 已发布
    WITHDRAWN = "withdrawn", _("withdrawn")  # 已撤回

    __colors__ = {"draft": "gray", "review": "orange", "published": "green", "withdrawn": "red"}


class CommentStatus(ChoiceSet):
    """Every comment is held for a moderator; only approved ones are shown and counted."""

    HELD = "held", _("held for moderation")  # 待审核
    PUBLISHED = "published", _("published")  # 已发布
    REJECTED = "rejected", _("rejected")  # 未通过

    __colors__ = {"held": "orange", "published": "green", "rejected": "red"}


class RequestKind(ChoiceSet):
    """The public service forms; each opens a real record through the case services."""

    ASSISTANCE = "assistance", _("rights-assistance request")  # 维权援助申请
    REPORT = "report", _("infringement report or complaint")  # 侵权举报投诉
    PREEXAM_REGISTRATION = "preexam_registration", _("registration for fast pre-examination")  # 快速预审备案


class PolicyStage(ChoiceSet):
    """The lifecycle of a policy document (规范性文件/政策文件)."""

    DRAFTING = "drafting", _("drafting")  # 起草
    CONSULTATION = "consultation", _("public consultation")  # 征求意见
    SUBMITTED = "submitted", _("submitted for approval")  # 呈送审定
    ISSUED = "issued", _("issued")  # 已印发 (in force from its effective date)
    REVISED = "revised", _("revised")  # 已修订 (replaced by a newer document)
    REPEALED = "repealed", _("repealed")  # 已废止

    __colors__ = {"drafting": "gray", "consultation": "orange", "submitted": "purple", "issued": "green",
                  "revised": "teal", "repealed": "red"}
