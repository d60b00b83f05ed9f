"""What can go wrong in an import: the whole file (`ImportFailed`) or one row (`RowError`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _


class ImportFailed(Exception):
    """The file cannot be imported at all (unreadable, wrong format, unsafe, strict failure…): nothing written."""

    def __init__(self, message: str, report=None):
        super().__init__(message)
        self.report = report


class UploadNotFound(ImportFailed):
    """A staged upload's token that names no upload of this user (the web page answers 404)."""


@dataclass
class RowError:
    """A refused row: its number as a spreadsheet shows it, the column (its header), the value, the reason."""

    row: int
    field: str
    value: str
    reason: str

    def __str__(self) -> str:
        """In English "row 3, 申请日 = '20991301': not a calendar date"; in zh-Hans "第 3 行，申请日为“20991301”：
        不是有效的日历日期" — the punctuation and quotes come from the translation, not from code. The value is
        shown as Python writes it between its quotes (control characters escaped)."""
        args = {"row": self.row, "field": self.field, "value": repr(self.value)[1:-1], "reason": self.reason}
        if self.field and self.value:
            return _("row %(row)s, %(field)s = '%(value)s': %(reason)s") % args
        if self.field:
            return _("row %(row)s, %(field)s: %(reason)s") % args
        if self.value:
            return _("row %(row)s, '%(value)s': %(reason)s") % args
        return _("row %(row)s: %(reason)s") % args
