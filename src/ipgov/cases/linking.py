"""Rights involved in a case: numbers validated by the register's numbering rules, linked to the
register record (Patent by application number, Trademark by registration number) when it exists."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ipgov.cases.choices import RightType
from ipgov.cases.workflow import WorkflowError
from ipgov.rights.models import Patent, Trademark
from ipgov.rights.numbers import NumberError, normalize_trademark_number, parse_application_number


def clean_number(right_type: str, number: str) -> str:
    """The canonical number, or WorkflowError saying exactly why it is not valid."""
    if right_type == RightType.PATENT:
        try:
            return parse_application_number(number).canonical
        except NumberError as exc:
            raise WorkflowError(_("patent number refused: %(reason)s") % {"reason": exc}) from None
    if right_type == RightType.TRADEMARK:
        try:
            return normalize_trademark_number(number)
        except NumberError as exc:
            raise WorkflowError(_("trademark number refused: %(reason)s") % {"reason": exc}) from None
    raise WorkflowError(_("unknown right type %(type)r") % {"type": right_type})


def link(right) -> bool:
    """Point the CaseRight at its register record if the register has it; True when linked."""
    if right.right_type == RightType.PATENT:
        right.patent = Patent.objects.filter(application_number=right.number).first()
        return right.patent is not None
    right.trademark = Trademark.objects.filter(number=right.number).first()
    return right.trademark is not None


def link_many(rights: list, chunk: int = 500) -> int:
    """Link many CaseRights with one register query per chunk of numbers; the count linked."""
    linked = 0
    for right_type, model, key, attr in ((RightType.PATENT, Patent, "application_number", "patent"),
                                         (RightType.TRADEMARK, Trademark, "number", "trademark")):
        todo = [r for r in rights if r.right_type == right_type]
        for i in range(0, len(todo), chunk):
            part = todo[i:i + chunk]
            found = dict(model.objects.filter(**{f"{key}__in": {r.number for r in part}}).values_list(key, "pk"))
            for r in part:
                if r.number in found:
                    setattr(r, f"{attr}_id", found[r.number])
                    linked += 1
    return linked
