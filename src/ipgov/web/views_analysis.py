"""Evaluation pages: the evaluations in the user's scope, one evaluation's ranking with its score
breakdown, the map of city scores (the dashboard's Henan map), the working of one unit, the 通报 (DOCX) and
the working (XLSX); inspection checklists with evidence uploads and inspectors' scores."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.generic import TemplateView, View

from ipgov.analysis import services
from ipgov.analysis.models import Checklist, ChecklistItem, Evaluation
from ipgov.core.scope import OutOfScope
from ipgov.reports import evaluation as notice
from ipgov.web.access import StaffMixin
from ipgov.web.views_reports import CONTENT_TYPES


def _evaluation(pk: int) -> Evaluation:
    try:  # outside the scope an evaluation does not exist
        return services.get_evaluation(pk)
    except (Evaluation.DoesNotExist, OutOfScope):
        raise Http404("no such evaluation") from None


class AnalysisView(StaffMixin, TemplateView):
    template_name = "web/analysis.html"

    def get_context_data(self, **kwargs):
        return {"evaluations": services.evaluations().select_related("region").order_by("scheme", "period",
                                                                                         "-version"),
                "checklists": services.checklists()}


ROWS_SHOWN = 200  # the page's ranking; the XLSX holds every unit


class EvaluationView(StaffMixin, TemplateView):
    template_name = "web/evaluation.html"

    def get_context_data(self, pk, **kwargs):
        ev = _evaluation(pk)
        unit = self.request.GET.get("unit") or self.request.GET.get("region")
        working = None
        if unit:
            try:
                working = services.unit_working(ev, unit)
            except services.EvaluationError as exc:
                messages.error(self.request, str(exc))
        listed = {r["key"] for r in notice.listed_rows(ev)}
        shown = ev.rows[:max(ROWS_SHOWN, len(listed))]  # an enterprise ranking has thousands of units
        context = {"ev": ev, "title": notice.title(ev), "notes": notice.method_notes(ev), "working": working,
                   "indicators": ev.result["indicators"], "groups": ev.result.get("groups") or [],
                   "rows": [dict(r, listed=r["key"] in listed) for r in shown],
                   "rows_hidden": len(ev.rows) - len(shown)}
        if ev.result["population"] == "cities":
            context["chart_data"] = {"kpis": [], "selected": unit or "",
                                     "map": [{"code": r["key"], "name": r["name"], "value": r["total"]}
                                             for r in ev.rows]}
        return context


class EvaluationExportView(StaffMixin, View):
    def get(self, request, pk, fmt):
        ev = _evaluation(pk)
        if fmt not in notice.FORMATS:
            raise Http404("unknown format")
        filename = f"{ev.scheme}-{ev.period}-v{ev.version}.{fmt}"
        with tempfile.TemporaryDirectory(prefix="ipgov-evaluation-") as folder:
            content = notice.write(ev, fmt, Path(folder) / filename).read_bytes()
        response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class ChecklistView(StaffMixin, TemplateView):
    template_name = "web/checklist.html"

    def get_context_data(self, pk, **kwargs):
        try:
            cl = services.get_checklist(pk)
        except (Checklist.DoesNotExist, OutOfScope):
            raise Http404("no such checklist") from None
        return {"checklist": cl, "items": cl.items.all()}


class ChecklistItemView(StaffMixin, View):
    """POST: an inspector's score (and comment) for one item, and/or an evidence file."""

    def post(self, request, pk):
        try:
            item = ChecklistItem.objects.select_related("checklist").get(pk=pk)
            services.get_checklist(item.checklist_id)
        except (ChecklistItem.DoesNotExist, Checklist.DoesNotExist, OutOfScope):
            raise Http404("no such item") from None
        upload = request.FILES.get("evidence")
        try:  # a read-only role within the scope: OutOfScope from the service, a 403
            if upload or request.POST.get("evidence_note"):
                services.attach_item_evidence(item, upload.name if upload else "", upload.read() if upload else b"",
                                              request.POST.get("evidence_note", ""))
            if request.POST.get("score", "") != "":
                services.score_item(item, request.POST["score"], request.POST.get("comment", ""))
        except services.EvaluationError as exc:
            messages.error(request, str(exc))
        return redirect(reverse("web:checklist", args=[item.checklist_id]))


