from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "ipgov.finance"
    label = "finance"
    verbose_name = _("IP finance and utilization")

    def ready(self):
        from ipgov.core.ingest import registry
        from ipgov.finance.importers import SPECS

        registry.register_rows(SPECS)
