from django.db import models
from django.utils.translation import gettext_lazy as _

from ipgov.core.models import ChangeLoggedModel
from ipgov.core.scope import RestrictedQuerySet


class TrainingEvent(ChangeLoggedModel):
    """A training event (培训/巡讲) with its participant count in person-times (人次)."""

    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(_("theme"), max_length=200, blank=True)  # e.g. 知识产权助力精准扶贫
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("region"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    participants = models.PositiveIntegerField(_("participants (person-times)"))
    organizer = models.CharField(_("organizer"), max_length=200, blank=True)

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("training event")
        verbose_name_plural = _("training events")
        constraints = [models.UniqueConstraint(fields=["title", "region", "start_date"],
                                               name="training_event_unique")]

    def __str__(self) -> str:
        return f"{self.start_date} {self.title}"
