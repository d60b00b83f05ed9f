"""Harmonised organizations, the raw applicant strings linked to them (with the rule), credit-code
claims from other sources and the decisions staff took on conflicts."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ipgov.core.choices import ChoiceSet
from ipgov.core.scope import RestrictedQuerySet


class LinkRule(ChoiceSet):
    EXACT = "exact", _("exact string")
    NORMALISED = "normalised", _("normalised (width, script, brackets, punctuation)")
    LEGAL_FORM = "legal-form", _("legal form variant")
    RENAME = "rename", _("known rename")
    MERGER = "merger", _("known merger")
    UNIVERSITY_UNIT = "university-unit", _("college or institute of a university")
    AFFILIATED_HOSPITAL = "affiliated-hospital", _("affiliated hospital of a university")
    INDIVIDUAL = "individual", _("individual (never merged by name)")
    CREDIT_CODE = "credit-code", _("unified social credit code")
    DECISION = "decision", _("staff decision")


class RegionSource(ChoiceSet):
    EARLIER = "earlier-records", _("earlier records of the same applicant")
    UNIVERSITY = "known-university", _("known university (Ministry of Education list)")
    CREDIT_CODE = "credit-code", _("registration region of the credit code")
    STAFF = "staff", _("assigned by staff")


class Organization(models.Model):
    """One organization, one name (一个单位一个名称): the key the harmonisation rules give its names."""

    key = models.CharField(_("key"), max_length=300, unique=True)
    name = models.CharField(_("name"), max_length=300)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True, db_index=True)
    region = models.ForeignKey("regions.Region", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("region"))
    region_source = models.CharField(_("region from"), max_length=24, choices=RegionSource.choices, blank=True)
    region_assigned_by = models.CharField(_("region assigned by"), max_length=200, blank=True)

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        ordering = ["name"]
        verbose_name = _("applicant organization")
        verbose_name_plural = _("applicant organizations")

    def __str__(self) -> str:
        return self.name


class ApplicantName(models.Model):
    """A raw applicant string as received, beside the organization it names and the rule that linked them
    (like Google Patents' assignee_harmonized). No organization: an individual."""

    raw = models.CharField(_("name as received"), max_length=300, unique=True)
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="names", verbose_name=_("organization"))
    rule = models.CharField(_("rule"), max_length=24, choices=LinkRule.choices)
    detail = models.CharField(_("detail"), max_length=500, blank=True)

    class Meta:
        ordering = ["raw"]
        verbose_name = _("applicant name")
        verbose_name_plural = _("applicant names")

    def __str__(self) -> str:
        return self.raw


class CodeConflict(models.Model):
    """A source gives a credit code for a name whose organization already has another code: a person
    decides which code the organization keeps; the decision is re-applied on every later import."""

    key = models.CharField(_("key"), max_length=300)
    name = models.CharField(_("name"), max_length=300)
    codes = models.JSONField(_("credit codes"), default=list)
    sources = models.JSONField(_("sources"), default=list)
    chosen_code = models.CharField(_("code kept"), max_length=18, blank=True)
    decided_by = models.CharField(_("decided by"), max_length=200, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["key"]
        constraints = [models.UniqueConstraint(fields=["key"], name="orgs_conflict_key")]
        verbose_name = _("credit code conflict")
        verbose_name_plural = _("credit code conflicts")

    def __str__(self) -> str:
        return self.name
