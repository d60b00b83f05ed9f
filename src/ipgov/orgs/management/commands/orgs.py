"""`ipgov orgs harmonise | review [--decide ID --code C] | show NAME`: applicant organizations."""

import getpass

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipgov.core import commands as ipgov_commands
from ipgov.core.actor import Actor, acting_as
from ipgov.orgs import services
from ipgov.orgs.models import ApplicantName


class Command(ipgov_commands.Command):
    help = gettext_lazy("Applicant organizations: harmonise the register's applicant names, review credit code "
                        "conflicts, show how a name was linked.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("harmonise", help=gettext_lazy("link every applicant name of the register to its organization"))
        review = sub.add_parser("review", help=gettext_lazy("list credit code conflicts, or decide one"))
        review.add_argument("--decide", type=int, metavar="ID", help=gettext_lazy("the conflict to decide"))
        review.add_argument("--code", default="", help=gettext_lazy("the credit code the organization keeps"))
        show = sub.add_parser("show", help=gettext_lazy("the organization of a name and the rule that linked them"))
        show.add_argument("name")

    def handle(self, *args, action, **options):
        with acting_as(Actor.cli(getpass.getuser())):
            self._handle(action, **options)

    def _handle(self, action, **options):
        try:
            getattr(self, f"_{action}")(**options)
        except services.OrgsError as exc:
            raise CommandError(str(exc)) from None

    def _harmonise(self, **options):
        n = services.harmonise_register()
        self.stdout.write(_("%(n)s new applicant name(s) linked") % {"n": n})

    def _review(self, decide=None, code="", **options):
        if decide is not None:
            if not code:
                raise CommandError(_("--decide needs --code: the credit code the organization keeps"))
            c = services.decide_conflict(decide, code)
            self.stdout.write(_("#%(id)s %(name)s keeps %(code)s") % {"id": c.pk, "name": c.name, "code": c.chosen_code})
            return
        items = services.conflicts()
        if not items:
            self.stdout.write(_("no credit code conflicts to decide"))
        for c in items:
            self.stdout.write(f"#{c.pk} {c.name}: {', '.join(c.codes)} ({', '.join(c.sources)})")

    def _show(self, name, **options):
        services.harmonise_names([name])
        link = ApplicantName.objects.select_related("organization").get(raw=name[:300])
        org = link.organization
        self.stdout.write(f"{name} → {org.name if org else _('individual')} ({link.get_rule_display()})"
                          + (f" {link.detail}" if link.detail else ""))
        if org is not None:
            self.stdout.write(_("credit code: %(code)s; region: %(region)s (%(source)s)") % {
                "code": org.credit_code or "—", "region": org.region_id or "—",
                "source": org.get_region_source_display() or "—"})
