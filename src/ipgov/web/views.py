"""The dashboard (landing page). Lists and details are the generic views of generic.py."""

from __future__ import annotations

from django.apps import apps
from django.http import Http404
from django.views.generic import TemplateView

from ipgov.web import dashboard
from ipgov.web.access import StaffMixin
from ipgov.web.filtersets import region_choices


class DashboardView(StaffMixin, TemplateView):
    template_name = "web/dashboard.html"

    def get_template_names(self):
        if getattr(self.request, "htmx", False) and self.request.htmx.target == "dash":
            return ["web/_dashboard.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        user, params = self.request.user, self.request.GET
        region = params.get("region") or dashboard.default_region(user)
        period = params.get("period") or dashboard.DEFAULT_PERIOD
        indicator = params.get("indicator") or dashboard.DEFAULT_MAP_INDICATOR
        context = {"regions": region_choices(user), "region_code": region, "period": period,
                   "indicator": indicator, "engine": apps.is_installed("ipgov.indicators")}
        if context["engine"]:
            from ipgov.core.periods import PeriodError
            from ipgov.indicators.catalogue import UnknownIndicator

            try:  # a region outside the user's scope: OutOfScope from build, a 403
                board = dashboard.build(user, region, period, indicator)
            except (PeriodError, UnknownIndicator) as exc:
                raise Http404(str(exc)) from exc
            context["board"] = board
            context["chart_data"] = {
                "kpis": [{"id": f.indicator, "spark": f.spark} for f in board.kpis],
                "trend": board.trend,
                "map": [{"code": c["code"], "name": c["name"], "value": c["value"]} for c in board.cities],
                "selected": region,
            }
        return context
