"""Reports page: the work report for a region and period in the user's scope, generated on request."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.http import FileResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from ipgov.reports import services
from ipgov.reports.templating import DefinitionError
from ipgov.reports.writers import FORMATS, write
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
        period = params.get("period") or dashboard.DEFAULT_PERIOD
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
                    out = Path(tempfile.mkdtemp(prefix="ipgov-report-")) / f"ipgov-work-{region}-{period}.{fmt}"
                    write(report, fmt, out)
                    response = FileResponse(out.open("rb"), content_type=CONTENT_TYPES[fmt],
                                            as_attachment=fmt != "html", filename=out.name)
                    return response
        context = self.get_context_data(regions=region_choices(request.user), region_code=region, period=period,
                                        formats=FORMATS, error=error, compare=params.get("compare", ""))
        return self.render_to_response(context, status=400 if error else 200)


urlpatterns = [path("reports/", ReportView.as_view(), name="reports")]
