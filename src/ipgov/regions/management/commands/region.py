import datetime
import json

from django.core.management.base import CommandError
from django.utils.translation import gettext_lazy as _

from ipgov.core import commands as ipgov_commands
from ipgov.core import preflight
from ipgov.regions import loader, resolver, services
from ipgov.regions.services import UnknownRegion


class Command(ipgov_commands.Command):
    help = _("Regions (GB/T 2260 with history): show a code, resolve an address, load population.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        show = sub.add_parser("show", help=_("name, level, parent chain, population and history of a code"))
        show.add_argument("code")
        show.add_argument("--json", action="store_true")
        res = sub.add_parser("resolve", help=_("the region an address names"))
        res.add_argument("address")
        res.add_argument("--as-of", type=datetime.date.fromisoformat, default=None,
                         help=_("date the divisions are taken at (YYYY-MM-DD, default today)"))
        res.add_argument("--json", action="store_true")
        pop = sub.add_parser("load-population", help=_("load population from a CSV: code,year,population"))
        pop.add_argument("file")
        pop.add_argument("--source", required=True, help=_("where the figures come from"))

    def handle(self, *args, action, **options):
        return getattr(self, f"do_{action.replace('-', '_')}")(**options)

    def do_show(self, code, json, **_rest):
        try:
            region = services.get_region(code)
        except UnknownRegion as exc:
            raise CommandError(str(exc)) from None
        chain = services.parent_chain(region)
        pops = list(region.populations.order_by("year"))
        data = {
            "code": region.code, "name": region.name, "level": region.level,
            "legal_division": region.is_legal_division, "active": region.is_active,
            "province_administered": region.is_province_administered,
            "chain": [{"code": r.code, "name": r.name} for r in chain],
            "city": region.city_id, "province": region.province_id,
            "population": [{"year": p.year, "value": p.value, "source": p.source} for p in pops],
            "history": [{"name": v.name, "status": v.status, "from": v.valid_from, "to": v.valid_to,
                         "successors": v.successors} for v in services.history(region)],
            "successors": [{"code": s.code, "name": s.name, "year": s.year} for s in services.successors(region)],
        }
        if json:
            self.stdout.write(_json(data))
            return
        w = self.stdout.write
        w(f"{region.code} {region.name}  [{region.get_level_display()}]"
          + ("" if region.is_legal_division else "  " + _("(statistical area, not a legal division)"))
          + ("" if region.is_active else "  " + _("(retired)")))
        w("  " + _("chain: %(chain)s") % {"chain": " > ".join(f"{r.name} ({r.code})" for r in chain)})
        for p in pops:
            w("  " + _("population: %(value)s (%(year)s, %(source)s)")
              % {"value": f"{p.value:,}", "year": p.year, "source": p.source})
        for v in data["history"]:
            w("  " + _("history: %(name)s %(dates)s %(status)s %(successors)s")
              % {"name": v["name"], "dates": f"{v['from']}–{v['to'] or ''}", "status": v["status"],
                 "successors": v["successors"]})
        for s in data["successors"]:
            w("  " + _("successor: %(code)s %(name)s (since %(year)s)") % s)

    def do_resolve(self, address, as_of, json, **_rest):
        result = resolver.resolve(address, as_of=as_of)
        if json:
            data = result.as_dict()
            if result.resolved:
                data["names"] = [r.name for r in services.parent_chain(services.get_region(result.code))]
            self.stdout.write(_json(data))
        elif result.resolved:
            names = " ".join(r.name for r in services.parent_chain(services.get_region(result.code)))
            self.stdout.write(f"{result.code}  {names}  [{result.level}]  "
                              + _("matched: %(matched)s") % {"matched": result.matched})
            if result.note:
                self.stdout.write("  " + _("note: %(note)s") % {"note": result.message})
        else:
            self.stdout.write(_("unresolved: %(reason)s") % {"reason": result.message})
        if not result.resolved:
            raise SystemExit(1)

    def do_load_population(self, file, source, **_rest):
        preflight.require_file(file, "ipgov region load-population {file} --source " + preflight.shell_word(source))
        try:
            records = loader.read_population_csv(file)
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from None
        report = loader.load_population(records, source=source)
        self.stdout.write(report.summary())
        for line in report.skipped:
            self.stderr.write(line)


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, default=str)
