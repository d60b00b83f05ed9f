from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "ipgov.web"
    label = "web"
    verbose_name = _("Staff web application")

    def ready(self):
        from ipgov.web import pages

        pages.register_installed()
