"""Rows of a table (CSV or Excel) → `SourceRow`s: find the header row, map its columns, number the rows."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator

from ipgov.core.ingest.errors import ImportFailed, RowError
from ipgov.core.ingest.headers import HeaderSet
from ipgov.core.ingest.records import SourceRow

HEADER_SEARCH_ROWS = 30


class Table:
    """A table's rows after the header: yields SourceRows and records malformed rows as errors.

    With `typed`, Excel cells keep their type (dates, numbers) for the mapper; otherwise every cell
    is text. `kind` narrows the header search to one kind of `headers`."""

    def __init__(self, rows: Iterable[list], headers: HeaderSet, kind: str | None, text_cells: bool = False,
                 typed: bool = False):
        self._rows = iter(rows)
        self._text_cells = text_cells  # CSV: every cell is already a str
        self._typed = typed
        self.headers = headers
        self.errors: list[RowError] = []
        self.kind, self.header_row, self.columns, self.width, self._head = self._find_header(kind)

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
        for number, row in enumerate(self._rows, start=1):
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
            raise ImportFailed("the file has no rows")
        wanted = f"a {kind} header" if kind else "a header row"
        keys = ", ".join(f"{self.headers.key_label(k)} ({k})" for k in kinds)
        raise ImportFailed(f"no header row found in the first {min(len(head), HEADER_SEARCH_ROWS)} rows: "
                           f"expected {wanted} with a key column: {keys}")

    def __iter__(self) -> Iterator[SourceRow]:
        def all_rows():
            yield from self._head
            yield from enumerate(self._rows, start=self.header_row + len(self._head) + 1)

        text_cells, items = self._text_cells, list(self.columns.items())
        cell = _typed if self._typed else _text
        for number, row in all_rows():
            if not ("".join(row).strip() if text_cells else any(_text(c) for c in row)):
                continue  # blank line
            if len(row) < self.width and len(row) <= max(self.columns):
                self.errors.append(RowError(number, "", "", f"row has {len(row)} fields, the header has "
                                            f"{self.width}: truncated or misaligned"))
                continue
            if len(row) > self.width and any(_text(c) for c in row[self.width:]):
                self.errors.append(RowError(number, "", "", f"row has {len(row)} fields, the header has "
                                            f"{self.width}: an unquoted separator?"))
                continue
            if text_cells and len(row) >= self.width:
                yield SourceRow(number, {name: row[i].strip() for i, name in items})
            else:
                yield SourceRow(number, {name: cell(row[i]) for i, name in items if i < len(row)})


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
