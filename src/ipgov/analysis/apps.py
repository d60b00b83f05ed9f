from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "ipgov.analysis"
    label = "analysis"
    verbose_name = _("analysis and evaluation")
