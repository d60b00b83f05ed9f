from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "ipgov.indicators"
    label = "indicators"
    verbose_name = _("indicators")

    def load_reference_data(self):
        """The catalogue is read from the package on use; loading it here checks that it is whole."""
        from ipgov.core.reference import Loaded
        from ipgov.indicators import catalogue

        cat = catalogue.default()
        return Loaded(_("Indicator catalogue (catalogue.toml + catalogue.d/, read from the package)"), False,
                      [_("%(indicators)s indicators, %(sources)s sources")
                       % {"indicators": len(cat.indicators), "sources": len(cat.sources)}])
