from django.db import models
from django.utils.translation import gettext_lazy as _

from ipgov.regions.choices import RegionLevel, VersionStatus


class RegionQuerySet(models.QuerySet):
    def within(self, code: str) -> "RegionQuerySet":
        """The region `code` and everything under it (a city includes its counties and zones)."""
        return self.filter(models.Q(code=code) | models.Q(province_id=code) | models.Q(city_id=code))

    def active(self) -> "RegionQuerySet":
        return self.filter(is_active=True)


class Region(models.Model):
    """A division (行政区划, GB/T 2260) or a statistical functional zone (功能区), current or retired.

    `city` and `province` are the rollup keys: every county-level unit belongs to exactly one
    city-level unit and one province. A province-administered county-level city such as
    济源市 (419001, 省直辖县级行政区) is its own city-level unit, as in the province's statistics.
    """

    code = models.CharField(_("code"), max_length=6, primary_key=True)
    name = models.CharField(_("name"), max_length=64, db_index=True)
    level = models.CharField(_("level"), max_length=16, choices=RegionLevel.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children", verbose_name=_("parent"))
    province = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("province"))
    city = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("city-level unit"))
    is_legal_division = models.BooleanField(_("legal division"), default=True)
    is_active = models.BooleanField(_("in the current list"), default=True)
    is_province_administered = models.BooleanField(_("province-administered"), default=False)

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_city_level(self) -> bool:
        return self.city_id == self.code


class RegionVersion(models.Model):
    """One row of the code history 1981–2024 (区划沿革): a code's name over [valid_from, valid_to)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="versions")
    name = models.CharField(_("name"), max_length=64, db_index=True)
    level = models.CharField(_("level"), max_length=16, choices=RegionLevel.choices)
    status = models.CharField(_("status"), max_length=16, choices=VersionStatus.choices)
    valid_from = models.PositiveSmallIntegerField(_("in use from (year)"))
    valid_to = models.PositiveSmallIntegerField(_("changed or retired in (year)"), null=True, blank=True)
    successors = models.CharField(_("successor codes"), max_length=200, blank=True,
                                  help_text=_("codes separated by ';', a [YYYY] suffix gives the year"))

    class Meta:
        ordering = ["region", "valid_from"]
        verbose_name = _("region version")
        verbose_name_plural = _("region versions")

    def __str__(self) -> str:
        until = self.valid_to or ""
        return f"{self.region_id} {self.name} {self.valid_from}–{until}"


class Population(models.Model):
    """Resident population (常住人口) of a region in a year, with its source."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="populations")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.PositiveBigIntegerField(_("population"))
    source = models.CharField(_("source"), max_length=200)

    class Meta:
        ordering = ["region", "year"]
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="population_region_year")]
        verbose_name = _("population")
        verbose_name_plural = _("population")

    def __str__(self) -> str:
        return f"{self.region_id} {self.year}: {self.value}"
