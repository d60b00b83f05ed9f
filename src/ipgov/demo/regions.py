"""Demo step: the real division list, code history, functional zones and 2020 census population."""

from ipgov.demo.steps import DemoContext, StepResult
from ipgov.regions import loader, resolver
from ipgov.regions.models import Population, Region


def load_regions(ctx: DemoContext) -> StepResult:
    report = loader.load_divisions()
    loader.load_census_2020(report)
    if report.changed:
        resolver.invalidate()
    henan = Region.objects.within("410000").active()
    pop = Population.objects.get(region_id="410000", year=2020)
    lines = [
        report.summary(),
        f"Henan (410000): {henan.filter(level='prefecture').count()} prefectures, "
        f"{henan.filter(level='county').count()} county-level units, "
        f"{henan.filter(level='zone').count()} functional zones; population 2020 {pop.value:,}",
    ]
    example = "450001 河南省郑州市高新技术产业开发区莲花街100号"
    r = resolver.resolve(example)
    lines.append(f"resolve {example!r} → {r.code} {r.name} [{r.level}]")
    return StepResult("Regions (GB/T 2260, 1981–2024 history, NBS zones, census 2020)", report.changed, lines)
