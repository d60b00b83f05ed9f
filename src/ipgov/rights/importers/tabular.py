"""Rows of a table (CSV or Excel) → `SourceRow`s: find the header row, map its columns, number the rows."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ipgov.rights.importers.base import ImportFailed, RowError, SourceRow
from ipgov.rights.importers.headers import COLUMNS, KEY_FIELD, map_headers, score

HEADER_SEARCH_ROWS = 30


class Table:
    """A table's rows after the header: yields SourceRows and records malformed rows as errors."""

    def __init__(self, rows: Iterable[list], kind: str | None, text_cells: bool = False):
        self._rows = iter(rows)
        self._text_cells = text_cells  # CSV: every cell is already a str
        self.errors: list[RowError] = []
        self.kind, self.header_row, self.columns, self.width, self._head = self._find_header(kind)

    def _find_header(self, kind: str | None):
        head: list[tuple[int, list]] = []
        for number, row in enumerate(self._rows, start=1):
            head.append((number, row))
            cells = [_text(c) for c in row]
            kinds = [kind] if kind else list(COLUMNS)
            scores = {k: score(cells, k) for k in kinds}
            best = max(scores, key=scores.get)
            if scores[best]:
                width = len(row)
                rest = [(n, r) for n, r in head if n > number]
                return best, number, map_headers(cells, best), width, rest
            if number >= HEADER_SEARCH_ROWS:
                break
        if not head or all(not any(_text(c) for c in r) for _, r in head):
            raise ImportFailed("the file has no rows")
        wanted = f"a {kind} header" if kind else "a header row"
        keys = ", ".join(f"{COLUMNS[k][KEY_FIELD[k]][0]} ({k})" for k in ([kind] if kind else COLUMNS))
        raise ImportFailed(f"no header row found in the first {min(len(head), HEADER_SEARCH_ROWS)} rows: "
                           f"expected {wanted} with a key column: {keys}")

    def __iter__(self) -> Iterator[SourceRow]:
        def all_rows():
            yield from self._head
            yield from enumerate(self._rows, start=self.header_row + len(self._head) + 1)

        text_cells, items = self._text_cells, list(self.columns.items())
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
                yield SourceRow(number, {name: _text(row[i]) for i, name in items if i < len(row)})


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
