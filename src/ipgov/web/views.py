"""The dashboard (landing page). Lists and details are the generic views of generic.py."""

from __future__ import annotations

from django.apps import apps
from django.contrib import messages
from django.http import Http404
from django.utils.translation import gettext
from django.views.generic import TemplateView

from ipgov.web import dashboard, pagestate
from ipgov.web.access import StaffMixin
from ipgov.web.filtersets import region_tree


class DashboardView(StaffMixin, TemplateView):
    template_name = "web/dashboard.html"

    def get_template_names(self):
        if getattr(self.request, "htmx", False) and self.request.htmx.target == "dash":
            return ["web/_dashboard.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        user, params, state = self.request.user, self.request.GET, pagestate.of(self.request)
        region = params.get("region") or dashboard.default_region(user)
        limit = state.cutoff
        period = params.get("period") or dashboard.default_period(limit)
        indicator = params.get("indicator") or dashboard.DEFAULT_MAP_INDICATOR
        context = {"region_tree": region_tree(user, version=state.regions), "region_code": region, "period": period,
                   "indicator": indicator, "engine": apps.is_installed("ipgov.indicators")}
        if context["engine"]:
            from ipgov.core import periods
            from ipgov.core.periods import PeriodError
            from ipgov.indicators.catalogue import UnknownIndicator

            try:  # a region outside the user's scope: OutOfScope from build, a 403
                if limit is not None and periods.parse(period).last > limit.last:  # no data after the cut-off
                    messages.info(self.request, gettext("%(p)s is after the data cut-off: %(d)s is shown.")
                                  % {"p": periods.parse(period).label, "d": periods.parse(dashboard.default_period(limit)).label})
                    period = context["period"] = dashboard.default_period(limit)
                board = dashboard.build(user, region, period, indicator, state)
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


class CompareView(StaffMixin, TemplateView):
    """Two regions or two periods side by side (?a=410100&b=410300&period=2020H1[&period_b=2019H1])."""

    template_name = "web/compare.html"

    def get_context_data(self, **kwargs):
        from ipgov.core import periods
        from ipgov.core.periods import PeriodError

        user, params, state = self.request.user, self.request.GET, pagestate.of(self.request)
        limit = state.cutoff
        a = params.get("a") or dashboard.default_region(user)
        b = params.get("b") or a
        period = params.get("period") or dashboard.default_period(limit)
        try:  # one region: this period against the same period a year earlier
            period_b = params.get("period_b") or (period if b != a else periods.parse(period).shifted(-1).code)
        except PeriodError as exc:
            raise Http404(str(exc)) from exc
        context = {"region_tree": region_tree(user, version=state.regions), "a": a, "b": b, "period": period, "period_b": period_b,
                   "engine": apps.is_installed("ipgov.indicators")}
        if context["engine"]:
            try:
                left, right, rows = dashboard.compare(user, a, b, period, period_b)
            except PeriodError as exc:
                raise Http404(str(exc)) from exc
            context.update(left=left, right=right, rows=rows,
                           period_choices=dashboard.period_choices(period, limit))
        return context
