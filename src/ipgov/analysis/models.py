"""Evaluations (评价/评选) computed from schemes, the manual inputs staff enter for them, and the
inspection checklists (迎检考核) scored by inspectors."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ipgov.analysis.choices import ChecklistStatus, ConcordanceScheme
from ipgov.core.ingest.models import ImportBatch
from ipgov.core.models import ChangeLoggedModel
from ipgov.core.scope import RestrictedQuerySet
from ipgov.rights.choices import PatentType


class Evaluation(models.Model):
    """One computed evaluation: a scheme applied to a population for a period, with its full working.

    Versioned: the n-th evaluation of a scheme and period is version n; a computation that gives the same
    result as the latest version (same scheme text, same inputs, same working) makes no new version."""

    scheme = models.CharField(_("scheme"), max_length=64, db_index=True)
    scheme_version = models.PositiveIntegerField(_("scheme version"))
    scheme_digest = models.CharField(_("scheme digest"), max_length=64)
    scheme_text = models.TextField(_("scheme file"))
    name = models.CharField(_("name"), max_length=200)
    period = models.CharField(_("period"), max_length=16)
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("region"))
    version = models.PositiveIntegerField(_("version"))
    result = models.JSONField(_("result and working"))
    result_digest = models.CharField(_("result digest"), max_length=64)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.CharField(_("computed by"), max_length=150)

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        ordering = ["scheme", "period", "-version"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [models.UniqueConstraint(fields=["scheme", "period", "version"],
                                               name="evaluation_version_unique")]

    def __str__(self) -> str:
        return f"{self.name} {self.period} v{self.version}"

    @property
    def rows(self) -> list[dict]:
        return self.result.get("rows", [])


class ManualInput(ChangeLoggedModel):
    """A value staff enter for a scheme's manual indicator (e.g. 维权援助覆盖率), with its evidence."""

    input_key = models.CharField(_("input"), max_length=64)
    unit_key = models.CharField(_("scored unit"), max_length=200)
    period = models.CharField(_("period"), max_length=16)
    value = models.FloatField(_("value"))
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("region"))
    evidence = models.FileField(_("evidence"), upload_to="analysis/evidence/%Y/", blank=True)
    evidence_note = models.CharField(_("evidence note"), max_length=500, blank=True)
    entered_by = models.CharField(_("entered by"), max_length=150)

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        ordering = ["input_key", "period", "unit_key"]
        verbose_name = _("manual input")
        verbose_name_plural = _("manual inputs")
        constraints = [models.UniqueConstraint(fields=["input_key", "unit_key", "period"],
                                               name="manual_input_unique")]

    def __str__(self) -> str:
        return f"{self.input_key} {self.unit_key} {self.period}: {self.value}"


class Checklist(ChangeLoggedModel):
    """An inspection checklist (迎检考核表) for one inspected region and year."""

    title = models.CharField(_("title"), max_length=200)
    template = models.CharField(_("template"), max_length=64)
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("inspected region"))
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=16, choices=ChecklistStatus.choices,
                              default=ChecklistStatus.OPEN)

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        ordering = ["-year", "region"]
        verbose_name = _("inspection checklist")
        verbose_name_plural = _("inspection checklists")
        constraints = [models.UniqueConstraint(fields=["template", "region", "year"], name="checklist_unique")]

    def __str__(self) -> str:
        return self.title

    @property
    def max_total(self) -> float:
        return sum(float(i.max_score) for i in self.items.all())

    @property
    def total(self) -> float | None:
        scores = [i.score for i in self.items.all()]
        if any(s is None for s in scores):
            return None
        return sum(float(s) for s in scores)


class ChecklistItem(models.Model):
    """One item of a checklist: what is checked, its maximum, the evidence, the inspector's score."""

    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="items")
    number = models.CharField(_("number"), max_length=16)
    section = models.CharField(_("section"), max_length=100, blank=True)
    text = models.CharField(_("item"), max_length=500)
    max_score = models.DecimalField(_("maximum score"), max_digits=5, decimal_places=1)
    evidence = models.FileField(_("evidence"), upload_to="analysis/inspection/%Y/", blank=True)
    evidence_note = models.CharField(_("evidence note"), max_length=500, blank=True)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True, blank=True)
    comment = models.CharField(_("inspector's comment"), max_length=500, blank=True)
    scored_by = models.CharField(_("scored by"), max_length=150, blank=True)

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "checklist__region"

    class Meta:
        ordering = ["checklist", "id"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self) -> str:
        return f"{self.number} {self.text[:40]}"


