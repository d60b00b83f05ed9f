from django.core.management.commands.check import Command as SystemCheckCommand
from django.utils.translation import gettext_lazy as _

from ipgov.core.commands import localize_parser
from ipgov.indicators import checks
from ipgov.regions.names import region_code

# A finding's kind as the report line names it (the codes stay in checks.Finding.kind).
KINDS = {"agrees": _("agrees"), "difference": _("difference"), "missing": _("missing"),
         "inconsistent": _("inconsistent")}


class Command(SystemCheckCommand):
    help = _("Django's system checks, then the published (reported) figures against the computed cube and "
             "against each other.")

    def create_parser(self, prog_name, subcommand, **kwargs):
        self.help = str(self.help)  # as ipgov.core.commands.Command: argparse needs a str
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        localize_parser(parser)
        return parser

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--region", type=region_code, help=_("only figures of this region"))
        parser.add_argument("--system-only", action="store_true", help=_("only Django's system checks"))

    def handle(self, *app_labels, region=None, system_only=False, **options):
        super().handle(*app_labels, **options)
        if system_only:
            return
        findings = checks.check(region)
        w = self.stdout.write
        if not findings:
            w(_("No reported figures to check (load some with `ipgov reported`)."))
            return
        counts: dict[str, int] = {}
        for f in findings:
            counts[f.kind] = counts.get(f.kind, 0) + 1
            style = {"agrees": self.style.SUCCESS, "difference": self.style.WARNING,
                     "missing": self.style.WARNING, "inconsistent": self.style.ERROR}[f.kind]
            label = f" [{f.breakdown}]" if f.breakdown else ""
            w(style(f"{str(KINDS[f.kind]).upper():<12}") + f" {f.indicator} {f.region} {f.period}{label}: "
              + _("reported %(reported)s") % {"reported": f.reported}
              + (_(", computed %(computed)s") % {"computed": f.computed} if f.computed else "") + f" — {f.message}")
        w(_(", ").join(f"{n} {KINDS[kind]}" for kind, n in sorted(counts.items())))
