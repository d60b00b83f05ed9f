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
        from django.db.models.signals import post_migrate, pre_migrate

        from ipgov.analysis import cubeview, hooks

        hooks.connect()
        # the cube's view is out of the way of every migration (analysis/cubeview.py)
        pre_migrate.connect(cubeview.drop, sender=self, dispatch_uid="analysis-cube-view-drop")
        post_migrate.connect(cubeview.create, sender=self, dispatch_uid="analysis-cube-view-create")

    def load_reference_data(self):
        from ipgov.analysis import concordance
        from ipgov.analysis.models import PatentIndustry
        from ipgov.analysis.services import refresh_patent_industries
        from ipgov.core.reference import Loaded
        from ipgov.rights.models import Patent

        rows, changed = concordance.load_shipped()
        # the patents' fields follow a changed table; a register from before the field breakdowns gets them once
        if changed or (not PatentIndustry.objects.exists() and Patent.objects.exists()):
            refresh_patent_industries()
        return Loaded(_("IPC concordances (WIPO 35 technology fields)"), changed,
                      [_("%(rows)s WIPO concordance rows") % {"rows": rows}])
