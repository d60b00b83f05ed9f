"""The list/detail/export pages of the staff UI, declared once per object type.

Each page names its model, filterset, columns and sort keys; the generic views in `generic.py`
serve list, detail, export and history for every registered page, so the region scope is applied in
one place (`ListPage.queryset`) and a test can walk every page (tests/web/test_scope.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models

from ipgov.core.scope import VIEW


@dataclass(frozen=True)
class Column:
    accessor: str  # dotted path on the object ("region.name") or a method name
    label: str
    sort: str | None = None  # ORM ordering key when the column is sortable
    link: bool = False  # link to the detail page


@dataclass(frozen=True)
class TimelineEntry:
    date: object
    title: str
    detail: str = ""


@dataclass
class ListPage:
    slug: str
    model: type[models.Model]
    filterset: type
    columns: list[Column]
    title: str
    ordering: tuple[str, ...] = ("-pk",)
    select_related: tuple[str, ...] = ()
    detail_fields: list[Column] = field(default_factory=list)
    timeline: Callable[[models.Model], list[TimelineEntry]] | None = None
    detail_extra: Callable[[object, models.Model], dict] | None = None  # (request, obj) -> template context
    detail_template: str = "web/object_detail.html"
    nav_group: str = ""

    def queryset(self, user, action: str = VIEW, *, listed: bool = False):
        """Every read of this page's records starts here: restricted to the user's region scope (`listed`:
        by the scope's codes as values, for the list's plan — core.scope.RestrictedQuerySet.restrict)."""
        qs = self.model.objects.restrict(user, action, listed=listed)
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        return qs


PAGES: dict[str, ListPage] = {}


def register(page: ListPage) -> ListPage:
    if page.slug in PAGES:
        raise ValueError(f"web page {page.slug!r} registered twice")
    if not hasattr(page.model.objects, "restrict"):
        raise TypeError(f"{page.model.__name__} has no RestrictedQuerySet manager: it cannot be scoped")
    PAGES[page.slug] = page
    return page


def resolve_accessor(obj, accessor: str):
    value = obj
    for part in accessor.split("."):
        if value is None:
            return None
        display = getattr(value, f"get_{part}_display", None)
        value = display() if callable(display) else getattr(value, part)
        if callable(value) and not isinstance(value, models.Manager):
            value = value()
    return value
