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

    def ready(self):
        from functools import partial

        from ipgov.core.ingest import registry
        from ipgov.core.ingest.choices import REGISTER_KINDS
        from ipgov.rights.importers import import_file
        from ipgov.rights.importers.headers import COLUMNS, REGISTER_HEADERS

        registry.register(None, import_file)  # no kind given: a register file, its kind detected
        for kind in REGISTER_KINDS:
            registry.register(kind.value, partial(import_file, kind=kind.value), tuple(COLUMNS[kind.value]),
                              REGISTER_HEADERS)
