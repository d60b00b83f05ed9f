from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "ipgov.regions"
    label = "regions"
    verbose_name = _("Regions")

    def load_reference_data(self):
        from ipgov.regions import reference

        return reference.load()

    def reference_data_missing(self) -> list[str]:
        from ipgov.regions import reference

        return reference.missing()
