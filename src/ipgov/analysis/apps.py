from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "ipgov.analysis"
    label = "analysis"
    verbose_name = _("analysis and evaluation")

    def ready(self):
        from ipgov.analysis.importers import SPECS
        from ipgov.core.ingest import registry

        registry.register_rows(SPECS)
        from ipgov.analysis import hooks

        hooks.connect()

    def load_reference_data(self):
        from ipgov.analysis import concordance
        from ipgov.core.reference import Loaded

        rows, changed = concordance.load_shipped()
        if changed:
            from ipgov.analysis.services import refresh_patent_industries

            refresh_patent_industries(schemes=["wipo35"])
        return Loaded(_("IPC concordances (WIPO 35 technology fields)"), changed,
                      [_("%(rows)s WIPO concordance rows") % {"rows": rows}])
