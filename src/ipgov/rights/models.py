"""The register of rights: patents (专利), trademarks (商标), GI products (地理标志产品), and import batches.

A record's status at a date is never a stored field: it is derived from its dates and events
(`Patent.status_on`, `Trademark.is_valid_on`). `terminated_on` is a cache of the earliest
terminating event, maintained by the service that records events (`services.refresh_termination`)
so that counting queries stay plain SQL.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from ipgov.core.ingest.models import ImportBatch
from ipgov.core.models import ChangeLoggedModel
from ipgov.core.scope import RestrictedQuerySet
from ipgov.rights.choices import (
    APPLICATION_ENDING_EVENTS,
    TERMINATING_EVENTS,
    TRADEMARK_TERMINATING_EVENTS,
    ApplicantType,
    LegalEventKind,
    PatentStatus,
    PatentType,
    TrademarkEventKind,
    TrademarkKind,
)


class PatentQuerySet(RestrictedQuerySet):
    @staticmethod
    def valid_q(date: datetime.date) -> models.Q:
        """Granted on or before `date` and not terminated on or before it (有效专利) — the SQL form of
        `Patent.is_valid_on`, through the `terminated_on` cache; as a condition, for a count among others
        (`Count("pk", filter=…)`)."""
        return models.Q(grant_date__lte=date) & (models.Q(terminated_on__isnull=True) | models.Q(terminated_on__gt=date))

    def valid_on(self, date: datetime.date) -> PatentQuerySet:
        return self.filter(self.valid_q(date))


class Patent(ChangeLoggedModel):
    """A patent application and, once granted, the patent (专利)."""

    office = models.CharField(_("office"), max_length=2, default="CN",
                              help_text=_("office of filing; CN for the Chinese register"))
    application_number = models.CharField(_("application number"), max_length=32, unique=True)
    patent_type = models.CharField(_("type"), max_length=16, choices=PatentType.choices)
    filing_date = models.DateField(_("filing date"), db_index=True)
    publication_number = models.CharField(_("publication number"), max_length=32, blank=True)
    publication_date = models.DateField(_("publication date"), null=True, blank=True)
    grant_number = models.CharField(_("grant announcement number"), max_length=32, blank=True)
    # on PostgreSQL this plain index is dropped (migrations/0008): rights_patent_grant_desc serves its queries
    grant_date = models.DateField(_("grant announcement date"), null=True, blank=True, db_index=True)
    title = models.CharField(_("title"), max_length=500)
    abstract = models.TextField(_("abstract"), blank=True)
    ipc_main = models.CharField(_("main IPC"), max_length=32, blank=True)
    ipc_codes = models.JSONField(_("IPC codes"), default=list, blank=True)
    ipc_section = models.CharField(_("IPC section"), max_length=1, blank=True)
    # no index of its own: region_id leads the two (region, type, date) indexes, which serve every
    # region_id = / IN (…) query (scope, counts) — see migrations/0007_import_indexes.py
    region = models.ForeignKey("regions.Region", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="patents", verbose_name=_("region of the first applicant"),
                               db_index=False)
    applicant_type = models.CharField(_("first applicant's type"), max_length=24,
                                      choices=ApplicantType.choices, blank=True)
    is_domestic = models.BooleanField(_("domestic (mainland) first applicant"), null=True)
    inventors = models.JSONField(_("inventors"), default=list, blank=True)
    agency = models.CharField(_("patent agency"), max_length=200, blank=True)
    agent = models.CharField(_("patent agent"), max_length=200, blank=True)
    priority_number = models.CharField(_("priority number"), max_length=64, blank=True)
    priority_date = models.DateField(_("priority date"), null=True, blank=True)
    priority_count = models.PositiveSmallIntegerField(_("number of priorities"), default=0)
    is_pct = models.BooleanField(_("PCT national phase"), default=False)
    pct_application_number = models.CharField(_("international application number"), max_length=32,
                                              blank=True)
    pct_filing_date = models.DateField(_("international filing date"), null=True, blank=True)
    pct_publication_number = models.CharField(_("international publication number"), max_length=32,
                                              blank=True)
    national_phase_date = models.DateField(_("national-phase entry date"), null=True, blank=True)
    family_size = models.PositiveIntegerField(_("simple family size"), default=0)
    citations_count = models.PositiveIntegerField(_("citations"), default=0)
    source_status = models.CharField(_("legal status as received"), max_length=64, blank=True)
    terminated_on = models.DateField(_("right ended on"), null=True, blank=True,
                                     help_text=_("cache of the earliest terminating legal event"))
    record_date = models.DateField(_("latest date in the record"), null=True, blank=True,
                                   help_text=_("an import older than this does not overwrite the record"))
    record_hash = models.CharField(_("content hash"), max_length=64, blank=True)
    # no index of its own: batch_id leads rights_patent_batch_upd (migrations/0010_batch_updated_indexes.py)
    batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.PROTECT, db_index=False,
                              related_name="patents", verbose_name=_("last written by batch"))

    objects = PatentQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        ordering = ["-filing_date", "application_number"]
        verbose_name = _("patent")
        verbose_name_plural = _("patents")
        indexes = [
            models.Index(fields=["region", "patent_type", "filing_date"]),
            models.Index(fields=["region", "patent_type", "grant_date"]),
            # PostgreSQL also has rights_patent_region_filed (region_id, filing_date DESC): migrations/0011
            # the staff list's "status today: granted, ended" filter and its "right ended on" sort (issue 17)
            models.Index(fields=["terminated_on", "-id"], name="rights_patent_terminated"),
            # the staff list's "PCT national phase: yes" filter, newest first: a partial index of the few
            models.Index(fields=["filing_date"], condition=models.Q(is_pct=True), name="rights_patent_pct_filed"),
            # the snapshot's fingerprint (rows and latest write per batch) read from the index alone
            models.Index(fields=["batch", "updated"], name="rights_patent_batch_upd"),
        ]

    def __str__(self) -> str:
        return f"{self.application_number} {self.title[:60]}"

    def status_on(self, date: datetime.date) -> str:
        """The status at `date`, from the filing and grant dates and the legal events (PatentStatus)."""
        if self.filing_date > date:
            return PatentStatus.NOT_FILED
        events = [e for e in self.events.all() if e.date <= date]
        granted = self.grant_date is not None and self.grant_date <= date
        if granted:
            if any(e.kind in TERMINATING_EVENTS and e.date >= self.grant_date for e in events):
                return PatentStatus.TERMINATED
            return PatentStatus.VALID
        if any(e.kind in APPLICATION_ENDING_EVENTS for e in events):
            return PatentStatus.ENDED_UNGRANTED
        return PatentStatus.PENDING

    def is_valid_on(self, date: datetime.date) -> bool:
        return self.status_on(date) == PatentStatus.VALID


class Applicant(models.Model):
    """An applicant or patentee of a patent (申请人/专利权人), in the order of the record."""

    # indexed by the (patent, position) constraint; a second index would only slow imports down
    patent = models.ForeignKey(Patent, on_delete=models.CASCADE, related_name="applicants", db_index=False)
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=300)
    applicant_type = models.CharField(_("type"), max_length=24, choices=ApplicantType.choices, blank=True)
    address = models.CharField(_("address"), max_length=500, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    region = models.ForeignKey("regions.Region", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("region"), db_index=False)
    resolution_note = models.CharField(_("region resolution"), max_length=300, blank=True)

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "patent__region"

    class Meta:
        ordering = ["patent", "position"]
        constraints = [models.UniqueConstraint(fields=["patent", "position"], name="applicant_patent_position")]
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")

    def __str__(self) -> str:
        return self.name


class LegalEvent(models.Model):
    """A legal event of a patent (法律事件) with its date."""

    patent = models.ForeignKey(Patent, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=32, choices=LegalEventKind.choices)
    date = models.DateField(_("date"))
    detail = models.CharField(_("detail"), max_length=500, blank=True)

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "patent__region"

    class Meta:
        ordering = ["patent", "date", "id"]
        indexes = [models.Index(fields=["kind", "date"])]
        verbose_name = _("legal event")
        verbose_name_plural = _("legal events")

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"


class TrademarkQuerySet(RestrictedQuerySet):
    @staticmethod
    def valid_q(date: datetime.date) -> models.Q:
        """Registered on or before `date` and not cancelled, invalidated or expired by then (有效注册商标), as a
        condition."""
        return (models.Q(registration_date__lte=date)
                & (models.Q(terminated_on__isnull=True) | models.Q(terminated_on__gt=date)))

    def valid_on(self, date: datetime.date) -> TrademarkQuerySet:
        return self.filter(self.valid_q(date))


class Trademark(ChangeLoggedModel):
    """A trademark application or registration (商标)."""

    number = models.CharField(_("registration number"), max_length=32, unique=True)
    nice_classes = models.JSONField(_("Nice classes"), default=list, blank=True)
    filing_date = models.DateField(_("filing date"), null=True, blank=True, db_index=True)
    registration_date = models.DateField(_("registration date"), null=True, blank=True, db_index=True)
    expiry_date = models.DateField(_("end of the current term"), null=True, blank=True)
    name = models.CharField(_("mark"), max_length=300, blank=True)
    owner_name = models.CharField(_("owner"), max_length=300)
    owner_address = models.CharField(_("owner address"), max_length=500, blank=True)
    # no index of its own: region_id leads (region, registration_date) — see migrations/0009
    region = models.ForeignKey("regions.Region", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="trademarks", verbose_name=_("region of the owner"), db_index=False)
    resolution_note = models.CharField(_("region resolution"), max_length=300, blank=True)
    is_domestic = models.BooleanField(_("domestic (mainland) owner"), null=True)
    kind = models.CharField(_("kind"), max_length=16, choices=TrademarkKind.choices,
                            default=TrademarkKind.ORDINARY)
    is_gi = models.BooleanField(_("geographical-indication mark"), default=False)
    well_known_on = models.DateField(_("recognized as well-known (驰名商标) on"), null=True, blank=True)
    source_status = models.CharField(_("status as received"), max_length=64, blank=True)
    terminated_on = models.DateField(_("registration ended on"), null=True, blank=True, db_index=True,
                                     help_text=_("cache of the earliest terminating status event"))
    record_date = models.DateField(_("latest date in the record"), null=True, blank=True)
    record_hash = models.CharField(_("content hash"), max_length=64, blank=True)
    # no index of its own: batch_id leads rights_trademark_batch_upd (migrations/0010_batch_updated_indexes.py)
    batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.PROTECT, db_index=False,
                              related_name="trademarks", verbose_name=_("last written by batch"))

    objects = TrademarkQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        ordering = ["-filing_date", "number"]
        verbose_name = _("trademark")
        verbose_name_plural = _("trademarks")
        indexes = [
            models.Index(fields=["region", "registration_date"]),
            # the snapshot's fingerprint (rows and latest write per batch) read from the index alone
            models.Index(fields=["batch", "updated"], name="rights_trademark_batch_upd"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name or self.owner_name}"

    def is_valid_on(self, date: datetime.date) -> bool:
        """Registered on or before `date` and not cancelled, invalidated or expired by then (有效注册商标)."""
        if self.registration_date is None or self.registration_date > date:
            return False
        return not any(e.kind in TRADEMARK_TERMINATING_EVENTS and e.date <= date for e in self.events.all())


class TrademarkEvent(models.Model):
    """A status event of a trademark (商标法律状态事件)."""

    trademark = models.ForeignKey(Trademark, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=32, choices=TrademarkEventKind.choices)
    date = models.DateField(_("date"))
    detail = models.CharField(_("detail"), max_length=500, blank=True)

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "trademark__region"

    class Meta:
        ordering = ["trademark", "date", "id"]
        indexes = [models.Index(fields=["kind", "date"])]
        verbose_name = _("trademark event")
        verbose_name_plural = _("trademark events")

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"


class GIProduct(ChangeLoggedModel):
    """A geographical-indication product (地理标志产品) approved for protection."""

    name = models.CharField(_("product"), max_length=200)
    region = models.ForeignKey("regions.Region", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="gi_products", verbose_name=_("region"))
    area_text = models.CharField(_("area as received"), max_length=300, blank=True)
    approval_date = models.DateField(_("approval date"), null=True, blank=True, db_index=True)
    announcement_number = models.CharField(_("announcement"), max_length=100, blank=True)
    record_date = models.DateField(_("latest date in the record"), null=True, blank=True)
    record_hash = models.CharField(_("content hash"), max_length=64, blank=True)
    batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="gi_products", verbose_name=_("last written by batch"))

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name"], name="giproduct_name")]
        verbose_name = _("GI product")
        verbose_name_plural = _("GI products")

    def __str__(self) -> str:
        return self.name


class GIAuthorizedUser(models.Model):
    """An enterprise authorized to use a GI product's special mark (用标企业)."""

    product = models.ForeignKey(GIProduct, on_delete=models.CASCADE, related_name="authorized_users")
    name = models.CharField(_("enterprise"), max_length=300)
    authorized_on = models.DateField(_("authorized on"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "product__region"

    class Meta:
        ordering = ["product", "name"]
        verbose_name = _("authorized GI user")
        verbose_name_plural = _("authorized GI users")

    def __str__(self) -> str:
        return self.name


__all__ = [
    "Applicant", "GIAuthorizedUser", "GIProduct", "LegalEvent",
    "Patent", "Trademark", "TrademarkEvent", "LegalEventKind", "TrademarkEventKind",
]


class IpcEntry(models.Model):
    """IPC 2026.01 (Chinese edition) down to subclass level: sections, classes, subclasses."""

    class Level(models.TextChoices):
        SECTION = "section", _("section")
        CLASS = "class", _("class")
        SUBCLASS = "subclass", _("subclass")

    code = models.CharField(_("code"), max_length=8, primary_key=True)
    level = models.CharField(_("level"), max_length=8, choices=Level.choices)
    # a code, not a foreign key: the source lacks a few parents (class C01 above subclass C01B)
    parent = models.CharField(_("parent"), max_length=8, blank=True)
    title_zh = models.TextField(_("title (Chinese)"))
    title_zh_short = models.TextField(_("short title (Chinese)"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("IPC entry")
        verbose_name_plural = _("IPC entries")

    def __str__(self) -> str:
        return f"{self.code} {self.title_zh_short or self.title_zh}"


class NiceClass(models.Model):
    """The 45 classes of the Nice classification with their Chinese and English headings."""

    number = models.PositiveSmallIntegerField(_("class"), primary_key=True)
    kind = models.CharField(_("goods or services"), max_length=8)
    heading_zh = models.TextField(_("heading (Chinese)"))
    heading_en = models.TextField(_("heading (English)"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("Nice class")
        verbose_name_plural = _("Nice classes")

    def __str__(self) -> str:
        return f"{self.number}"
