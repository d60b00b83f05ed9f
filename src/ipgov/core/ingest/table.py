"""Rows of a table (CSV or Excel) → `SourceRow`s: find the header row, map its columns, number the rows."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from ipgov.core.ingest.errors import ImportFailed, RowError
from ipgov.core.ingest.headers import HeaderSet
from ipgov.core.ingest.records import SourceRow

HEADER_SEARCH_ROWS = 30
SAMPLE_ROWS = 50  # rows looked at for a sample value of each column no field took


class Table:
    """A table's rows after the header: yields SourceRows and records malformed rows as errors.

    With `typed`, Excel cells keep their type (dates, numbers) for the mapper; otherwise every cell
    is text. `kind` narrows the header search to one kind of `headers`."""

    def __init__(self, rows: Iterable[list], headers: HeaderSet, kind: str | None, text_cells: bool = False,
                 typed: bool = False):
        self._rows = enumerate(rows, start=1)  # (row number, cells); found header and data share this iterator
        self._text_cells = text_cells  # CSV: every cell is already a str
        self._typed = typed
        self.headers = headers
        self.errors: list[RowError] = []
        self.kind, self.header_row, self.columns, self.width, self._head = self._find_header(kind)
        self.unmapped = [{"letter": column_letter(i), "header": cell, "sample": ""}
                         for i, cell in enumerate(self._header_cells) if cell and i not in self.columns]
        self._unmapped_at = [i for i, cell in enumerate(self._header_cells) if cell and i not in self.columns]

    def column_label(self, field: str) -> str:
        """The file's own header for a field the mapper names (as the staff member sees the column), else
        the field as given: row errors name the column of the file, never an internal field name."""
        for i, name in self.columns.items():
            if name == field:
                return self._header_cells[i] or field
        return field

    def _find_header(self, kind: str | None):
        head: list[tuple[int, list]] = []
        kinds = [kind] if kind else list(self.headers.columns)
        for number, row in self._rows:
            head.append((number, row))
            cells = [_text(c) for c in row]
            scores = {k: self.headers.score(cells, k) for k in kinds}
            best = max(scores, key=scores.get)
            if scores[best]:
                self._header_cells = cells
                rest = [(n, r) for n, r in head if n > number]
                return best, number, self.headers.map_headers(cells, best), len(row), rest
            if number >= HEADER_SEARCH_ROWS:
                break
        if not head or all(not any(_text(c) for c in r) for _, r in head):
            raise ImportFailed(_("the file has no rows"))
        wanted = _("a %(kind)s header") % {"kind": kind} if kind else _("a header row")
        keys = ", ".join(f"{self.headers.key_label(k)} ({k})" for k in kinds)
        raise ImportFailed(_("no header row found in the first %(n)s rows: expected %(wanted)s with a key column: "
                             "%(keys)s") % {"n": min(len(head), HEADER_SEARCH_ROWS), "wanted": wanted, "keys": keys})

    def __iter__(self) -> Iterator[SourceRow]:
        source_row = self.source_row
        for number, row in self.checked_rows():
            yield source_row(number, row)

    @property
    def text_cells(self) -> bool:
        """Every cell is text (CSV): a field's cells are `row[index].strip()` of `field_index`."""
        return self._text_cells

    @property
    def field_index(self) -> dict[str, int]:
        """field → the index of its cell in a row (the last column, when two map to one field)."""
        return {name: i for i, name in self.columns.items()}

    def checked_rows(self) -> Iterator[tuple[int, list]]:
        """(row number, cells as read) of each data row: blank lines skipped, malformed rows recorded in `errors`."""
        def all_rows():
            yield from self._head
            yield from self._rows

        text_cells = self._text_cells
        sampling = SAMPLE_ROWS if self.unmapped else 0
        for number, row in all_rows():
            if not ("".join(row).strip() if text_cells else any(_text(c) for c in row)):
                continue  # blank line
            if sampling:
                sampling -= 1
                self._sample(row)
            if len(row) < self.width and len(row) <= max(self.columns):
                self.errors.append(RowError(number, "", "", _("row has %(n)s fields, the header has %(width)s: "
                                                              "truncated or misaligned")
                                            % {"n": len(row), "width": self.width}))
                continue
            if len(row) > self.width and any(_text(c) for c in row[self.width:]):
                self.errors.append(RowError(number, "", "", _("row has %(n)s fields, the header has %(width)s: "
                                                              "an unquoted separator?")
                                            % {"n": len(row), "width": self.width}))
                continue
            yield number, row

    def source_row(self, number: int, row: list) -> SourceRow:
        """A checked row's cells by field."""
        if self._text_cells and len(row) >= self.width:
            return SourceRow(number, {name: row[i].strip() for i, name in self.columns.items()})
        cell = _typed if self._typed else _text
        return SourceRow(number, {name: cell(row[i]) for i, name in self.columns.items() if i < len(row)})

    def _sample(self, row: list) -> None:
        for entry, i in zip(self.unmapped, self._unmapped_at, strict=True):
            if not entry["sample"] and i < len(row):
                entry["sample"] = _text(row[i])[:60]

    def raw_rows(self) -> Iterator[tuple[int, list[str]]]:
        """Every non-blank row after the header as read (cells as text), with its row number."""
        yield from ((n, [_raw(c) for c in row]) for n, row in self._head)
        for number, row in self._rows:
            cells = [_raw(c) for c in row]
            if any(cells):
                yield number, cells

    @property
    def header_cells(self) -> list[str]:
        return list(self._header_cells)


def column_letter(index: int) -> str:
    """A spreadsheet's column letter for a 0-based index: 0 → A, 26 → AA."""
    letters, n = "", index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _raw(value) -> str:
    """A cell as text to keep: a date (Excel) as YYYY-MM-DD, a whole float without its .0."""
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return _text(value)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _typed(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date()
    return value
