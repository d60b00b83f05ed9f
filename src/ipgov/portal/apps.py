from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "ipgov.portal"
    label = "portal"
    verbose_name = _("Public portal")

    def ready(self):
        from ipgov.portal import search_index

        search_index.connect()
