from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RightsConfig(AppConfig):
    name = "ipgov.rights"
    label = "rights"
    verbose_name = _("IP rights register")

    def load_reference_data(self):
        from ipgov.rights import classification

        return classification.load()

    def reference_data_missing(self) -> list[str]:
        from ipgov.rights import classification

        return classification.missing()
