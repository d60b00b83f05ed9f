"""Filtersets of the web app's own lists (the audit trail); domain lists declare theirs in pages/."""

from __future__ import annotations

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ipgov.core.models import ObjectChange
from ipgov.regions.models import Region


class RegionWithinFilter(django_filters.CharFilter):
    """A region code matching records of that region and everything under it (city → its counties)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("region code"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        value = (value or "").strip()
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__in": Region.objects.within(value).values("code")})


def region_choices(user, province_code: str = "410000"):
    """The regions a user may pick: the province and its 18 city-level units, within the user's scope."""
    from ipgov.core.scope import check_staff
    from ipgov.regions.services import city_level_units

    scope = check_staff(user)
    regions = [Region.objects.get(code=province_code), *city_level_units(province_code).order_by("code")]
    if not scope.everything and scope.region != province_code:
        allowed = set(scope.region_codes().values_list("code", flat=True))
        regions = [r for r in regions if r.code in allowed]
        if scope.region not in {r.code for r in regions}:
            regions.insert(0, Region.objects.get(code=scope.region))
    return [(r.code, r.name) for r in regions]


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
