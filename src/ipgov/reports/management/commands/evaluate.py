from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext_lazy as _

from ipgov.analysis import schemes, services
from ipgov.core import commands as ipgov_commands
from ipgov.core.actor import Actor, acting_as
from ipgov.reports import evaluation
from ipgov.reports.writers import WriteFailed


class Command(ipgov_commands.Command):
    help = _("Compute an evaluation scheme with its full working and store it as a versioned evaluation: "
             "ipgov evaluate university-strength --period 2019 [--format docx|xlsx] [-o FILE]")

    def add_arguments(self, parser):
        parser.add_argument("scheme", help=_("a shipped scheme (%(known)s) or the path of a scheme file (.toml)")
                            % {"known": ", ".join(schemes.available())})
        parser.add_argument("--period", required=True, help=_("the period scored, e.g. 2019"))
        parser.add_argument("--format", choices=evaluation.FORMATS,
                            help=_("write the notice (docx) or the working (xlsx); default: from -o's extension"))
        parser.add_argument("-o", "--output", help=_("file to write"))

    def handle(self, *args, scheme, period, format, output, **options):
        fmt = format or (Path(output).suffix.lstrip(".").lower() if output else None)
        if fmt and fmt not in evaluation.FORMATS:
            raise CommandError(_("cannot tell the format of %(output)r: pass --format (%(formats)s)")
                               % {"output": output, "formats": ", ".join(evaluation.FORMATS)})
        try:
            with acting_as(Actor.cli("evaluate")):
                ev, created = services.evaluate(scheme, period)
        except (schemes.SchemeError, services.EvaluationError) as exc:
            raise CommandError(str(exc)) from None
        state = _("new version") if created else _("unchanged, same as the latest version")
        self.stdout.write(f"{ev.name} {ev.period} #{ev.pk} v{ev.version} ({state}): "
                          f"{len(ev.rows)} ranked, {len(ev.result['excluded'])} not ranked")
        for row in evaluation.listed_rows(ev):
            self.stdout.write(f"  {row['rank']:>3}  {row['name']}  {row['total']:.2f}")
        if fmt:
            path = Path(output or f"{ev.scheme}-{ev.period}.{fmt}")
            try:
                evaluation.write(ev, fmt, path)
            except WriteFailed as exc:
                raise CommandError(str(exc)) from None
            self.stdout.write(str(path))
