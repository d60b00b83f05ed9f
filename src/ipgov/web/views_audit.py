"""The audit trail for administrators: search every change, read-only (GET only)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from ipgov.core.models import ObjectChange
from ipgov.web.access import AdministratorMixin
from ipgov.web.filtersets import ObjectChangeFilterSet


class AuditSearchView(AdministratorMixin, TemplateView):
    template_name = "web/audit_list.html"
    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        filterset = ObjectChangeFilterSet(
            self.request.GET or None, queryset=ObjectChange.objects.select_related("object_type", "user")
        )
        qs = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        page_obj = Paginator(qs, 50).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        return {"filterset": filterset, "page_obj": page_obj, "query": query.urlencode()}


class AuditDetailView(AdministratorMixin, TemplateView):
    template_name = "web/audit_detail.html"
    http_method_names = ["get", "head"]

    def get_context_data(self, pk, **kwargs):
        change = get_object_or_404(ObjectChange.objects.select_related("object_type", "user"), pk=pk)
        keys = sorted(set(change.before or {}) | set(change.after or {}))
        diff = [
            (k, (change.before or {}).get(k), (change.after or {}).get(k),
             (change.before or {}).get(k) != (change.after or {}).get(k))
            for k in keys
        ]
        return {"change": change, "diff": diff}
