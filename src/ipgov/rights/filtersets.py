"""Filtersets of the rights lists: one definition serves the staff UI, its exports and the API."""

from __future__ import annotations

import math
import re

import django_filters
from django.db import connections
from django.db.models import OuterRef, Q
from django.utils.translation import gettext_lazy as _

from ipgov.core import dbstats, textsearch
from ipgov.core.textsearch import contains
from ipgov.regions.filtersets import RegionWithinFilter
from ipgov.rights.choices import LegalEventKind, PatentType, TrademarkKind
from ipgov.rights.models import Applicant, GIProduct, LegalEvent, Patent, Trademark
from ipgov.rights.names import legal_form_key

# PostgreSQL: an applicant search whose name is on at most this many applicants (the planner's estimate, then
# counted) passes their patents' ids; more are probed along the list's order — unless the register is so big
# that probing for a page would cost more than reading the ids (`applicant_ids_bound`)
APPLICANT_IDS = 20_000
# what a probe costs against reading one id from the trigram index (10 million patents: a page of a firm's
# name probed, ~10 µs a patent; 河南大学's 134,920 ids read, ~3 µs each)
PROBE_PER_ID = 10 / 3
PAGE_ROWS = 50
NUMBER_LIKE = re.compile(r"[A-Za-z]{0,2}[\d.]+[A-Za-z]?")


def applicant_ids_bound(patents: int) -> int:
    """PostgreSQL: how many applicants' patent ids an applicant search reads before it probes instead. A name
    on m applicants among N patents is found about once in N/m patents, so a page of probes costs
    ~PAGE_ROWS·N/m probes, its ids m reads: the ids are cheaper while m² < PAGE_ROWS·PROBE_PER_ID·N. At
    10 million patents that is ~40,800 (河南大学: 134,920, probed; a firm: 5,693, its ids); at 40 million,
    ~81,600, where a firm of the synthetic register, on as large a share, has ~23,000 applicants: probed,
    its page took ~1 s (measured at 10 million with the bound forced down)."""
    return max(APPLICANT_IDS, math.isqrt(int(PAGE_ROWS * PROBE_PER_ID * max(patents, 0))))


