from django.db import models
from django.utils.translation import gettext_lazy as _


def yuan(verbose_name, **kwargs) -> models.DecimalField:
    """An amount in 元, exact to the 分 (never a float)."""
    return models.DecimalField(verbose_name, max_digits=16, decimal_places=2, **kwargs)


RIGHT_NUMBER_HELP = _("patent application number (e.g. 202121635235.X) or trademark registration number")
