"""Reports page: the work report for a region and period in the user's scope, generated on request."""

from __future__ import annotations

import base64
import hashlib
import re
import tempfile
from pathlib import Path

from django.http import HttpResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from ipgov.reports import services
from ipgov.reports.templating import DefinitionError
from ipgov.reports.writers import FORMATS, FormatUnavailable, WriteFailed, write
from ipgov.web import dashboard
from ipgov.web.access import StaffMixin
from ipgov.web.filtersets import region_choices

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}


class ReportView(StaffMixin, TemplateView):
    template_name = "web/reports.html"

    def get(self, request, *args, **kwargs):
        params = request.GET
        region = params.get("region") or dashboard.default_region(request.user)
        limit = dashboard.cutoff()
        period = params.get("period") or dashboard.default_period(limit)
        fmt = params.get("format", "")
        error = None
        if fmt:
            if fmt not in FORMATS:
                error = _("unknown format")
            else:
                try:  # a region outside the user's scope: OutOfScope from the service, a 403
                    report = services.build_report(region, period, compare=params.get("compare") or None)
                except (services.ReportError, DefinitionError) as exc:
                    error = str(exc)
                else:
                    try:
                        return _report_response(report, fmt, f"ipgov-work-{region}-{period}.{fmt}")
                    except (FormatUnavailable, WriteFailed) as exc:
                        error = str(exc)
        try:
            choices = dashboard.period_choices(period, limit)
        except ValueError:  # a period code that is no period: the form offers the usual ones
            choices = dashboard.period_choices(dashboard.default_period(limit), limit)
        context = self.get_context_data(regions=region_choices(request.user), region_code=region, period=period,
                                        period_choices=choices,
                                        formats=FORMATS, error=error, compare=params.get("compare", ""))
        return self.render_to_response(context, status=400 if error else 200)


def _report_response(report, fmt: str, filename: str) -> HttpResponse:
    """The written report, its temporary folder already gone when the response leaves (reports are a few
    MB at most: held in memory rather than left in the system temp folder)."""
    with tempfile.TemporaryDirectory(prefix="ipgov-report-") as folder:
        out = Path(folder) / filename
        write(report, fmt, out)
        content = out.read_bytes()
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    if fmt == "html":
        response["Content-Security-Policy"] = _self_contained_policy(content.decode("utf-8"))
    return response


def _self_contained_policy(html: str) -> str:
    """The HTML report is one self-contained page: its own <style> blocks (allowed by hash, not by
    'unsafe-inline'), charts as data: images, no script at all."""
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()}'"
                      for css in re.findall(r"<style>(.*?)</style>", html, flags=re.S)) or "'none'"
    return f"default-src 'none'; style-src {hashes}; img-src data:; frame-ancestors 'none'"


urlpatterns = [path("reports/", ReportView.as_view(), name="reports")]
