"""The audit trail for administrators: search every change, read-only (GET only)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from ipgov.core import keyset
from ipgov.core.models import ObjectChange
from ipgov.web.access import AdministratorMixin
from ipgov.web.filtersets import ObjectChangeFilterSet
from ipgov.web.generic import count_context


class AuditSearchView(AdministratorMixin, TemplateView):
    template_name = "web/audit_list.html"
    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        filterset = ObjectChangeFilterSet(
            self.request.GET or None, queryset=ObjectChange.objects.select_related("object_type", "user")
        )
        qs = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        # The trail only grows: pages by key on its ordering (time, then id), as the register lists
        cursor_refused = False
        try:
            keys = keyset.key_page(qs, ObjectChange._meta.ordering, self.request.GET.get("cursor") or None, 50)
        except keyset.CursorError:
            cursor_refused = True
            keys = keyset.key_page(qs, ObjectChange._meta.ordering, None, 50)
        loaded = qs.in_bulk(keys.ids)
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("cursor", None)
        return {"filterset": filterset, "changes": [loaded[i] for i in keys.ids if i in loaded], "keys": keys,
                "count": count_context(qs, keys, self.request), "cursor_refused": cursor_refused, "query": query.urlencode()}


class AuditDetailView(AdministratorMixin, TemplateView):
    template_name = "web/audit_detail.html"
    http_method_names = ["get", "head"]

    def get_context_data(self, pk, **kwargs):
        change = get_object_or_404(ObjectChange.objects.select_related("object_type", "user"), pk=pk)
        before, after = change.before or {}, change.after or {}
        model = change.object_type.model_class() if change.object_type_id else None
        labels_before, shown_before = _readable(model, before)
        labels, shown_after = _readable(model, after)
        labels = {**labels_before, **labels}
        diff = [
            (labels.get(k, k), shown_before.get(k, before.get(k)), shown_after.get(k, after.get(k)),
             before.get(k) != after.get(k))
            for k in sorted(set(before) | set(after))
        ]
        return {"change": change, "diff": diff}


def _readable(model, values: dict) -> tuple[dict, dict]:
    """Field labels (verbose names) and values as the pages show them (choices by their label), for a
    snapshot of `model`'s concrete fields; keys and values the model no longer knows are left as stored."""
    if model is None or not values:
        return {}, {}
    fields = {f.attname: f for f in model._meta.concrete_fields}
    labels = {k: str(fields[k].verbose_name) for k in values if k in fields}
    try:
        instance = model(**{k: v for k, v in values.items() if k in fields})
    except (TypeError, ValueError):
        return labels, {}
    shown = {}
    for k in labels:
        display = getattr(instance, f"get_{fields[k].name}_display", None)
        if callable(display) and values[k] not in (None, ""):
            try:
                shown[k] = display()
            except (LookupError, ValueError, AttributeError):
                pass
    return labels, shown
