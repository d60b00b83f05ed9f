"""What readers yield and writers take: source rows and validated records."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field


@dataclass
class SourceRow:
    """One data row of a tabular file: its row number as a spreadsheet shows it, and its cells by field."""

    row: int
    cells: dict


@dataclass
class Record:
    """A validated record ready to write: field values and child rows, with its identity and hash."""

    row: int
    key: str
    fields: dict
    children: dict[str, list[dict]] = field(default_factory=dict)
    record_date: datetime.date | None = None
    unresolved: int = 0  # applicants/owners whose region could not be resolved
    cells: dict | None = None  # the row's cells as read, to show a refused value as the file has it
    unknown_status: str = ""  # 法律状态 phrases the legal-status table does not know (counted in the report)
    _hash: str | None = None

    @property
    def hash(self) -> str:
        if self._hash is None:
            # The values only: a mapper builds fields and children with the same keys in the same order
            # every time, so the keys add nothing (and their repr was a third of the cost).
            parts: list = [tuple(self.fields.values())]
            for name, rows in self.children.items():
                parts.append(name)
                parts.extend(tuple(row.values()) for row in rows)
            self._hash = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
        return self._hash
