from django.utils.translation import gettext_lazy as _

from ipgov.core.choices import ChoiceSet


class RegionLevel(ChoiceSet):
    PROVINCE = "province", _("province")  # 省级
    PREFECTURE = "prefecture", _("prefecture")  # 地级
    COUNTY = "county", _("county")  # 县级
    ZONE = "zone", _("functional zone")  # 功能区 (统计用, not a legal division)


class VersionStatus(ChoiceSet):
    IN_USE = "in_use", _("in use")  # 在用
    CHANGED = "changed", _("changed")  # 变更: the code lives on under another name
    RETIRED = "retired", _("retired")  # 弃用


HISTORY_STATUS = {"在用": VersionStatus.IN_USE, "变更": VersionStatus.CHANGED, "弃用": VersionStatus.RETIRED}
HISTORY_LEVEL = {"省级": RegionLevel.PROVINCE, "地级": RegionLevel.PREFECTURE, "县级": RegionLevel.COUNTY}
