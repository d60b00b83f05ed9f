"""Demo step: the real division list, code history, functional zones and 2020 census population."""

from django.utils.translation import gettext, gettext_lazy

from ipgov.demo.steps import DemoContext, StepResult, titled
from ipgov.regions import loader, resolver
from ipgov.regions.models import Population, Region


@titled(gettext_lazy("Regions (GB/T 2260, 1981–2024 history, NBS zones, census 2020)"))
def load_regions(ctx: DemoContext) -> StepResult:
    report = loader.load_divisions()
    loader.load_census_2020(report)
    if report.changed:
        resolver.invalidate()
    henan = Region.objects.within("410000").active()
    pop = Population.objects.get(region_id="410000", year=2020)
    lines = [
        report.summary(),
        gettext("Henan (410000): %(prefectures)s prefectures, %(counties)s county-level units, %(zones)s functional "
                "zones; population 2020 %(population)s")
        % {"prefectures": henan.filter(level="prefecture").count(), "counties": henan.filter(level="county").count(),
           "zones": henan.filter(level="zone").count(), "population": f"{pop.value:,}"},
    ]
    example = "450001 河南省郑州市高新技术产业开发区莲花街100号"
    r = resolver.resolve(example)
    lines.append(gettext("resolve %(address)r → %(code)s %(name)s [%(level)s]")
                 % {"address": example, "code": r.code, "name": r.name, "level": r.level})
    return StepResult(gettext("Regions (GB/T 2260, 1981–2024 history, NBS zones, census 2020)"), report.changed, lines)
