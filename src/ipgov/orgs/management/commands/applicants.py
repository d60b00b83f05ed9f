"""`ipgov applicants unresolved [--top 100] | assign NAME REGION`: records with no region, by applicant."""

import getpass

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipgov.core import commands as ipgov_commands
from ipgov.core.actor import Actor, acting_as
from ipgov.orgs import services


class Command(ipgov_commands.Command):
    help = gettext_lazy("Applicants whose records have no region: list them, or assign a region once for all "
                        "their records, now and on later imports.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("unresolved", help=gettext_lazy("applicants with records of no region, most first"))
        listing.add_argument("--top", type=int, default=100)
        assign = sub.add_parser("assign", help=gettext_lazy("assign a region to an applicant's organization"))
        assign.add_argument("name")
        assign.add_argument("region", metavar="REGION_CODE")

    def handle(self, *args, action, **options):
        with acting_as(Actor.cli(getpass.getuser())):
            self._handle(action, **options)

    def _handle(self, action, **options):
        try:
            if action == "assign":
                n = services.assign_region(options["name"], options["region"])
                self.stdout.write(_("%(n)s record(s) placed in %(region)s") % {"n": n, "region": options["region"]})
                return
            rows = services.unresolved(options["top"])
        except services.OrgsError as exc:
            raise CommandError(str(exc)) from None
        if not rows:
            self.stdout.write(_("every record has a region"))
        for r in rows:
            names = "" if r["names"] == [r["name"]] else "  (" + "；".join(r["names"][:5]) + ")"
            self.stdout.write(f"{r['records']:>8}  {r['name']}{names}")