class PatentFilterSet(django_filters.FilterSet):
    region = RegionWithinFilter(field_name="region")
    patent_type = django_filters.ChoiceFilter(choices=PatentType.choices, label=_("type"))
    filed_after = django_filters.DateFilter(field_name="filing_date", lookup_expr="gte", label=_("filed from"))
    filed_before = django_filters.DateFilter(field_name="filing_date", lookup_expr="lte", label=_("filed until"))
    granted_after = django_filters.DateFilter(field_name="grant_date", lookup_expr="gte",
                                              label=_("granted from"))
    granted_before = django_filters.DateFilter(field_name="grant_date", lookup_expr="lte",
                                               label=_("granted until"))
    status = django_filters.ChoiceFilter(method="filter_status", label=_("status today"), choices=[
        ("pending", _("not granted")), ("valid", _("granted, in force")), ("terminated", _("granted, ended")),
    ])
    applicant = django_filters.CharFilter(method="filter_applicant", label=_("applicant"))
    ipc = django_filters.CharFilter(method="filter_ipc", label=_("IPC (prefix)"))
    is_pct = django_filters.BooleanFilter(label=_("PCT national phase"))
    q = django_filters.CharFilter(method="filter_q", label=_("number or title"))

    class Meta:
        model = Patent
        fields = ["q", "region", "patent_type", "status", "filed_after", "filed_before", "granted_after",
                  "granted_before", "applicant", "ipc", "is_pct"]

    def filter_status(self, qs, name, value):
        if value == "pending":
            return qs.filter(grant_date__isnull=True)
        if value == "valid":
            return qs.filter(grant_date__isnull=False, terminated_on__isnull=True)
        if value == "terminated":
            return qs.filter(grant_date__isnull=False, terminated_on__isnull=False)
        return qs

    def filter_applicant(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        postgresql = connections[qs.db].vendor == "postgresql"
        # a subquery, not a join: no DISTINCT over the whole list, and the trigram index answers it
        patents = Applicant.objects.filter(self._holding(value, postgresql)).values("patent_id")
        if postgresql:
            # PostgreSQL misjudges this subquery beside the scope's region subquery and sorts the whole
            # register before probing applicants (EXPLAIN, 200,000 patents: 240 ms). When its statistics say
            # few applicants hold the name, their patents' ids first, from the trigram index (one query,
            # whatever the page's rows), passed as one array (core.anyof.AnyOf: 10,000 ids as IN (…) took
            # 60–90 ms to plan, three times a page)
            bound = applicant_ids_bound(dbstats.planned_rows(Patent.objects.all()) or 0)
            if (dbstats.planned_rows(patents) or 0) <= bound:
                ids = list(patents.order_by().values_list("patent_id", flat=True)[:bound + 1])
                if len(ids) <= bound:
                    return textsearch.among(qs, ids)
            # many (河南大学 on 134,920 of 10 million patents' applicants): reading every match costs more
            # than probing the patents of the page along its order (textsearch.ProbedExists)
            applicants = Applicant.objects.filter(textsearch.row_holds("name", value), patent=OuterRef("pk"))
            return qs.filter(textsearch.ProbedExists(applicants))
        # SQLite: many applicants hold the name (河南大学: 10,000 of 1.1 million): probe them along the list's
        # order, the first page stops after its rows; few: they drive (textsearch.WALK_FROM)
        return textsearch.among(qs, patents, walk=textsearch.many(Applicant, "name", value))

    @staticmethod
    def _holding(value: str, postgresql: bool) -> Q:
        """Applicants whose name holds `value`. PostgreSQL's trigram index reads the posting list of each
        trigram of the name, and a legal form's are on most applicants (有限公司: 82 %; 90 of a firm's 103 ms
        at 15 million applicants): the index is asked for the name without it, each row it gives tested for
        the whole name (12 ms)."""
        distinct = legal_form_key(value) if postgresql else value
        if distinct == value or len(distinct) < textsearch.MIN_TRIGRAM:
            return contains(Applicant, "name", value)
        return contains(Applicant, "name", distinct) & Q(textsearch.row_holds("name", value))

    def filter_ipc(self, qs, name, value):
        value = value.strip().upper()
        return qs.filter(ipc_main__istartswith=value) if value else qs

    def filter_q(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        if NUMBER_LIKE.fullmatch(value):  # a number (or part of one): the number or the title may hold it
            return qs.filter(contains(Patent, "application_number", value) | contains(Patent, "title", value))
        return textsearch.filter_contains(qs, "title", value)  # words: the title only, from its trigram index


class TrademarkFilterSet(django_filters.FilterSet):
    region = RegionWithinFilter(field_name="region")
    kind = django_filters.ChoiceFilter(choices=TrademarkKind.choices, label=_("kind"))
    filed_after = django_filters.DateFilter(field_name="filing_date", lookup_expr="gte", label=_("filed from"))
    filed_before = django_filters.DateFilter(field_name="filing_date", lookup_expr="lte", label=_("filed until"))
    registered_after = django_filters.DateFilter(field_name="registration_date", lookup_expr="gte",
                                                 label=_("registered from"))
    registered_before = django_filters.DateFilter(field_name="registration_date", lookup_expr="lte",
                                                  label=_("registered until"))
    status = django_filters.ChoiceFilter(method="filter_status", label=_("status today"), choices=[
        ("pending", _("not registered")), ("valid", _("registered, in force")),
        ("terminated", _("registration ended")),
    ])
    owner = django_filters.CharFilter(method="filter_owner", label=_("owner"))
    is_gi = django_filters.BooleanFilter(label=_("geographical-indication mark"))
    q = django_filters.CharFilter(method="filter_q", label=_("number or mark"))

    class Meta:
        model = Trademark
        fields = ["q", "region", "kind", "status", "filed_after", "filed_before", "registered_after",
                  "registered_before", "owner", "is_gi"]

    def filter_status(self, qs, name, value):
        if value == "pending":
            return qs.filter(registration_date__isnull=True)
        if value == "valid":
            return qs.filter(registration_date__isnull=False, terminated_on__isnull=True)
        if value == "terminated":
            return qs.filter(registration_date__isnull=False, terminated_on__isnull=False)
        return qs

    def filter_owner(self, qs, name, value):
        return qs.filter(contains(Trademark, "owner_name", value)) if value.strip() else qs

    def filter_q(self, qs, name, value):
        value = value.strip()
        return qs.filter(Q(number__icontains=value) | Q(name__icontains=value)) if value else qs


class GIProductFilterSet(django_filters.FilterSet):
    region = RegionWithinFilter(field_name="region")
    approved_after = django_filters.DateFilter(field_name="approval_date", lookup_expr="gte",
                                               label=_("approved from"))
    approved_before = django_filters.DateFilter(field_name="approval_date", lookup_expr="lte",
                                                label=_("approved until"))
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("product"))

    class Meta:
        model = GIProduct
        fields = ["q", "region", "approved_after", "approved_before"]


class LegalEventFilterSet(django_filters.FilterSet):
    region = RegionWithinFilter(field_name="patent__region")
    kind = django_filters.ChoiceFilter(choices=LegalEventKind.choices, label=_("kind"))
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("from date"))
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("until date"))
    patent = django_filters.CharFilter(field_name="patent__application_number", label=_("application number"))

    class Meta:
        model = LegalEvent
        fields = ["region", "kind", "date_after", "date_before", "patent"]
