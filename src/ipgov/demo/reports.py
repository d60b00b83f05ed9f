"""Demo step: the province's 2019 and 2020H1 work reports in every format under IPGOV_HOME/reports/, the
2020-06 monthly bulletin (DOCX, XLSX, PDF) beside them, and the symposium pack of 2020H1 (each city's work
report and the cities' comparison table) in reports/cities_2020H1/."""

from __future__ import annotations

import hashlib
import json

from django.utils.translation import gettext, gettext_lazy

from ipgov.demo import beside
from ipgov.demo.steps import DemoContext, StepResult, titled
from ipgov.reports import bulletin, pack, services
from ipgov.reports.writers import FORMATS, common, unavailable, write

DEMO_REPORTS = (("410000", "2019", None), ("410000", "2020H1", "2019H1"))
DEMO_BULLETIN = ("410000", "2020-06")
DEMO_PACK = ("410000", "2020H1")
BULLETIN_FORMATS = ("docx", "xlsx", "pdf")
PACK_FORMATS = ("docx",)  # the cities' reports; the comparison table is XLSX and DOCX


def fingerprint(report) -> str:
    """What a reader sees, without the generation time: text, key table, provenance, chart images."""
    h = hashlib.sha256()
    parts = [report.title, report.data_note, *report.intro]
    parts += [c for r in report.key_rows for c in common.key_cells(report, r)]
    for sec in report.sections:
        parts += [sec.heading, *sec.paragraphs, *sec.notes, *[str(common.provenance_row(f)) for f in sec.figures]]
        for chart in sec.charts:
            h.update(chart.png)
    parts += [[t.title, t.header, [[c.text for c in row] for row in t.rows], t.notes] for t in report.tables]
    h.update(json.dumps(parts, ensure_ascii=False, default=str).encode())
    return h.hexdigest()


def _write_if_changed(manifest: dict, key: str, fp: str, files: list[tuple], lines: list[str],
                      say=lambda line: None) -> bool:
    """Write (report, fmt, path) files when the fingerprint changed or a file is missing; say each path."""
    changed = manifest.get(key) != fp or not all(path.exists() for _r, _f, path in files)
    if changed:
        for report, fmt, path in files:
            write(report, fmt, path)
            say(str(path))
        manifest[key] = fp
    lines += [str(path) for _r, _f, path in files]
    return changed


def _state() -> str:
    """What the bulletin and the pack are built from, cheaply: the cube's last run and cells, the records'
    last change and import, the data cut-off. Unchanged, the 18 city reports are not rebuilt on a second run."""
    from django.db.models import Count, Max, Q

    from ipgov.core.ingest.models import ImportBatch
    from ipgov.core.models import ObjectChange
    from ipgov.indicators.models import ComputationRun, DataCutoff, Observation

    parts = [Observation.objects.aggregate(n=Count("pk"), last=Max("pk"))]
    # the last run that changed cells: a run that found nothing to do (a second `ipgov demo`) rebuilds nothing
    parts.append(ComputationRun.objects.filter(Q(observations_written__gt=0) | Q(observations_deleted__gt=0))
                 .aggregate(last=Max("pk"))["last"])
    parts += [m.objects.aggregate(last=Max("pk"))["last"] for m in (ObjectChange, ImportBatch, DataCutoff)]
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def _bulletin_and_pack(out, manifest: dict, formats: list[str], lines: list[str], say=lambda line: None) -> bool:
    region, month = DEMO_BULLETIN
    bulletin_paths = [out / f"bulletin_{region}_{month}.{fmt}" for fmt in BULLETIN_FORMATS if fmt in formats]
    province, period = DEMO_PACK
    folder = out / f"cities_{period}"
    pack_formats = tuple(f for f in PACK_FORMATS if f in formats)
    pack_files = pack.file_paths(pack.city_codes(province), period, folder, pack_formats)
    state = _state()
    if manifest.get("bulletin_and_pack") == state and all(p.exists() for p in bulletin_paths + pack_files):
        lines += [str(p) for p in bulletin_paths + pack_files]
        return False
    changed = False
    try:
        monthly = bulletin.build_bulletin(month, region)
    except services.ReportError as exc:  # e.g. a cube computed short of the month
        lines.append(gettext("the %(month)s bulletin not written: %(reason)s") % {"month": month, "reason": exc})
    else:
        files = [(monthly, path.suffix[1:], path) for path in bulletin_paths]
        changed |= _write_if_changed(manifest, f"bulletin_{region}_{month}", fingerprint(monthly), files, lines, say)
    built = pack.build_pack(period, province)
    files = pack.pack_paths(built, folder, pack_formats)
    fp = hashlib.sha256("".join(fingerprint(r) for r in [*built.reports, built.comparison]).encode()).hexdigest()
    changed |= _write_if_changed(manifest, f"cities_{period}", fp, files, lines, say)
    manifest["bulletin_and_pack"] = state
    return changed


REPORTS = "work-reports"  # ctx.running's key of the reports started ahead (`start_reports`)


@titled(gettext_lazy("Work reports: started in a second process, beside the analyses and the portal"))
def start_reports(ctx: DemoContext) -> StepResult:
    """The reports (`write_reports`) started in a child process: they read the final cube and the register and
    write files only (nothing they read is written by the analyses or the portal), so they run beside those
    steps while the release runs on the other core."""
    # not a change by itself: `write_reports` says whether a file was written
    return beside.start_step(ctx, REPORTS, write_reports,
                             gettext("Work reports: started in a second process, beside the analyses and the portal"),
                             gettext("%(reason)s: the reports are written in their own step"))


@titled(gettext_lazy("Work reports: the province's, the monthly bulletin, the cities' with their comparison table"))
def write_reports(ctx: DemoContext) -> StepResult:
    """Written here, or collected from the process `start_reports` began."""
    ran_beside = beside.finish(ctx, REPORTS)
    if ran_beside is not None:
        return ran_beside
    out = ctx.home / "reports"
    manifest_path = out / "demo-manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    formats = [fmt for fmt in FORMATS if not unavailable(fmt)]
    lines = [gettext("%(format)s skipped: %(reason)s") % {"format": fmt.upper(), "reason": unavailable(fmt)}
             for fmt in FORMATS if unavailable(fmt)]
    changed = False
    for region, period, compare in DEMO_REPORTS:
        report = services.build_report(region, period, compare=compare)
        key = f"{region}_{period}"
        paths = [out / f"work_{key}.{fmt}" for fmt in formats]
        fp = fingerprint(report)
        if manifest.get(key) != fp or not all(p.exists() for p in paths):
            for fmt, path in zip(formats, paths, strict=True):
                write(report, fmt, path)
                ctx.say(str(path))
            manifest[key] = fp
            changed = True
        lines += [str(p) for p in paths]

    changed |= _bulletin_and_pack(out, manifest, formats, lines, ctx.say)
    text = json.dumps(manifest, indent=1)
    if not manifest_path.exists() or manifest_path.read_text() != text:
        manifest_path.write_text(text)
    return StepResult(gettext("Work reports (province, 2019 and 2020H1: docx, pdf, html, xlsx); the %(month)s monthly "
                              "bulletin; the cities' %(period)s work reports with their comparison table (in %(folder)s)")
                      % {"month": DEMO_BULLETIN[1], "period": DEMO_PACK[1], "folder": out / f"cities_{DEMO_PACK[1]}"},
                      changed, lines)
