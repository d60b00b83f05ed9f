from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "ipgov.cases"
    label = "cases"
    verbose_name = _("Cases")

    def load_reference_data(self):
        """The working-day calendar is the chinese-calendar library's data: nothing to load, say its span."""
        from ipgov.cases import workdays
        from ipgov.core.reference import Loaded

        return Loaded(_("Working-day calendar (chinese-calendar: State Council holidays and make-up days)"), False,
                      [_("holidays known for %(first)s–%(last)s; later years count Monday–Friday and deadlines "
                         "there are marked provisional") % {"first": workdays.FIRST_YEAR, "last": workdays.LAST_YEAR}])
