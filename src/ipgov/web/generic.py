"""Generic list / export / detail views for every registered page (registry.PAGES)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView, View

from ipgov.core import keyset
from ipgov.core.models import ObjectChange
from ipgov.regions.filtersets import RegionField
from ipgov.web import exports, pagestate
from ipgov.web.access import StaffMixin
from ipgov.web.filtersets import region_tree
from ipgov.web.registry import PAGES, ListPage, resolve_accessor

PER_PAGE_CHOICES = (25, 50, 100)


def get_page(slug: str) -> ListPage:
    try:
        return PAGES[slug]
    except KeyError:
        raise Http404(f"no list {slug!r}") from None


def filtered(page: ListPage, request):
    """The page's records in the user's scope, filtered and sorted as the query string asks."""
    filterset = page.filterset(request.GET or None, queryset=page.queryset(request.user, listed=True),
                               request=request)
    qs = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    sort = request.GET.get("sort", "")
    keys = {c.sort for c in page.columns if c.sort}
    if sort.lstrip("-") in keys:
        qs = qs.order_by(sort, "-pk")
    else:
        sort = ""
        qs = qs.order_by(*page.ordering)
    return filterset, qs, sort


class ObjectListView(StaffMixin, TemplateView):
    template_name = "web/object_list.html"

    def get_template_names(self):
        if getattr(self.request, "htmx", False) and self.request.htmx.target == "results":
            return ["web/_results.html"]
        return [self.template_name]

    def get_context_data(self, slug, **kwargs):
        page = get_page(slug)
        filterset, qs, sort = filtered(page, self.request)
        try:
            per_page = int(self.request.GET.get("per_page", 50))
        except ValueError:
            per_page = 50
        per_page = per_page if per_page in PER_PAGE_CHOICES else 50
        # Pages by key (core.keyset): the ids of the rows after (or before) the cursor's row along the
        # ordering, primary key last, then those rows; no OFFSET, so a deep page costs what the first costs.
        ordering = (sort,) if sort else page.ordering
        cursor_refused = False
        try:
            keys = keyset.key_page(qs, ordering, self.request.GET.get("cursor") or None, per_page)
        except keyset.CursorError:  # an old link (another ordering) or a hand-edited one: the first page
            cursor_refused = True
            keys = keyset.key_page(qs, ordering, None, per_page)
        loaded = page.queryset(self.request.user).in_bulk(keys.ids)
        objects = [loaded[i] for i in keys.ids if i in loaded]
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("cursor", None)
        has_region = _suggest_regions(filterset)
        sort_query = query.copy()
        sort_query.pop("sort", None)
        return {
            "page": page,
            "filterset": filterset,
            "keys": keys,
            "count": count_context(qs, keys, self.request),
            "cursor_refused": cursor_refused,
            "rows": [(obj, [resolve_accessor(obj, c.accessor) for c in page.columns]) for obj in objects],
            "sort": sort,
            "query": query.urlencode(),
            "sort_query": sort_query.urlencode(),
            "per_page": per_page,
            "per_page_choices": PER_PAGE_CHOICES,
            "export_formats": exports.FORMATS,
            "region_tree": region_tree(self.request.user, version=pagestate.of(self.request).regions) if has_region else [],
        }


def count_context(qs, page: keyset.KeyPage, request) -> dict:
    """What the results bar shows of the list's size (web/_count.html): the label, and whether a link may
    ask for the exact count (`?count=exact`) the page did not spend on."""
    found = keyset.size_of(qs, page, exact=request.GET.get("count") == "exact")
    return {"label": count_label(found), "cut_short": found.cut_short}


def count_label(found: keyset.Count) -> str:
    """The list's size as the results bar says it: exact for a small list; for a big one an estimate (or a
    lower bound) labelled as such, so that no page counts a whole register (core.keyset.count)."""
    from django.utils.translation import get_language, gettext, ngettext

    if found.exact:
        return ngettext("%(n)s record", "%(n)s records", found.n) % {"n": f"{found.n:,}"}
    if not found.estimated:
        return gettext("%(n)s+ records") % {"n": f"{found.n:,}"}
    return gettext("about %(n)s records (estimated)") % {"n": about(found.n, get_language() or "")}


def about(n: int, language: str) -> str:
    """An estimate rounded to two significant digits: 754,321 → "750,000", in Chinese "75万" (亿 from 10⁸)."""
    rounded = int(float(f"{n:.2g}")) if n >= 100 else n
    if language.startswith("zh"):
        for scale, unit in ((10**8, "亿"), (10**4, "万")):
            if rounded >= scale:
                return f"{rounded / scale:g}{unit}"
        return str(rounded)
    return f"{rounded:,}"


def _suggest_regions(filterset) -> bool:
    """Region filters (by code or name) get the region names as autocomplete; True when the list has one."""
    from django.utils.translation import gettext

    found = False
    for field in filterset.form.fields.values():
        if isinstance(field, RegionField):
            field.widget.attrs.update({"list": "region-names", "autocomplete": "off",
                                       "placeholder": gettext("name or pinyin initials")})
            found = True
    return found


class ObjectExportView(StaffMixin, View):
    def get(self, request, slug, fmt):
        page = get_page(slug)
        if fmt not in exports.FORMATS:
            raise Http404(f"unknown export format {fmt!r}")
        _, qs, _ = filtered(page, request)
        return exports.export(page, qs, fmt)


class ObjectDetailView(StaffMixin, TemplateView):
    def get_template_names(self):
        return [self.page.detail_template]

    def get(self, request, slug, pk, **kwargs):
        self.page = get_page(slug)
        # Out-of-scope objects are indistinguishable from missing ones: 404, never a hint.
        self.object = get_object_or_404(self.page.queryset(request.user), pk=pk)
        return super().get(request, slug=slug, pk=pk, **kwargs)

    def get_context_data(self, **kwargs):
        page, obj = self.page, self.object
        context = {
            "page": page,
            "object": obj,
            "fields": [(c.label, resolve_accessor(obj, c.accessor)) for c in (page.detail_fields or page.columns)],
            "timeline": page.timeline(obj) if page.timeline else None,
            "changes": object_changes(obj)[:20],
        }
        if page.detail_extra:
            context.update(page.detail_extra(self.request, obj))
        return context


def object_changes(obj):
    """The audit trail of one object (the caller has already checked the object is in scope), with
    the entry of the import batch that last wrote it (imports audit per batch, not per record)."""
    ids = [str(obj.pk)]
    if getattr(obj, "batch_id", None):
        from ipgov.core.ingest.bulk import batch_object_id

        ids.append(batch_object_id(obj.batch_id))
    return ObjectChange.objects.filter(
        object_type=ContentType.objects.get_for_model(obj), object_id__in=ids
    ).select_related("user")


class ObjectHistoryView(StaffMixin, TemplateView):
    template_name = "web/object_history.html"

    def get_context_data(self, slug, pk, **kwargs):
        page = get_page(slug)
        obj = get_object_or_404(page.queryset(self.request.user), pk=pk)
        return {"page": page, "object": obj, "changes": object_changes(obj)}
