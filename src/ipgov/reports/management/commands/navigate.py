from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext_lazy as _

from ipgov.analysis.services import EvaluationError
from ipgov.core import commands as ipgov_commands
from ipgov.core.actor import Actor, acting_as
from ipgov.reports.navigation import build_navigation
from ipgov.reports.writers import FORMATS, FormatUnavailable, WriteFailed, write


class Command(ipgov_commands.Command):
    help = _("Write a patent-navigation report (专利导航报告, GB/T 39551) of an industry in a region: "
             "ipgov navigate --region 410100 --industry wipo35:06 --period 2019 -o FILE.docx")

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help=_("region code, e.g. 410100"))
        parser.add_argument("--industry", required=True,
                            help=_("concordance:target, e.g. wipo35:06 (WIPO field 06, computer technology)"))
        parser.add_argument("--period", required=True, help=_("the last year of the five analysed, e.g. 2019"))
        parser.add_argument("-o", "--output", required=True, help=_("file to write (.docx, .pdf, .html, .xlsx)"))

    def handle(self, *args, region, industry, period, output, **options):
        path = Path(output)
        fmt = path.suffix.lstrip(".").lower()
        if fmt not in FORMATS:
            raise CommandError(_("cannot tell the format of %(output)r: pass --format (%(formats)s)")
                               % {"output": output, "formats": ", ".join(FORMATS)})
        scheme, _sep, target = industry.partition(":")
        if not target:
            raise CommandError(_("--industry is concordance:target, e.g. wipo35:06; got %(value)s") % {"value": industry})
        try:
            with acting_as(Actor.cli("navigate")):
                report = build_navigation(region, scheme, target, period)
            write(report, fmt, path)
        except (EvaluationError, LookupError, FormatUnavailable, WriteFailed) as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{path}  ({report.title}, {report.data_note})")
