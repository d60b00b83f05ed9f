"""Demo step: the real sample records — the CSV export of 10 Henan patents and the USPTO/EPO XML
documents — imported through the importers, beside the synthetic register."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext, gettext_lazy

from ipgov import rights as rights_app
from ipgov.demo.steps import DemoContext, StepResult, titled
from ipgov.rights.importers import import_file
from ipgov.rights.models import LegalEvent, Patent

SAMPLES = Path(rights_app.__file__).resolve().parent / "data" / "samples"
REAL_FILES = (
    "henan_cn_patent_records_sample.csv",
    "US08613112_grant_v44.xml",
    "US08930553_grant_v45.xml",
    "US20050004437A1_application_v40.xml",
    "EP3782854A1_BOE_v1-5.xml",
    "EP3404678B1_v1-5.xml",
    "EP3383757B1_v1-5-1.xml",
)


@titled(gettext_lazy("Real sample records (CSV export, USPTO and EPO XML) through the importers"))
def import_real_samples(ctx: DemoContext) -> StepResult:
    lines, changed = [], False
    for name in REAL_FILES:
        report = import_file(SAMPLES / name, strict=True)
        changed |= report.status != "unchanged"
        lines.append(report.summary())
    cn = Patent.objects.filter(office="CN", batch__file_name=REAL_FILES[0])
    lines.append(gettext("real CN records: %(n)s (granted %(granted)s), first applicant regions: %(regions)s")
                 % {"n": cn.count(), "granted": cn.filter(grant_date__isnull=False).count(),
                    "regions": ", ".join(sorted(set(cn.values_list("region_id", flat=True))))})
    changed |= _search_system_export(lines)
    return StepResult(gettext("Real sample records (CSV export, USPTO and EPO XML) through the importers"), changed, lines)


PSS_FILE, PSS_PROFILE = "pss_style_result_list.csv", "专利检索及分析导出"
PSS_COLUMNS = {"通讯地址": "applicant_address"}


def _search_system_export(lines: list[str]) -> bool:
    """A result list in the layout of CNIPA's 专利检索及分析 (its 法律状态 column becoming legal events),
    completed by a saved mapping profile for the one column no synonym knows."""
    from ipgov.core.ingest import profiles, registry
    from ipgov.core.ingest.models import ImportProfile

    saved = ImportProfile.objects.filter(name=PSS_PROFILE).first()
    changed = saved is None or saved.columns != PSS_COLUMNS
    if changed:
        profiles.save(PSS_PROFILE, "patents", PSS_COLUMNS, "CNIPA 专利检索及分析 result lists", replace=True)
    report = registry.import_path(SAMPLES / PSS_FILE, kind="patents", profile=PSS_PROFILE, strict=True)
    lines.append(report.summary())
    events = LegalEvent.objects.filter(patent__batch__file_name=PSS_FILE).count()
    lines.append(gettext("search-system export: mapping profile %(profile)r, %(events)s legal events from 法律状态")
                 % {"profile": PSS_PROFILE, "events": events})
    return changed or report.status != "unchanged"
