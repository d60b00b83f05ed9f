from django.core.management.base import CommandError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ipgov.core import commands as ipgov_commands
from ipgov.core import periods
from ipgov.core.actor import Actor, acting_as
from ipgov.indicators import cutoff


class Command(ipgov_commands.Command):
    help = _("The data cut-off: `ipgov cutoff` shows it, `ipgov cutoff set 2020-06` sets it.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action")
        sub.add_parser("show", help=_("the cut-off shown on every page, and where it comes from"))
        s = sub.add_parser("set", help=_("set the last complete month of the statistics"))
        s.add_argument("month", help=_("a month, e.g. 2020-06"))
        s.add_argument("--note", default="", help=_("why (kept with the setting)"))

    def handle(self, *args, action=None, month=None, note="", **options):
        if action == "set":
            try:
                with acting_as(Actor.cli("cutoff")):
                    cutoff.set_cutoff(month, note)
            except (periods.PeriodError, cutoff.CutoffError) as exc:
                raise CommandError(str(exc)) from None
        shown = cutoff.current()
        derived = cutoff.register_cutoff()
        self.stdout.write(str(cutoff.note(shown.code)) if shown else gettext("No data cut-off yet: compute the cube first."))
        source = gettext("set by staff") if cutoff.explicit() else gettext("from the latest computation of the cube")
        if shown:
            self.stdout.write(gettext("Source: %(s)s.") % {"s": source})
        if derived:
            self.stdout.write(gettext("The register's statistics are complete up to %(m)s.")
                              % {"m": periods.month_code(derived)})
