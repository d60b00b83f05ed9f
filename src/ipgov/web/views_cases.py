"""Case desk and case actions: every write goes through ipgov.cases.services, under the request's actor."""

from __future__ import annotations

import datetime

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from ipgov.cases import services
from ipgov.cases.models import Case, CaseEvent
from ipgov.cases.workflow import WorkflowError
from ipgov.core.scope import OutOfScope
from ipgov.web.access import StaffMixin
from ipgov.web.pages.cases import allowed_transitions, finished_q, working_days_left

TABS = {
    "open": gettext_lazy("Open cases"),
    "mine": gettext_lazy("My open cases"),
    "due_soon": gettext_lazy("Due soon"),
    "overdue": gettext_lazy("Overdue"),
}


STALE_AFTER_DAYS = 92  # a data cut-off older than this: the register is an archive (the demo), not live work


def default_as_of() -> datetime.date:
    """Today, unless the register's data ended long ago (the demo's end in 2020-06): then the data
    cut-off's last day, so the desk shows deadlines as they stood then, not thousands of days overdue."""
    today = timezone.localdate()
    if apps.is_installed("ipgov.indicators"):
        from ipgov.indicators import cutoff

        month = cutoff.current()
        if month is not None and (today - month.end).days > STALE_AFTER_DAYS:
            return month.end
    return today


def _as_of(request) -> datetime.date:
    try:
        return datetime.date.fromisoformat(request.GET.get("as_of", ""))
    except ValueError:
        return default_as_of()


class DeskView(StaffMixin, TemplateView):
    template_name = "web/case_desk.html"

    def get_context_data(self, **kwargs):
        request = self.request
        tab = request.GET.get("tab", "open")
        if tab not in TABS:
            raise Http404(f"no desk tab {tab!r}")
        as_of = _as_of(request)
        soon = int(request.GET.get("within", 3)) if request.GET.get("within", "3").isdecimal() else 3
        rows = []
        if tab in {"due_soon", "overdue"}:
            deadlines = (services.due_soon(as_of, within_working_days=soon) if tab == "due_soon"
                         else services.overdue(as_of))
            page_obj = Paginator(deadlines, 50).get_page(request.GET.get("page"))
            for d in page_obj:
                rows.append({"case": d.case, "deadline": d.label, "due_on": d.due_on,
                             "left": working_days_left(d.due_on, as_of)})
        else:
            cases = services.visible_cases().exclude(finished_q())
            if tab == "mine":
                cases = cases.filter(Exists(CaseEvent.objects.filter(case=OuterRef("pk"), user=request.user)))
            cases = cases.order_by("received_on", "number")
            page_obj = Paginator(cases, 50).get_page(request.GET.get("page"))
            nearest = {}
            for d in services.open_deadlines(as_of).filter(case__in=[c.pk for c in page_obj]):
                nearest.setdefault(d.case_id, d)
            for c in page_obj:
                d = nearest.get(c.pk)
                rows.append({"case": c, "deadline": d.label if d else "", "due_on": d.due_on if d else None,
                             "left": working_days_left(d.due_on, as_of) if d else None})
        for row in rows:
            row["transitions"] = allowed_transitions(request.user, row["case"])
        query = request.GET.copy()
        query.pop("page", None)
        return {"tab": tab, "tabs": TABS, "rows": rows, "page_obj": page_obj, "as_of": as_of,
                "within": soon, "query": query.urlencode()}


def _case_url(case) -> str:
    return reverse("web:detail", args=["cases", case.pk])


class TransitionView(StaffMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk, transition):
        try:
            case = services.get_case(pk)
        except (Case.DoesNotExist, OutOfScope):
            raise Http404("no such case in your scope") from None
        values = {k[len("value_"):]: v for k, v in request.POST.items() if k.startswith("value_") and v != ""}
        try:
            case = services.move_case(pk, transition, **values)
        except OutOfScope as exc:
            raise PermissionDenied(str(exc)) from exc
        except (WorkflowError, ValueError) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("%(case)s: %(state)s") % {"case": case.number,
                                                                 "state": case.get_state_display()})
        return redirect(request.POST.get("next") or _case_url(case))


class DocumentView(StaffMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        try:
            case = services.get_case(pk)
        except (Case.DoesNotExist, OutOfScope):
            raise Http404("no such case in your scope") from None
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("choose a file to attach"))
            return redirect(_case_url(case))
        try:
            services.attach_document(pk, request.POST.get("doc_type", ""), upload.name, upload.read())
        except OutOfScope as exc:
            raise PermissionDenied(str(exc)) from exc
        except (WorkflowError, ValueError) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("document attached"))
        return redirect(_case_url(case))


urlpatterns = [
    path("desk/", DeskView.as_view(), name="desk"),
    path("cases/<int:pk>/transition/<slug:transition>/", TransitionView.as_view(), name="case-transition"),
    path("cases/<int:pk>/documents/", DocumentView.as_view(), name="case-document"),
]
