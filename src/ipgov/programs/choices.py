from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ipgov.core.choices import ChoiceSet
from ipgov.rights.choices import RightType


class OrganizationKind(ChoiceSet):
    ENTERPRISE = "enterprise", _("enterprise")  # 企业
    UNIVERSITY = "university", _("university")  # 高校
    RESEARCH_INSTITUTE = "research_institute", _("research institute")  # 科研院所
    SERVICE_CENTER = "service_center", _("service center")  # 服务机构/中心
    PARK = "park", _("park")  # 园区
    GOVERNMENT = "government", _("city or county government")  # 市/县政府
    ASSOCIATION = "association", _("association")  # 协会
    FINANCIAL = "financial", _("bank or financial institution")  # 银行/金融机构
    OTHER = "other", _("other")


class DesignationKind(ChoiceSet):
    PILOT_DEMO_CITY = "pilot_demo_city", _("pilot/demonstration city")  # 知识产权试点示范城市
    PILOT_DEMO_COUNTY = "pilot_demo_county", _("pilot/demonstration county")  # 试点示范县区
    PILOT_DEMO_PARK = "pilot_demo_park", _("pilot/demonstration park")  # 试点示范园区
    STRONG_COUNTY = "strong_county", _("strong county programme")  # 强县工程试点示范县区
    ADVANTAGE_ENTERPRISE = "advantage_enterprise", _("advantage/demonstration enterprise")  # 优势示范企业
    STRONG_ENTERPRISE = "strong_enterprise", _("strong enterprise")  # 知识产权强企
    HIGH_VALUE_PATENT_CENTER = "high_value_patent_center", _("high-value patent cultivation center")  # 高价值专利培育中心
    PATENT_NAVIGATION_ZONE = "patent_navigation_zone", _("patent navigation experimental zone")  # 专利导航产业发展实验区
    RIGHTS_ASSISTANCE_CENTER = "rights_assistance_center", _("rights-assistance center")  # 维权援助中心
    RIGHTS_ASSISTANCE_WORKSTATION = "rights_assistance_workstation", _("rights-assistance workstation")  # 维权援助工作站
    PROTECTION_CENTER = "protection_center", _("protection center")  # 知识产权保护中心
    RAPID_PROTECTION_CENTER = "rapid_protection_center", _("rapid rights-protection center")  # 快速维权中心
    PATENT_INFO_CENTER = "patent_info_center", _("patent information service center")  # 专利信息服务中心
    PATENT_INFO_BRANCH = "patent_info_branch", _("patent information service branch")  # 专利信息服务分中心
    TISC = "tisc", _("technology and innovation support center (TISC)")  # 技术与创新支持中心
    PATENT_LITERATURE_OUTLET = "patent_literature_outlet", _("patent literature service outlet")  # 专利文献服务网点
    UNIVERSITY_INFO_CENTER = "university_info_center", _("university IP information service center")  # 高校知识产权信息服务中心
    OPERATION_CITY = "operation_city", _("IP operation-service system key city")  # 知识产权运营服务体系建设重点城市
    GI_PROMOTION_PROJECT = "gi_promotion_project", _("GI utilisation promotion project")  # 地理标志运用促进工程


class Level(ChoiceSet):
    NATIONAL = "national", _("national")  # 国家级
    PROVINCIAL = "provincial", _("provincial")  # 省级
    CITY = "city", pgettext_lazy("designation level", "city")  # 市级


class DesignationStatus(ChoiceSet):
    APPLIED = "applied", _("applied")  # 申报
    DESIGNATED = "designated", _("designated")  # 认定/确定
    ACCEPTED = "accepted", _("accepted after inspection")  # 验收
    REVOKED = "revoked", _("revoked")  # 撤销

    __colors__ = {"applied": "blue", "designated": "green", "accepted": "teal", "revoked": "red"}


IN_FORCE = (DesignationStatus.DESIGNATED, DesignationStatus.ACCEPTED)

