"""Filtersets of the rights lists: one definition serves the staff UI, its exports and the API."""

from __future__ import annotations

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

# an applicant search whose name is on at most this many applicants (PostgreSQL's estimate, then counted)
# passes their patents' ids; more are probed along the list's order
APPLICANT_IDS = 20_000
NUMBER_LIKE = re.compile(r"[A-Za-z]{0,2}[\d.]+[A-Za-z]?")


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
        holding = contains(Applicant, "name", value)
        # a subquery, not a join: no DISTINCT over the whole list, and the trigram index answers it
        patents = Applicant.objects.filter(holding).values("patent_id")
        if connections[qs.db].vendor == "postgresql":
            # the trigram index reads the posting list of each trigram of the name; a legal form's are on most
            # applicants (有限公司: 82 %), 90 of a firm's 103 ms at 15 million applicants: the index is asked
            # for the name without it, each row it gives tested for the whole name (12 ms)
            distinct = legal_form_key(value)
            if distinct != value and len(distinct) >= textsearch.MIN_TRIGRAM:
                patents = Applicant.objects.filter(contains(Applicant, "name", distinct),
                                                   textsearch.row_holds("name", value)).values("patent_id")
            # PostgreSQL misjudges this subquery beside the scope's region subquery and sorts the whole
            # register before probing applicants (EXPLAIN, 200,000 patents: 240 ms). When its statistics say
            # few applicants hold the name, their patents' ids first, from the trigram index (one query,
            # whatever the page's rows), passed as one array (core.anyof.AnyOf: 10,000 ids as IN (…) took
            # 60–90 ms to plan, three times a page)
            if (dbstats.planned_rows(patents) or 0) <= APPLICANT_IDS:
                ids = list(patents.order_by().values_list("patent_id", flat=True)[:APPLICANT_IDS + 1])
                if len(ids) <= APPLICANT_IDS:
                    return textsearch.among(qs, ids)
            # many (河南大学 on 134,920 of 10 million patents' applicants): reading every match costs more
            # than probing the patents of the page along its order (textsearch.ProbedExists)
            applicants = Applicant.objects.filter(textsearch.row_holds("name", value), patent=OuterRef("pk"))
            return qs.filter(textsearch.ProbedExists(applicants))
        # SQLite: many applicants hold the name (河南大学: 10,000 of 1.1 million): probe them along the list's
        # order, the first page stops after its rows; few: they drive (textsearch.WALK_FROM)
        return textsearch.among(qs, patents, walk=textsearch.many(Applicant, "name", value))

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
