"""Staff pages of applicant organizations: applicants whose records have no region (assign one once) and
credit-code conflicts (decide which code an organization keeps). Province office only (the services check)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from ipgov.orgs import services
from ipgov.web.access import StaffMixin


class UnresolvedView(StaffMixin, TemplateView):
    template_name = "web/orgs_unresolved.html"

    def get(self, request, *args, **kwargs):
        rows = services.unresolved(100)  # OutOfScope outside the province office: a 403
        return self.render_to_response(self.get_context_data(rows=rows))

    def post(self, request, *args, **kwargs):
        name, region = request.POST.get("name", "").strip(), request.POST.get("region", "").strip()
        try:
            n = services.assign_region(name, region)
        except services.OrgsError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("%(n)s record(s) placed in %(region)s") % {"n": n, "region": region})
        return redirect("web:orgs-unresolved")


class ReviewView(StaffMixin, TemplateView):
    template_name = "web/orgs_review.html"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(conflicts=services.conflicts()))

    def post(self, request, *args, **kwargs):
        try:
            c = services.decide_conflict(int(request.POST.get("conflict") or 0), request.POST.get("code", ""))
        except services.OrgsError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("#%(id)s %(name)s keeps %(code)s") % {
                "id": c.pk, "name": c.name, "code": c.chosen_code})
        return redirect("web:orgs-review")


urlpatterns = [
    path("applicants/unresolved/", UnresolvedView.as_view(), name="orgs-unresolved"),
    path("applicants/conflicts/", ReviewView.as_view(), name="orgs-review"),
]