# Which status may follow which: a designation is applied for, designated, accepted after
# inspection; it may be revoked once designated or accepted. Revocation is final.
TRANSITIONS = {
    None: {DesignationStatus.APPLIED, DesignationStatus.DESIGNATED},
    DesignationStatus.APPLIED: {DesignationStatus.DESIGNATED, DesignationStatus.REVOKED},
    DesignationStatus.DESIGNATED: {DesignationStatus.ACCEPTED, DesignationStatus.REVOKED},
    DesignationStatus.ACCEPTED: {DesignationStatus.REVOKED},
    DesignationStatus.REVOKED: set(),
}


class AwardKind(ChoiceSet):
    CHINA_PATENT_AWARD = "china_patent_award", _("China Patent Award")  # 中国专利奖
    PROVINCIAL_PATENT_AWARD = "provincial_patent_award", _("Henan Provincial Patent Award")  # 河南省专利奖


class AwardGrade(ChoiceSet):
    GOLD = "gold", _("gold")  # 金奖
    SILVER = "silver", _("silver")  # 银奖
    EXCELLENCE = "excellence", _("excellence")  # 优秀奖
    FIRST = "first", _("first prize")  # 一等奖
    SECOND = "second", _("second prize")  # 二等奖
    THIRD = "third", _("third prize")  # 三等奖


class TaskStatus(ChoiceSet):
    PLANNED = "planned", _("planned")  # 未开始
    IN_PROGRESS = "in_progress", _("in progress")  # 推进中
    DONE = "done", _("done")  # 已完成


# Chinese names accepted in imports (the labels above are translated; these are the source terms).
ZH_NAMES = {
    TaskStatus: {"未开始": "planned", "计划": "planned", "推进中": "in_progress", "进行中": "in_progress",
                 "已完成": "done", "完成": "done"},
    OrganizationKind: {"企业": "enterprise", "高校": "university", "大专院校": "university",
                       "科研院所": "research_institute", "科研单位": "research_institute",
                       "服务机构": "service_center", "园区": "park", "政府": "government",
                       "协会": "association", "银行": "financial", "金融机构": "financial", "其他": "other"},
    DesignationKind: {
        "知识产权试点示范城市": "pilot_demo_city", "试点示范城市": "pilot_demo_city",
        "试点示范县区": "pilot_demo_county", "试点示范园区": "pilot_demo_park",
        "强县工程试点示范县区": "strong_county", "知识产权优势示范企业": "advantage_enterprise",
        "优势示范企业": "advantage_enterprise", "知识产权强企": "strong_enterprise",
        "高价值专利培育中心": "high_value_patent_center", "专利导航产业发展实验区": "patent_navigation_zone",
        "维权援助中心": "rights_assistance_center", "维权援助工作站": "rights_assistance_workstation",
        "知识产权保护中心": "protection_center", "快速维权中心": "rapid_protection_center",
        "专利信息服务中心": "patent_info_center", "专利信息服务分中心": "patent_info_branch",
        "TISC": "tisc", "技术与创新支持中心": "tisc", "专利文献服务网点": "patent_literature_outlet",
        "高校知识产权信息服务中心": "university_info_center",
        "运营服务体系建设重点城市": "operation_city", "地理标志运用促进工程": "gi_promotion_project"},
    Level: {"国家级": "national", "国家": "national", "省级": "provincial", "省": "provincial",
            "市级": "city", "市": "city"},
    DesignationStatus: {"申报": "applied", "认定": "designated", "确定": "designated", "验收": "accepted",
                        "通过验收": "accepted", "撤销": "revoked"},
    AwardKind: {"中国专利奖": "china_patent_award", "河南省专利奖": "provincial_patent_award",
                "省专利奖": "provincial_patent_award"},
    AwardGrade: {"金奖": "gold", "银奖": "silver", "优秀奖": "excellence", "一等奖": "first",
                 "二等奖": "second", "三等奖": "third"},
    RightType: {"专利": "patent", "商标": "trademark"},
}

# The demo modules (being moved to ipgov.demo) still say RightKind; the set itself is rights' RightType.
RightKind = RightType