class ConcordanceEntry(models.Model):
    """One row of an IPC concordance: IPC subclass (or subclass + main group, e.g. "G01N 33") → a target
    (a WIPO field, an industry code). A patent's IPC is matched on the longest prefix."""

    scheme = models.CharField(_("concordance"), max_length=16, choices=ConcordanceScheme.choices)
    ipc = models.CharField(_("IPC"), max_length=16)
    target = models.CharField(_("target code"), max_length=16)
    target_name = models.CharField(_("target name"), max_length=200)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["scheme", "target", "ipc"]
        verbose_name = _("concordance entry")
        verbose_name_plural = _("concordance entries")
        constraints = [models.UniqueConstraint(fields=["scheme", "ipc", "target"], name="concordance_unique")]

    def __str__(self) -> str:
        return f"{self.scheme} {self.ipc} → {self.target}"


class ZoneIndustry(models.Model):
    """One industry of a patent navigation zone (专利导航产业发展实验区): a concordance target (scheme + code)
    the zone serves. Changed through `analysis.services.set_zone_industries`, audited on the designation."""

    designation = models.ForeignKey("programs.Designation", on_delete=models.CASCADE, related_name="industries",
                                    verbose_name=_("navigation zone"))
    scheme = models.CharField(_("concordance"), max_length=16, choices=ConcordanceScheme.choices)
    target = models.CharField(_("target code"), max_length=16)

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "designation__region"

    class Meta:
        ordering = ["designation", "scheme", "target"]
        verbose_name = _("navigation zone industry")
        verbose_name_plural = _("navigation zone industries")
        constraints = [models.UniqueConstraint(fields=["designation", "scheme", "target"],
                                               name="zone_industry_unique")]

    def __str__(self) -> str:
        return f"{self.scheme}:{self.target}"


class PatentIndustry(models.Model):
    """A patent's concordance target: its main IPC through one concordance (`concordance.match`). Derived
    data, rewritten for a batch's patents after every register batch and for every patent when a
    concordance changes (`analysis.services.refresh_patent_industries`). A patent whose main IPC maps to
    two targets has two rows."""

    patent = models.ForeignKey("rights.Patent", on_delete=models.CASCADE, related_name="+")
    scheme = models.CharField(_("concordance"), max_length=16, choices=ConcordanceScheme.choices)
    target = models.CharField(_("target code"), max_length=16)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "patent__region"

    class Meta:
        ordering = ["patent", "scheme", "target"]
        verbose_name = _("patent industry")
        verbose_name_plural = _("patent industries")
        constraints = [models.UniqueConstraint(fields=["patent", "scheme", "target"], name="patent_industry_unique")]
        indexes = [models.Index(fields=["scheme", "target"])]

    def __str__(self) -> str:
        return f"{self.patent_id} {self.scheme}:{self.target}"


class PatentIndustryCell(models.Model):
    """The cube's source `patent_industries` (catalogue.d/analysis.toml): a database view joining each
    `PatentIndustry` row with its patent's columns, so a patent's region, dates and status are read live
    from the register (never a stale copy). Read-only (migration 0003 creates the view)."""

    patent = models.ForeignKey("rights.Patent", on_delete=models.DO_NOTHING, related_name="+")
    scheme = models.CharField(_("concordance"), max_length=16, choices=ConcordanceScheme.choices)
    target = models.CharField(_("target code"), max_length=16)
    region = models.ForeignKey("regions.Region", null=True, on_delete=models.DO_NOTHING, related_name="+",
                               verbose_name=_("region"))
    batch = models.ForeignKey(ImportBatch, null=True, on_delete=models.DO_NOTHING, related_name="+",
                              verbose_name=_("import batch"))
    patent_type = models.CharField(_("patent type"), max_length=16, choices=PatentType.choices)
    applicant_type = models.CharField(_("first applicant's type"), max_length=24)
    filing_date = models.DateField(_("filing date"), null=True)
    grant_date = models.DateField(_("grant date"), null=True)
    terminated_on = models.DateField(_("terminated on"), null=True)
    updated = models.DateTimeField(_("updated"))

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        managed = False
        db_table = "analysis_patentindustry_cube"
        verbose_name = _("patent by industry")
        verbose_name_plural = _("patents by industry")

    def __str__(self) -> str:
        return f"{self.patent_id} {self.scheme}:{self.target}"
