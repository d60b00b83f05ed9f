from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ipgov.core.scope import CHANGE, check_object
from ipgov.programs.choices import AwardGrade, AwardKind
from ipgov.programs.models import Award, Organization
from ipgov.programs.rights_link import check_right
from ipgov.programs.services.common import as_date, save_new
from ipgov.rights.choices import RightType


@transaction.atomic
def record_award(kind: str, edition: int, award_date: datetime.date | str, grade: str, patent_number: str,
                 organization: Organization, title: str = "") -> Award:
    """An awarded patent: it must be in the register and in force on the date of the award decision."""
    if kind not in AwardKind.values:
        raise ValidationError({"kind": _("unknown award %(kind)r") % {"kind": kind}})
    if grade not in AwardGrade.values:
        raise ValidationError({"grade": _("unknown grade %(grade)r") % {"grade": grade}})
    check_object(organization, CHANGE)
    day = as_date(award_date, "award_date")
    number, problem = check_right(RightType.PATENT, patent_number, day)
    if problem:
        raise ValidationError({"patent_number": problem})
    if Award.objects.filter(kind=kind, edition=edition, patent_number=number).exists():
        raise ValidationError({"patent_number": _("%(number)s already has a %(kind)s "
                                                "of edition %(edition)s") % {"number": number, "kind": AwardKind(kind).label, "edition": edition}})
    return save_new(Award(kind=kind, edition=edition, award_date=day, grade=grade, patent_number=number,
                          organization=organization, region_id=organization.region_id, title=title))