class LandscapeView(StaffMixin, TemplateView):
    """A patent-navigation landscape (region × industry × period); `format=docx|pdf|html|xlsx` downloads
    the 导航报告. A region outside the user's scope: OutOfScope from the service, a 403."""

    template_name = "web/landscape.html"

    def get(self, request, *args, **kwargs):
        from ipgov.reports.navigation import build_navigation
        from ipgov.reports.writers import FORMATS
        from ipgov.web.dashboard import default_region
        from ipgov.web.views_reports import _report_response

        params = request.GET
        region = params.get("region") or default_region(request.user)
        industry, period = params.get("industry") or "wipo35:20", params.get("period") or "2019"
        scheme, _sep, target = industry.partition(":")
        fmt = params.get("format", "")
        try:
            if fmt in FORMATS:
                report = build_navigation(region, scheme, target, period)
                return _report_response(report, fmt, f"navigation-{region}-{scheme}-{target}-{period}.{fmt}")
            landscape, error = services.landscape(region, scheme, target, period), None
        except services.EvaluationError as exc:
            landscape, error = None, str(exc)
        context = self.get_context_data(L=landscape, error=error, region_code=region, industry=industry,
                                        period=period, formats=FORMATS)
        return self.render_to_response(context, status=400 if error else 200)


def _zone(pk: int):
    from ipgov.programs.models import Designation

    try:  # outside the scope a zone does not exist
        return services.get_zone(pk)
    except (Designation.DoesNotExist, OutOfScope):
        raise Http404("no such navigation zone") from None


class ZonesView(StaffMixin, TemplateView):
    """The patent navigation zones (专利导航产业发展实验区) in the user's scope, with their industries."""

    template_name = "web/zones.html"

    def get_context_data(self, **kwargs):
        return {"zones": [(z, services.zone_industries(z)) for z in services.zones()]}


class ZoneView(StaffMixin, TemplateView):
    """One zone: its industries (editable by staff who may change the zone) and, for each, the landscape of
    the zone's region beside the province and the nation (where a national figure is loaded)."""

    template_name = "web/zone.html"

    def get(self, request, pk, *args, **kwargs):
        zone = _zone(pk)
        period = request.GET.get("period") or "2019"
        other_pk = request.GET.get("with", "")
        # the second zone through the same scope check as the first: outside the scope it does not exist
        other = _zone(int(other_pk)) if other_pk.isdigit() and int(other_pk) != zone.pk else None
        try:
            view, error = services.zone_landscape(zone, period, other), None
        except services.EvaluationError as exc:
            view, error = None, str(exc)
        context = self.get_context_data(zone=zone, V=view, error=error, period=period, other=other,
                                        others=[z for z in services.zones() if z.pk != zone.pk],
                                        industries=services.zone_industries(zone),
                                        region=services.zone_region(zone))
        return self.render_to_response(context, status=400 if error else 200)


class ZoneIndustriesView(StaffMixin, View):
    """POST `industries`: the zone's industries, `scheme:code` separated by spaces, commas or 、."""

    def post(self, request, pk):
        import re

        zone = _zone(pk)
        items = [t for t in re.split(r"[\s,，、;；]+", request.POST.get("industries", "")) if t]
        try:  # a read-only role within the scope: OutOfScope from the service, a 403
            services.set_zone_industries(zone, items)
        except services.EvaluationError as exc:
            messages.error(request, str(exc))
        return redirect(reverse("web:zone", args=[zone.pk]))


urlpatterns = [
    path("analysis/zones/", ZonesView.as_view(), name="zones"),
    path("analysis/zones/<int:pk>/", ZoneView.as_view(), name="zone"),
    path("analysis/zones/<int:pk>/industries/", ZoneIndustriesView.as_view(), name="zone-industries"),
    path("analysis/landscape/", LandscapeView.as_view(), name="landscape"),
    path("analysis/", AnalysisView.as_view(), name="analysis"),
    path("analysis/evaluations/<int:pk>/", EvaluationView.as_view(), name="evaluation"),
    path("analysis/evaluations/<int:pk>/export.<str:fmt>", EvaluationExportView.as_view(), name="evaluation-export"),
    path("analysis/checklists/<int:pk>/", ChecklistView.as_view(), name="checklist"),
    path("analysis/checklists/items/<int:pk>/", ChecklistItemView.as_view(), name="checklist-item"),
]
