"""Demo step: the province's 2019 and 2020H1 work reports in every format under IPGOV_HOME/reports/."""

from __future__ import annotations

import hashlib
import json

from django.utils.translation import gettext

from ipgov.demo.steps import DemoContext, StepResult
from ipgov.reports import services
from ipgov.reports.writers import FORMATS, common, unavailable, write

DEMO_REPORTS = (("410000", "2019", None), ("410000", "2020H1", "2019H1"))


def fingerprint(report) -> str:
    """What a reader sees, without the generation time: text, key table, provenance, chart images."""
    h = hashlib.sha256()
    parts = [report.title, report.data_note, *report.intro]
    parts += [c for r in report.key_rows for c in common.key_cells(report, r)]
    for sec in report.sections:
        parts += [sec.heading, *sec.paragraphs, *sec.notes, *[str(common.provenance_row(f)) for f in sec.figures]]
        for chart in sec.charts:
            h.update(chart.png)
    h.update(json.dumps(parts, ensure_ascii=False, default=str).encode())
    return h.hexdigest()


def write_reports(ctx: DemoContext) -> StepResult:
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
            manifest[key] = fp
            changed = True
        lines += [str(p) for p in paths]
    if changed:
        manifest_path.write_text(json.dumps(manifest, indent=1))
    return StepResult(gettext("Work reports (province, 2019 and 2020H1: docx, pdf, html, xlsx)"), changed, lines)
