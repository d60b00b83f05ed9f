"""The choice-set base every app's `choices.py` builds on, and the core's own choice sets.

A `ChoiceSet` is a Django `TextChoices` (so model fields keep `choices=X.choices` and the stored values)
that also carries a badge colour per value, as NetBox's ChoiceSet does. Labels are `gettext_lazy`
English msgids; their zh-Hans translations live in the locale catalogues (the zh comment beside each
member is the wording the catalogue uses). Colours are the names of the badge classes in the staff
UI's stylesheet (`badge-<colour>`); a value without one is grey.

    class PatentType(ChoiceSet):
        INVENTION = "invention", _("invention")  # 发明
        ...
        __colors__ = {"invention": "blue"}

    PatentType.INVENTION.color == "blue"; PatentType.colors() == {"invention": "blue", ...}
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

COLORS = ("gray", "blue", "green", "orange", "red", "purple", "teal")
DEFAULT_COLOR = "gray"


class ChoiceSet(models.TextChoices):
    """Base of every choice set: values, translated labels and a badge colour per value."""

    @property
    def color(self) -> str:
        return (getattr(type(self), "__colors__", None) or {}).get(self.value, DEFAULT_COLOR)

    @classmethod
    def colors(cls) -> dict[str, str]:
        """Every value's badge colour (for templates and the JSON of charts)."""
        return {member.value: member.color for member in cls}


class Role(ChoiceSet):
    PROVINCE_ADMIN = "province_admin", _("province administrator")  # 省级管理员
    CITY_OFFICER = "city_officer", _("city officer")  # 市级工作人员
    COUNTY_OFFICER = "county_officer", _("county officer")  # 县级工作人员
    CENTER_STAFF = "center_staff", _("center staff")  # 保护中心/维权援助中心工作人员
    LEADER = "leader", _("leader (read-only)")  # 领导 (只读)


READ_ONLY_ROLES = {Role.LEADER}


class PeriodKind(ChoiceSet):
    """The kinds of statistical period (see core/periods.py)."""

    MONTH = "month", _("month")  # 月
    QUARTER = "quarter", _("quarter")  # 季度
    HALF = "half", _("half-year")  # 半年
    YEAR = "year", _("year")  # 年
    RANGE = "range", _("range of years")  # 年度区间
