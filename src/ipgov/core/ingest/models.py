"""Provenance of every import (any kind): the batch, its refused rows, and the versions it replaced.

These tables were created by the `rights` app; they keep their names (`rights_importbatch` …) so
that moving the models to `core` changed no data (see core migration 0002).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ipgov.core.ingest.choices import BatchStatus, ImportFormat, ImportKind


class ImportBatch(models.Model):
    """One import of one file (导入批次): provenance of every record it wrote."""

    file_name = models.CharField(_("file name"), max_length=500)
    checksum = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    format = models.CharField(_("format"), max_length=8, choices=ImportFormat.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=ImportKind.choices)
    encoding = models.CharField(_("encoding"), max_length=32, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=BatchStatus.choices,
                              default=BatchStatus.COMMITTED)
    strict = models.BooleanField(_("strict"), default=False)
    rows_total = models.PositiveIntegerField(_("rows read"), default=0)
    rows_ok = models.PositiveIntegerField(_("valid rows"), default=0)
    rows_invalid = models.PositiveIntegerField(_("invalid rows"), default=0)
    rows_created = models.PositiveIntegerField(_("created"), default=0)
    rows_updated = models.PositiveIntegerField(_("updated"), default=0)
    rows_unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    rows_stale = models.PositiveIntegerField(_("older than the register"), default=0)
    rows_duplicate = models.PositiveIntegerField(_("duplicates within the file"), default=0)
    unresolved_applicants = models.PositiveIntegerField(_("applicants without a region"), default=0)
    actor = models.CharField(_("actor"), max_length=150)
    profile = models.CharField(_("mapping profile"), max_length=100, blank=True)
    retry_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="retries",
                                 verbose_name=_("retry of batch"))
    header = models.JSONField(_("header row"), default=list, blank=True)  # as read: the raw rows' columns
    notes = models.JSONField(_("notes"), default=dict, blank=True)  # unmapped columns, unknown legal statuses
    started = models.DateTimeField(_("started"))
    finished = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-started", "-id"]
        db_table = "rights_importbatch"
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")

    def __str__(self) -> str:
        return f"#{self.pk} {self.file_name} ({self.kind}, {self.format})"


class ImportRowError(models.Model):
    """An invalid row of a batch (导入错误): row number, field, value and the reason."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="errors")
    row = models.PositiveIntegerField(_("row"))
    field = models.CharField(_("field"), max_length=100, blank=True)
    value = models.CharField(_("value"), max_length=500, blank=True)
    reason = models.CharField(_("reason"), max_length=500)

    class Meta:
        db_table = "rights_importrowerror"
        ordering = ["batch", "row", "id"]
        verbose_name = _("import error")
        verbose_name_plural = _("import errors")

    def __str__(self) -> str:
        return f"row {self.row} {self.field}={self.value!r}: {self.reason}"


class RecordVersion(models.Model):
    """The earlier state of a record that a newer import replaced (历史版本), as JSON."""

    record_type = models.CharField(_("record type"), max_length=32)  # "patent", "trademark", "gi", "pledge" …
    record_key = models.CharField(_("record key"), max_length=64, db_index=True)
    data = models.JSONField(_("earlier state"))
    replaced_by = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="replaced_versions",
                                    verbose_name=_("replaced by batch"))
    previous_batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="+", verbose_name=_("written by batch"))
    replaced_at = models.DateTimeField(_("replaced at"), auto_now_add=True)

    class Meta:
        db_table = "rights_recordversion"
        ordering = ["record_type", "record_key", "-id"]
        verbose_name = _("record version")
        verbose_name_plural = _("record versions")

    def __str__(self) -> str:
        return f"{self.record_type} {self.record_key} before batch {self.replaced_by_id}"


class ImportProfile(models.Model):
    """A named mapping profile (导入映射方案): a file's headers → the fields of a kind, for the columns
    no synonym knows. Saved once (CLI or staff UI), reused by `ipgov import FILE --profile NAME`."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=ImportKind.choices)
    columns = models.JSONField(_("columns"), default=dict)  # the file's header → field ("" leaves it out)
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("mapping profile")
        verbose_name_plural = _("mapping profiles")

    def __str__(self) -> str:
        return f"{self.name} ({self.kind})"


class ImportRawRow(models.Model):
    """A refused row of a batch as the file had it (原始行), so it can be re-processed without the file."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="raw_rows")
    row = models.PositiveIntegerField(_("row"))
    cells = models.JSONField(_("cells"))  # the row's cells as text, in the order of the batch's header
    resolved_by = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="resolved_rows", verbose_name=_("brought in by batch"))

    class Meta:
        ordering = ["batch", "row"]
        constraints = [models.UniqueConstraint(fields=["batch", "row"], name="ingest_rawrow_unique")]
        verbose_name = _("raw row")
        verbose_name_plural = _("raw rows")

    def __str__(self) -> str:
        return f"batch {self.batch_id} row {self.row}"
