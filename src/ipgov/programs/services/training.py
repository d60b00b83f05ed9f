from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ipgov.core.scope import CHANGE, check_region
from ipgov.programs.models import TrainingEvent
from ipgov.programs.services.common import as_date, save_new
from ipgov.regions.services import get_region

# A single training event with more than this many person-times is a typo, not an event.
MAX_PARTICIPANTS = 100_000


@transaction.atomic
def record_training(title: str, region_code: str, start_date: datetime.date | str,
                    end_date: datetime.date | str | None, participants: int, theme: str = "",
                    organizer: str = "") -> TrainingEvent:
    region = get_region(region_code)
    check_region(region.code, CHANGE)
    start = as_date(start_date, "start_date")
    end = as_date(end_date, "end_date") if end_date else start
    if end < start:
        raise ValidationError({"end_date": _("ends %(end)s before it starts %(start)s") % {"end": end, "start": start}})
    if isinstance(participants, bool) or not isinstance(participants, int) or participants < 0:
        raise ValidationError({"participants": _("%(participants)r is not a count of participants") % {"participants": participants}})
    if participants > MAX_PARTICIPANTS:
        raise ValidationError({"participants": _("%(participants)s participants in one event is beyond "
                                               "%(MAX_PARTICIPANTS)s: check the figure") % {"participants": participants, "MAX_PARTICIPANTS": MAX_PARTICIPANTS}})
    return save_new(TrainingEvent(title=title, theme=theme, region=region, start_date=start, end_date=end,
                                  participants=participants, organizer=organizer))
