from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ipgov.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from ipgov.core import dbstats

        # once per migrate (the signal is sent for every app; this one is core's): a home made before the
        # statistics existed gets them on its next `ipgov init`/`migrate`
        post_migrate.connect(dbstats.refresh_after_migrate, sender=self, dispatch_uid="ipgov-core-dbstats")
