import json
from pathlib import Path

from django.core.management.base import CommandError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ipgov.core import commands as ipgov_commands
from ipgov.core import periods
from ipgov.core.actor import Actor, acting_as
from ipgov.indicators import catalogue, docs, services, units
from ipgov.indicators.choices import ObservationStatus
from ipgov.regions.names import region_code
from ipgov.regions.services import UnknownRegion


def _fmt_value(ind, value) -> str:
    if ind.unit == "%":
        return f"{value * 100:.{ind.decimals}f}%"
    return f"{value:,.{ind.decimals}f} {units.label(ind.unit)}"


def _fmt_yoy(ind, yoy) -> str:
    return _("YoY n/a") if yoy is None else _("YoY %(change)s") % {"change": f"{yoy * 100:+.{ind.yoy_decimals}f}%"}


class Command(ipgov_commands.Command):
    help = _("Show an indicator's value for a region and period (from the cube), or list the catalogue.")

    def add_arguments(self, parser):
        parser.add_argument("indicator", nargs="?", help=_("indicator id (see --list)"))
        parser.add_argument("--region", type=region_code, default="410000", help=_("region code or name, e.g. 410300 or 洛阳 (default 410000 河南省)"))
        parser.add_argument("--period", help=_("period, one of %(forms)s") % {"forms": periods.FORMS})
        parser.add_argument("--by", help=_("breakdown key, e.g. type"))
        parser.add_argument("--json", action="store_true", help=_("one JSON object per result"))
        parser.add_argument("--status", default="computed", choices=["computed", "reported", "estimated"])
        parser.add_argument("--list", action="store_true", help=_("list the catalogue"))
        parser.add_argument("--write-docs", metavar="PATH", help=_("write docs/indicators.md from the catalogue"))

    def handle(self, *args, indicator, region, period, by, json: bool, status, list: bool, write_docs, **opts):
        w = self.stdout.write
        if write_docs:
            Path(write_docs).write_text(docs.render(catalogue.default()), encoding="utf-8")
            w(_("wrote %(path)s") % {"path": write_docs})
            return
        if list:
            for ind in catalogue.indicators():
                w(f"{ind.id:<36} {ind.kind:<8} {units.label(ind.unit):<8} "
                  + (ind.name_zh if translation.get_language().startswith("zh") else ind.name_en))
            return
        if not indicator or not period:
            raise CommandError(_("give an indicator id and --period (or --list)"))
        try:
            ind = catalogue.get(indicator)
            with acting_as(Actor.cli("indicator")):  # the console reads for the office: every region
                rows = services.query(indicator, region, period, by=by, status=status)
        except (catalogue.UnknownIndicator, UnknownRegion, periods.PeriodError, services.UnknownBreakdown) as exc:
            raise CommandError(str(exc.args[0] if exc.args else exc)) from None
        if not rows:
            raise CommandError(_("no %(status)s observation of %(indicator)s for %(region)s %(period)s: "
                                 "run `ipgov compute` (or widen its --from/--to)")
                               % {"status": ObservationStatus(status).label, "indicator": indicator, "region": region,
                                  "period": period})
        for row in rows:
            if json:
                d = row.as_dict()
                d.pop("raw_value")
                w(_json_dumps(d))
            else:
                label = f" [{row.breakdown}]" if row.breakdown else ""
                name = ind.name_zh if translation.get_language().startswith("zh") else ind.name_en
                w(f"{name} {row.region} {row.period}{label}: {_fmt_value(ind, row.value)}, {_fmt_yoy(ind, row.yoy)} "
                  + _("(%(status)s, run %(run)s)") % {"status": ObservationStatus(row.status).label,
                                                     "run": row.run_id or "-"})


def _json_dumps(d: dict) -> str:
    return json.dumps(d, ensure_ascii=False)
