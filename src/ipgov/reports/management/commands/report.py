from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ipgov.core import commands as ipgov_commands
from ipgov.core.actor import Actor, acting_as
from ipgov.core.periods import parse
from ipgov.regions.names import region_code
from ipgov.reports import services
from ipgov.reports.templating import DefinitionError
from ipgov.reports.writers import FORMATS, FormatUnavailable, WriteFailed, unavailable, write

BULLETIN_FORMATS = ("docx", "xlsx", "pdf")


def region_or_cities(text: str) -> str:
    """For argparse `type=`: `cities` (every city-level unit of the province: the symposium pack), or a
    region's code or name."""
    from ipgov.reports.pack import CITIES

    return CITIES if text.strip().lower() in (CITIES, "各省辖市", "各市") else region_code(text)


class Command(ipgov_commands.Command):
    help = _("Write a report from the cube: ipgov report work --region 410000 --period 2020H1 --format docx -o FILE; "
             "the cities' work reports with their comparison table: ipgov report work --region cities --period 2020H1 "
             "-o FOLDER; the monthly bulletin: ipgov report bulletin --period 2020-06 -o FOLDER")

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["work", "bulletin"],
                            help=_("which report (work = 知识产权工作报告, bulletin = 统计月报)"))
        parser.add_argument("--region", type=region_or_cities,
                            help=_("region code or name: 410000 or 河南 (province), or any city, e.g. 410100 or 郑州; "
                                   "`cities` for every city of the province (one folder); the bulletin's province "
                                   "(default 410000)"))
        parser.add_argument("--period", required=True,
                            help=_("2019, 2020H1, 2020Q2, 2020-05 or 2017..2019 (the bulletin: a month, 2020-06)"))
        parser.add_argument("--compare", help=_("a second period shown beside the key indicators, e.g. 2019H1"))
        parser.add_argument("--format", choices=FORMATS,
                            help=_("default: from the output file's extension; for a folder, the bulletin writes "
                                   "docx, xlsx and pdf, the cities' reports docx"))
        parser.add_argument("-o", "--output",
                            help=_("file to write; for the bulletin and `--region cities` a folder (default: the "
                                   "current folder)"))

    def handle(self, *args, kind, region, period, compare, format, output, **options):
        from ipgov.reports.pack import CITIES

        if kind == "bulletin":
            return self._bulletin(region, period, format, Path(output or "."))
        if region is None:
            raise CommandError(gettext("Say which region the work report is for: --region 410000 (or a city, or "
                                  "`cities` for every city of the province)."))
        if region == CITIES:
            return self._pack(period, compare, format, Path(output or "."))
        if not output:
            raise CommandError(gettext("Say where to write the report: -o FILE, e.g. -o report.docx."))
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

    def _folder(self, folder: Path) -> None:
        if folder.exists() and not folder.is_dir():
            raise CommandError(gettext("%(path)s is a file: give a folder to write into (-o FOLDER).") % {"path": folder})

    def _written(self, path: Path, title: str, fmt: str) -> None:
        self.stdout.write(gettext("written: %(path)s (%(title)s, %(format)s)")
                          % {"path": path, "title": title, "format": fmt.upper()})

    def _bulletin(self, region, period, fmt, folder: Path) -> None:
        from ipgov.indicators.opendata import PROVINCE
        from ipgov.reports import bulletin
        from ipgov.reports.pack import CITIES

        if region == CITIES:
            raise CommandError(gettext("The monthly bulletin covers the province with all its cities and counties: "
                                  "leave out --region, or give the province, e.g. --region 410000."))
        self._folder(folder)
        formats = (fmt,) if fmt else BULLETIN_FORMATS
        try:
            with acting_as(Actor.cli("report")):
                report = bulletin.build_bulletin(period, region or PROVINCE)
        except services.ReportError as exc:
            raise CommandError(str(exc)) from None
        for f in formats:
            if unavailable(f):
                self.stdout.write(gettext("%(format)s not written: %(reason)s") % {"format": f.upper(),
                                                                             "reason": unavailable(f)})
                continue
            path = folder / f"bulletin_{report.region_code}_{report.period.code}.{f}"
            try:
                write(report, f, path)
            except (FormatUnavailable, WriteFailed) as exc:
                raise CommandError(str(exc)) from None
            self._written(path, f"{report.title}{report.subtitle}", f)
        b = report.fetcher
        self.stdout.write(gettext("%(title)s: the province, %(cities)d cities and %(counties)d counties; %(missing)d "
                             "regions with missing cells (marked ※); data as of %(cutoff)s")
                          % {"title": f"{report.title}{report.subtitle}", "cities": len(b.regions("cities")),
                             "counties": len(b.regions("counties")), "missing": len(b.missing_regions()),
                             "cutoff": parse(f"{report.cutoff.year}-{report.cutoff.month:02d}").end_label})

    def _pack(self, period, compare, fmt, folder: Path) -> None:
        from ipgov.reports import pack

        self._folder(folder)
        try:
            with acting_as(Actor.cli("report")):
                built = pack.build_pack(period, compare=compare)
        except (services.ReportError, DefinitionError) as exc:
            raise CommandError(str(exc)) from None
        try:
            pack.write_pack(built, folder, (fmt or "docx",))
        except (FormatUnavailable, WriteFailed) as exc:
            raise CommandError(str(exc)) from None
        for line in built.skipped:
            self.stdout.write(gettext("not written: %(reason)s") % {"reason": line})
        for path, title in built.written:
            self._written(path, title, path.suffix.lstrip("."))
        self.stdout.write(gettext("%(count)d work reports of the province's cities (%(period)s) and their comparison "
                             "table in %(folder)s")
                          % {"count": len(built.reports), "period": built.reports[0].period.label, "folder": folder})
