"""Enums of the cases app. Compare against these, never against string literals."""

from django.utils.translation import gettext_lazy as _

from ipgov.core.choices import ChoiceSet
from ipgov.rights.choices import PatentType, RightType  # noqa: F401 (one definition each, in rights)


class Kind(ChoiceSet):
    PATENT_DISPUTE = "patent_dispute", _("patent infringement dispute (administrative adjudication)")  # 专利侵权纠纷行政裁决
    COUNTERFEIT_PATENT = "counterfeit_patent", _("counterfeit patent")  # 假冒专利
    TRADEMARK_INFRINGEMENT = "trademark_infringement", _("trademark infringement and counterfeiting")  # 商标侵权假冒
    ECOMMERCE = "ecommerce", _("e-commerce IP complaint")  # 电商领域知识产权投诉
    ASSISTANCE = "assistance", _("rights-assistance request")  # 维权援助
    PREEXAM = "preexam", _("fast pre-examination")  # 快速预审


ENFORCEMENT_KINDS = (Kind.PATENT_DISPUTE, Kind.COUNTERFEIT_PATENT, Kind.TRADEMARK_INFRINGEMENT)


class Channel(ChoiceSet):
    CENTER = "center", _("assistance center")  # 维权援助中心
    WORKSTATION = "workstation", _("workstation")  # 维权援助工作站
    ONLINE = "online", _("online")  # 网上


class RequesterType(ChoiceSet):
    PUBLIC = "public", _("member of the public")  # 社会公众
    ENTERPRISE = "enterprise", _("enterprise")  # 企业


class DeadlineUnit(ChoiceSet):
    WORKING_DAYS = "working_days", _("working days")  # 工作日
    DAYS = "days", _("calendar days")  # 日
    MONTHS = "months", _("months")  # 月


class DeadlineStatus(ChoiceSet):
    OPEN = "open", _("running")  # 进行中
    MET = "met", _("met")  # 按期完成
    LATE = "late", _("met late")  # 逾期完成
    LAPSED = "lapsed", _("no longer relevant")  # 不再适用 (e.g. the case was withdrawn)

    __colors__ = {"open": "blue", "met": "green", "late": "orange", "lapsed": "gray"}


class PartyRole(ChoiceSet):
    COMPLAINANT = "complainant", _("complainant")  # 请求人/投诉人/申请人
    RESPONDENT = "respondent", _("respondent")  # 被请求人/当事人
    AGENT = "agent", _("agent")  # 代理人


class PartyType(ChoiceSet):
    PERSON = "person", _("natural person")  # 自然人
    ENTERPRISE = "enterprise", _("enterprise")  # 企业
    OTHER = "other", _("other organisation")  # 其他组织


class DocumentType(ChoiceSet):
    REQUEST = "request", _("request or complaint")  # 请求书/投诉书
    EVIDENCE = "evidence", _("evidence")  # 证据材料
    FILING_APPROVAL = "filing_approval", _("filing approval form")  # 立案审批表
    DECISION = "decision", _("decision")  # 处理决定书/行政裁决书
    MEDIATION = "mediation", _("mediation agreement")  # 调解协议书
    PENALTY_DECISION = "penalty_decision", _("penalty decision")  # 行政处罚决定书
    TRANSFER_LETTER = "transfer_letter", _("transfer letter to the police")  # 涉嫌犯罪案件移送书
    EXPERT_OPINION = "expert_opinion", _("expert opinion")  # 专家咨询意见
    PREEXAM_REPORT = "preexam_report", _("pre-examination report")  # 预审意见
    EXTENSION_APPROVAL = "extension_approval", _("extension approval")  # 延期审批表
    OTHER = "other", _("other")  # 其他


class EventAction(ChoiceSet):
    OPENED = "opened", _("opened")  # 登记
    TRANSITION = "transition", _("transition")  # 流转
    PARTY = "party", _("party added")  # 增加当事人
    RIGHT = "right", _("right added")  # 增加涉案权利
    RIGHT_LINKED = "right_linked", _("right linked to the register")  # 关联登记簿
    DOCUMENT = "document", _("document attached")  # 上传材料
    EXTENSION = "extension", _("deadline extended")  # 延期
    NOTE = "note", _("note")  # 备注
