from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "ipgov.programs"
    label = "programs"
    verbose_name = _("public service programs")

    def ready(self):
        from ipgov.core.ingest import registry
        from ipgov.programs.importers import SPECS

        registry.register_rows(SPECS)
