from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipgov.api import tokens
from ipgov.core import commands as ipgov_commands
from ipgov.core.actor import Actor, acting_as
from ipgov.core.scope import OutOfScope
from ipgov.regions.names import region_code
from ipgov.regions.services import UnknownRegion


class Command(ipgov_commands.Command):
    help = gettext_lazy("API tokens: `ipgov token add USER [--region CODE] [--read-only] [--expires 90d]` (the token is "
            "printed once), `ipgov token revoke PREFIX`, `ipgov token list [USER]`.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        add = sub.add_parser("add", help=gettext_lazy("create a token for a staff user; printed once, stored hashed"))
        add.add_argument("username")
        add.add_argument("--region", type=region_code, help=gettext_lazy("narrower region than the user's scope, e.g. 410300"))
        add.add_argument("--read-only", action="store_true", help=gettext_lazy("the token reads, never writes"))
        add.add_argument("--expires", default="90d", help=gettext_lazy("90d, 12h, 2w or never (default 90d)"))
        add.add_argument("--description", default="")
        revoke = sub.add_parser("revoke", help=gettext_lazy("revoke a token by its prefix (from `ipgov token list`)"))
        revoke.add_argument("prefix")
        listing = sub.add_parser("list", help=gettext_lazy("tokens with user, region, flags, expiry and last use"))
        listing.add_argument("username", nargs="?")

    def handle(self, *args, verb, **options):
        try:
            with acting_as(Actor.cli("token")):
                if verb == "add":
                    token, secret = tokens.create_token(options["username"], region=options["region"],
                                                        read_only=options["read_only"], expires=options["expires"],
                                                        description=options["description"])
                    limits = [_("region %(code)s") % {"code": token.region_id} if token.region_id
                              else _("the user's scope"),
                              _("read-only") if token.read_only else _("read-write"),
                              _("expires %(when)s") % {"when": f"{token.expires:%Y-%m-%d %H:%M}"} if token.expires
                              else _("never expires")]
                    self.stdout.write(_("token %(prefix)s for %(user)s: %(limits)s")
                                      % {"prefix": token.prefix, "user": token.user.username,
                                         "limits": _(", ").join(limits)})
                    # the secret stays the line's last word, apart from the sentence (scripts read it)
                    self.stdout.write(_("token (shown once, send it as 'Authorization: Bearer …'):") + " " + secret)
                elif verb == "revoke":
                    token = tokens.revoke_token(options["prefix"])
                    self.stdout.write(_("revoked %(prefix)s of %(user)s")
                                      % {"prefix": token.prefix, "user": token.user.username})
                else:
                    for t in tokens.list_tokens(options.get("username")):
                        state = _("revoked") if t.revoked else (_("expired") if not t.is_usable() else _("active"))
                        self.stdout.write(
                            f"{t.prefix}  {t.user.username:<20} {t.region_id or '-':<7} "
                            f"{'ro' if t.read_only else 'rw'}  {state:<8} "
                            + _("expires %(when)s  last used %(used)s")
                            % {"when": t.expires or _("never"), "used": t.last_used or _("never")})
        except (ValidationError, UnknownRegion, OutOfScope) as exc:
            raise CommandError("; ".join(getattr(exc, "messages", [str(exc)]))) from exc
