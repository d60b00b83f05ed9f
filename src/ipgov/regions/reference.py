"""Reference data of the regions app: divisions with their 1981–2024 history and zones, census 2020."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ipgov.core.reference import Loaded
from ipgov.regions import loader, resolver
from ipgov.regions.models import Population, Region


def load() -> Loaded:
    report = loader.load_divisions()
    loader.load_census_2020(report)
    if report.changed:
        resolver.invalidate()
    return Loaded(_("Regions (GB/T 2260 divisions 1981–2024, NBS functional zones, census 2020 population)"),
                  report.changed, [report.summary()])


def missing() -> list[str]:
    absent = [] if Region.objects.exists() else [gettext_noop("divisions")]
    return absent + ([] if Population.objects.exists() else [gettext_noop("population")])
