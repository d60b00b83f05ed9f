"""Filtersets of core's records: the audit trail (staff UI and API) and import batches (API)."""

from __future__ import annotations

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ipgov.core.ingest.choices import BatchStatus, ImportKind
from ipgov.core.ingest.models import ImportBatch
from ipgov.core.models import ObjectChange


class ObjectChangeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("search"))
    actor = django_filters.CharFilter(lookup_expr="icontains", label=_("actor"))
    action = django_filters.ChoiceFilter(choices=ObjectChange.Action.choices, label=_("action"))
    object_type = django_filters.ModelChoiceFilter(
        queryset=ContentType.objects.filter(app_label__in=[
            "core", "auth", "regions", "rights", "cases", "utilization", "indicators", "reports"]
        ).order_by("app_label", "model"),
        label=_("object type"),
    )
    time_after = django_filters.DateFilter(field_name="time", lookup_expr="date__gte", label=_("from date"))
    time_before = django_filters.DateFilter(field_name="time", lookup_expr="date__lte", label=_("until date"))
    remote_addr = django_filters.CharFilter(label=_("from address"))

    class Meta:
        model = ObjectChange
        fields = ["q", "actor", "action", "object_type", "time_after", "time_before", "remote_addr"]

    def search(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        return qs.filter(Q(object_repr__icontains=value) | Q(object_id=value) | Q(message__icontains=value))


class ImportBatchFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=ImportKind.choices, label=_("kind"))
    status = django_filters.ChoiceFilter(choices=BatchStatus.choices, label=_("status"))
    started_after = django_filters.DateFilter(field_name="started", lookup_expr="date__gte", label=_("from date"))

    class Meta:
        model = ImportBatch
        fields = ["kind", "status", "started_after"]
