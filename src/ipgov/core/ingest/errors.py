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
        where = _("row %(row)s") % {"row": self.row} + (f", {self.field}" if self.field else "")
        value = f" = {self.value!r}" if self.value else ""
        return f"{where}{value}: {self.reason}"
