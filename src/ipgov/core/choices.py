from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROVINCE_ADMIN = "province_admin", _("province administrator")  # 省级管理员
    CITY_OFFICER = "city_officer", _("city officer")  # 市级工作人员
    COUNTY_OFFICER = "county_officer", _("county officer")  # 县级工作人员
    CENTER_STAFF = "center_staff", _("center staff")  # 保护中心/维权援助中心工作人员
    LEADER = "leader", _("leader (read-only)")  # 领导 (只读)


READ_ONLY_ROLES = {Role.LEADER}
