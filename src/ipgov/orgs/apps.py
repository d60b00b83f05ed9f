from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "ipgov.orgs"
    label = "orgs"
    verbose_name = _("applicant organizations")

    def ready(self):
        from ipgov.orgs import hooks

        hooks.connect()
