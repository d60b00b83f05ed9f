from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext_lazy as _

from ipgov.core import commands as ipgov_commands
from ipgov.core.actor import Actor, acting_as
from ipgov.regions.names import region_code
from ipgov.reports import services
from ipgov.reports.templating import DefinitionError
from ipgov.reports.writers import FORMATS, FormatUnavailable, WriteFailed, unavailable, write


class Command(ipgov_commands.Command):
    help = _("Write a report from the cube: ipgov report work --region 410000 --period 2020H1 --format docx -o FILE")

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["work"], help=_("which report (work = 知识产权工作报告)"))
        parser.add_argument("--region", type=region_code, required=True, help=_("region code or name: 410000 or 河南 (province), or any city, e.g. 410100 or 郑州"))
        parser.add_argument("--period", required=True, help=_("2019, 2020H1, 2020Q2, 2020-05 or 2017..2019"))
        parser.add_argument("--compare", help=_("a second period shown beside the key indicators, e.g. 2019H1"))
        parser.add_argument("--format", choices=FORMATS, help=_("default: from the output file's extension"))
        parser.add_argument("-o", "--output", required=True, help=_("file to write"))

    def handle(self, *args, kind, region, period, compare, format, output, **options):
        path = Path(output)
        fmt = format or path.suffix.lstrip(".").lower()
        if fmt not in FORMATS:
            raise CommandError(_("cannot tell the format of %(output)r: pass --format (%(formats)s)")
                               % {"output": output, "formats": ", ".join(FORMATS)})
        if unavailable(fmt):
            raise CommandError(_("%(format)s cannot be written on this machine: %(reason)s")
                               % {"format": fmt.upper(), "reason": unavailable(fmt)})
        try:
            with acting_as(Actor.cli("report")):  # the console writes reports for the office: every region
                report = services.build_report(region, period, compare=compare, kind=kind)
        except (services.ReportError, DefinitionError) as exc:
            raise CommandError(str(exc)) from None
        try:
            write(report, fmt, path)
        except (FormatUnavailable, WriteFailed) as exc:
            raise CommandError(str(exc)) from None
        missing = sum(1 for f in report.figures if f.missing)
        self.stdout.write(f"{path}  " + _("(%(title)s, %(format)s; %(cited)s figures cited, %(missing)s missing in "
                                           "the cube; %(note)s)")
                          % {"title": f"{report.title}{report.subtitle}", "format": fmt,
                             "cited": len(report.figures), "missing": missing, "note": report.data_note})
