from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext_lazy as _

from ipgov.core import commands as ipgov_commands
from ipgov.core.actor import Actor, acting_as
from ipgov.core.choices import Role
from ipgov.core.models import StaffProfile
from ipgov.core.services import save_staff_user
from ipgov.regions.names import region_code
from ipgov.regions.services import UnknownRegion


class Command(ipgov_commands.Command):
    help = _("Staff accounts: `ipgov user add USERNAME --role ROLE --region CODE`, `ipgov user list`.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        add = sub.add_parser("add", help=_("create a staff user (or update role/region/password)"))
        add.add_argument("username")
        add.add_argument("--role", required=True, choices=Role.values)
        add.add_argument("--region", type=region_code, required=True, help=_("region of the scope: code or name, e.g. 410300 or 洛阳"))
        add.add_argument("--password", help=_("default: a generated password, printed once"))
        add.add_argument("--organization", default="", help=_("center staff: the center's name"))
        add.add_argument("--email", default="")
        sub.add_parser("list", help=_("list staff users with role and scope"))

    def handle(self, *args, verb, **options):
        if verb == "list":
            for p in StaffProfile.objects.select_related("user", "region").order_by("user__username"):
                self.stdout.write(f"{p.user.username:<20} {p.role:<16} {p.region_id} {p.region.name}"
                                  f"{'  ' + p.organization if p.organization else ''}")
            return
        try:
            with acting_as(Actor.cli("user")):
                account = save_staff_user(options["username"], options["role"], options["region"],
                                          password=options["password"], organization=options["organization"],
                                          email=options["email"])
        except (ValidationError, UnknownRegion) as exc:
            raise CommandError("; ".join(getattr(exc, "messages", [str(exc)]))) from exc
        p = account.profile
        what = _("created %(user)s") if account.created else _("updated %(user)s")
        self.stdout.write(what % {"user": p.user.username} + _(": %(role)s, scope %(code)s %(region)s")
                          % {"role": p.get_role_display(), "code": p.region_id, "region": p.region.name})
        if account.created and options["password"] is None:
            self.stdout.write(_("password (shown once): %(password)s") % {"password": account.password})
