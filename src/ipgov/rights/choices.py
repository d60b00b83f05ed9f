"""Enumerations of the register (专利 / 商标 / 地理标志)."""

from django.utils.translation import gettext_lazy as _

from ipgov.core.choices import ChoiceSet


class RightType(ChoiceSet):
    """The kind of right a case, pledge, award, lot or trust names (one set for every app)."""

    PATENT = "patent", _("patent")  # 专利
    TRADEMARK = "trademark", _("trademark")  # 商标


class PatentType(ChoiceSet):
    INVENTION = "invention", _("invention")  # 发明
    UTILITY = "utility", _("utility model")  # 实用新型
    DESIGN = "design", _("design")  # 外观设计


class ApplicantType(ChoiceSet):
    ENTERPRISE = "enterprise", _("enterprise")  # 企业
    UNIVERSITY = "university", _("university")  # 大专院校
    RESEARCH_INSTITUTE = "research_institute", _("research institute")  # 科研单位
    INDIVIDUAL = "individual", _("individual")  # 个人
    GOVERNMENT_OTHER = "government_other", _("government or other")  # 机关团体及其他


class LegalEventKind(ChoiceSet):
    PUBLICATION = "publication", _("publication")  # 公开
    SUBSTANTIVE_EXAMINATION = "substantive_examination", _("substantive examination")  # 实质审查
    GRANT = "grant", _("grant")  # 授权
    LAPSE_NON_PAYMENT = "lapse_non_payment", _("lapse for non-payment")  # 未缴年费专利权终止
    EXPIRY = "expiry", _("expiry")  # 期限届满
    INVALIDATION_FULL = "invalidation_full", _("invalidation in full")  # 全部无效
    INVALIDATION_PARTIAL = "invalidation_partial", _("partial invalidation")  # 部分无效
    SURRENDER = "surrender", _("surrender")  # 放弃专利权
    WITHDRAWAL = "withdrawal", _("withdrawal")  # 撤回 / 视为撤回
    REJECTION = "rejection", _("rejection")  # 驳回
    TRANSFER = "transfer", _("transfer")  # 转让
    LICENCE = "licence", _("licence")  # 许可
    PLEDGE = "pledge", _("pledge")  # 质押


# Events that end a granted right (the patent is no longer valid from that date on).
TERMINATING_EVENTS = frozenset({
    LegalEventKind.LAPSE_NON_PAYMENT, LegalEventKind.EXPIRY,
    LegalEventKind.INVALIDATION_FULL, LegalEventKind.SURRENDER,
})
# Events that end an application before grant.
APPLICATION_ENDING_EVENTS = frozenset({LegalEventKind.WITHDRAWAL, LegalEventKind.REJECTION})


class PatentStatus(ChoiceSet):
    """A patent's status at a date, always computed from its dates and events, never stored."""

    NOT_FILED = "not_filed", _("not yet filed")
    PENDING = "pending", _("pending")  # 审中
    VALID = "valid", _("valid")  # 有权
    TERMINATED = "terminated", _("terminated")  # 无权 (granted, then ended)
    ENDED_UNGRANTED = "ended_ungranted", _("withdrawn or rejected")  # 无权 (never granted)

    __colors__ = {"not_filed": "gray", "pending": "blue", "valid": "green", "terminated": "gray",
                  "ended_ungranted": "red"}


class TrademarkKind(ChoiceSet):
    ORDINARY = "ordinary", _("ordinary mark")  # 普通商标
    COLLECTIVE = "collective", _("collective mark")  # 集体商标
    CERTIFICATION = "certification", _("certification mark")  # 证明商标


class TrademarkEventKind(ChoiceSet):
    RENEWAL = "renewal", _("renewal")  # 续展
    TRANSFER = "transfer", _("transfer")  # 转让
    LICENCE = "licence", _("licence")  # 许可
    PLEDGE = "pledge", _("pledge")  # 质押
    CANCELLATION = "cancellation", _("cancellation")  # 撤销 / 注销
    INVALIDATION = "invalidation", _("invalidation")  # 宣告无效
    EXPIRY = "expiry", _("expiry")  # 期满未续展


TRADEMARK_TERMINATING_EVENTS = frozenset({
    TrademarkEventKind.CANCELLATION, TrademarkEventKind.INVALIDATION, TrademarkEventKind.EXPIRY,
})

