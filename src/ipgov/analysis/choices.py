from django.utils.translation import gettext_lazy as _

from ipgov.core.choices import ChoiceSet


class ScoringMethod(ChoiceSet):
    """How an indicator's raw value becomes a score (0–100) before weighting."""

    EFFICACY = "efficacy", _("efficacy coefficient")  # 功效系数法: 60 + 40 × (x − min) / (max − min)
    MINMAX = "minmax", _("min-max")  # 极差标准化: 100 × (x − min) / (max − min)
    RANK = "rank", _("rank-based")  # 排序计分: 100 × (n − rank) / (n − 1)
    THRESHOLD = "threshold", _("thresholds")  # 阈值计分: the score of the highest threshold reached


class Population(ChoiceSet):
    """What an evaluation scheme scores."""

    CITIES = "cities", _("city-level units")  # 省辖市（含济源示范区）
    UNIVERSITIES = "universities", _("universities")  # 高校
    ENTERPRISES = "enterprises", _("enterprises")  # 企业
    DESIGNATIONS = "designations", _("designations")  # 认定单位


class ChecklistStatus(ChoiceSet):
    OPEN = "open", _("open")  # 进行中
    SCORED = "scored", _("scored")  # 已评分

    __colors__ = {"open": "blue", "scored": "green"}


class ConcordanceScheme(ChoiceSet):
    """IPC concordances (参照关系表) a landscape can group patents by."""

    WIPO35 = "wipo35", _("WIPO technology fields (35)")  # WIPO 35个技术领域
    GBT4754 = "gbt4754", _("national economic industries (GB/T 4754-2017)")  # 国民经济行业
    SEI2021 = "sei2021", _("strategic emerging industries (2021)")  # 战略性新兴产业
