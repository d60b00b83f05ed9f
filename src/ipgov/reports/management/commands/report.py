from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ipgov.core.actor import Actor, acting_as
from ipgov.reports import services
from ipgov.reports.templating import DefinitionError
from ipgov.reports.writers import FORMATS, write


class Command(BaseCommand):
    help = "Write a report from the cube: ipgov report work --region 410000 --period 2020H1 --format docx -o FILE"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["work"], help="which report (work = 知识产权工作报告)")
        parser.add_argument("--region", required=True, help="region code: 410000 (province) or any city, e.g. 410100")
        parser.add_argument("--period", required=True, help="2019, 2020H1, 2020Q2, 2020-05 or 2017..2019")
        parser.add_argument("--compare", help="a second period shown beside the key indicators, e.g. 2019H1")
        parser.add_argument("--format", choices=FORMATS, help="default: from the output file's extension")
        parser.add_argument("-o", "--output", required=True, help="file to write")

    def handle(self, *args, kind, region, period, compare, format, output, **options):
        path = Path(output)
        fmt = format or path.suffix.lstrip(".").lower()
        if fmt not in FORMATS:
            raise CommandError(f"cannot tell the format of {output!r}: pass --format ({', '.join(FORMATS)})")
        try:
            with acting_as(Actor.cli("report")):  # the console writes reports for the office: every region
                report = services.build_report(region, period, compare=compare, kind=kind)
        except (services.ReportError, DefinitionError) as exc:
            raise CommandError(str(exc)) from None
        write(report, fmt, path)
        missing = sum(1 for f in report.figures if f.missing)
        self.stdout.write(f"{path}  ({report.title}{report.subtitle}, {fmt}; {len(report.figures)} figures cited, "
                          f"{missing} missing in the cube; {report.data_note})")
