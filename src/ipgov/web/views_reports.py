"""Reports page: the work report for a region and period in the user's scope, generated on request."""

from __future__ import annotations

import base64
import hashlib
import re
import tempfile
from pathlib import Path

from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from ipgov.reports import services
from ipgov.reports.templating import DefinitionError
from ipgov.reports.writers import FORMATS, FormatUnavailable, WriteFailed, write
from ipgov.web import dashboard, report_tasks
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


class ReportTaskStartView(StaffMixin, View):
    """POST: write the report in the background (a PDF by default); answers with the task's progress."""

    def post(self, request):
        params = request.POST
        region = params.get("region") or dashboard.default_region(request.user)
        period = params.get("period") or dashboard.DEFAULT_PERIOD
        fmt = params.get("format") or "pdf"
        if fmt not in FORMATS:
            fmt = "pdf"
        task_id = report_tasks.start(request.user, region, period, params.get("compare") or None, fmt)
        if getattr(request, "htmx", False):
            return TemplateResponse(request, "web/_report_task.html",
                                    {"task": report_tasks.state(task_id, request.user)})
        return redirect(reverse("web:report-task", args=[task_id]))


class ReportTaskView(StaffMixin, TemplateView):
    """The task's progress: a fragment that polls itself (HTMX) until the report is written or failed."""

    def get_template_names(self):
        return ["web/_report_task.html"] if getattr(self.request, "htmx", False) else ["web/report_task.html"]

    def get_context_data(self, task_id, **kwargs):
        return {"task": report_tasks.state(task_id, self.request.user)}


class ReportTaskFileView(StaffMixin, View):
    def get(self, request, task_id):
        path_, fmt = report_tasks.file(task_id, request.user)
        return FileResponse(path_.open("rb"), as_attachment=fmt != "html", filename=path_.name,
                            content_type=CONTENT_TYPES[fmt])


urlpatterns = [
    path("reports/", ReportView.as_view(), name="reports"),
    path("reports/tasks/", ReportTaskStartView.as_view(), name="report-task-start"),
    path("reports/tasks/<str:task_id>/", ReportTaskView.as_view(), name="report-task"),
    path("reports/tasks/<str:task_id>/file/", ReportTaskFileView.as_view(), name="report-task-file"),
]
