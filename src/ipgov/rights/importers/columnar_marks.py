"""The trademark CSV mapping a chunk at a time, as columns: the trademark counterpart of `columnar` (patents), a
stage of the one ingest path in front of the row mapper, not a second importer.

Every column whose values repeat (dates, Nice classes, 商标类型, 地理标志, renewal and transfer dates, the
owner's address with its region) goes through the row mapper's own functions once per distinct value of the
chunk; registration numbers in their usual form (ASCII digits, no leading zero) are taken as they are. A row
whose every check passes is assembled here; a row any check refuses or cannot decide (a 专用权期限 to read, a
status that ends the registration without a date, a name with control characters or too long …) goes to
the row mapper (`TrademarkMapper.from_row`) unchanged, so a refused row keeps its row number, column, value
and reason. The records are the row mapper's: the same fields, events, types and content hash
(tests/rights/test_import_columnar_marks.py holds both paths to the same output).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ipgov.core.ingest.columns import CONTROL
from ipgov.core.ingest.errors import RowError
from ipgov.core.ingest.records import Record
from ipgov.core.ingest.table import Table
from ipgov.rights.choices import TrademarkEventKind, TrademarkKind
from ipgov.rights.importers import columnar
from ipgov.rights.importers.columnar import BAD, mapped
from ipgov.rights.importers.headers import TRADEMARK_COLUMNS
from ipgov.rights.importers.mapping import (
    NAME_LIMIT,
    TRADEMARK_KINDS,
    TRADEMARK_STATUS,
    TrademarkMapper,
    _clean,
    _lookup,
)
from ipgov.rights.importers.regionmatch import place
from ipgov.rights.importers.values import BadValue, parse_bool, split_list
from ipgov.rights.numbers import TRADEMARK_DIGITS
from ipgov.rights.services import trademark_termination_date

KNOWN_TO_CHUNKS = frozenset(TRADEMARK_COLUMNS)
_CLASS_SEPARATORS = re.compile(r"[;；,，、\s]+")  # as the row mapper splits 国际分类


class TrademarkChunks:
    """Maps the rows of a trademark table a chunk at a time; yields what `TrademarkMapper.from_row` would, row
    by row, in the rows' order."""

    def __init__(self, mapper: TrademarkMapper, fields: Iterable[str]):
        self.mapper, self.today = mapper, mapper.today
        self.fields = frozenset(fields)
        self.enabled = columnar.ENABLED and self.fields <= KNOWN_TO_CHUNKS
        self._dates: dict = {}
        self._future_dates: dict = {}
        self._date_lists: dict = {}
        self._classes: dict = {}
        self._kinds: dict = {}
        self._gi: dict = {}
        self._statuses: dict = {}
        self._names: dict = {}

    def map_table(self, table: Table) -> Iterator[Record | list[RowError]]:
        """The records (or errors) of a table's rows; only a CSV's (text cells) are taken as columns."""
        if not (self.enabled and table.text_cells):
            yield from map(self.mapper.from_row, table)
            return
        for numbers, columns, source_row in columnar.text_chunks(table):
            yield from self.map_chunk(numbers, columns, source_row)

    # ---------------------------------------------------------------- column checks (per distinct value)
    def _date(self, value):
        return columnar.date_cell(value, self.today)

    def _future_date(self, value):
        return columnar.date_cell(value, self.today, may_be_future=True)

    def _date_list(self, value):
        out = []
        for text in split_list(value):
            d = self._date(text)
            if d is BAD:
                return BAD
            if d:
                out.append(d)
        return tuple(out)

    @staticmethod
    def _classes_of(value):
        classes = []
        for part in _CLASS_SEPARATORS.split(_clean(value)):
            if not part:
                continue
            if part.isdecimal() and 1 <= int(part) <= 45:
                classes.append(int(part))
            else:
                return BAD
        return tuple(sorted(set(classes)))

    @staticmethod
    def _kind_of(value):
        text = _clean(value)
        if not text:
            return TrademarkKind.ORDINARY
        kind = _lookup(text, TRADEMARK_KINDS)
        return BAD if kind is None else kind

    @staticmethod
    def _gi_of(value):
        try:
            return parse_bool(value)
        except BadValue:
            return BAD

    @staticmethod
    def _status_of(value):
        status = _clean(value)
        return status, (_lookup(status, TRADEMARK_STATUS) if status else None)

    @staticmethod
    def _name_of(value):
        """`RowContext.text(…, NAME_LIMIT)` of a name, BAD where it would record an error or drop a character."""
        text = _clean(value)
        if len(text) > NAME_LIMIT or CONTROL.search(text):
            return BAD
        return text

    # ---------------------------------------------------------------- one chunk
    def map_chunk(self, numbers: list[int], columns: dict[str, list], source_row) -> list[Record | list[RowError]]:
        n, col, bad = len(numbers), columns.get, set()
        none = [None] * n
        keys = []
        for i, v in enumerate(col("number") or none):
            if v.__class__ is str and v.isascii() and v.isdigit() and v[0] != "0" and len(v) <= TRADEMARK_DIGITS:
                keys.append(v)
            else:
                keys.append(BAD)
                bad.add(i)
        classes = mapped(col("nice_classes"), n, self._classes, self._classes_of, (), bad)
        filing = mapped(col("filing_date"), n, self._dates, self._date, None, bad)
        registered = mapped(col("registration_date"), n, self._dates, self._date, None, bad)
        expiry = mapped(col("expiry_date"), n, self._future_dates, self._future_date, None, bad)
        well_known = mapped(col("well_known_on"), n, self._dates, self._date, None, bad)
        ended = mapped(col("terminated_date"), n, self._dates, self._date, None, bad)
        kinds = mapped(col("kind"), n, self._kinds, self._kind_of, TrademarkKind.ORDINARY, bad)
        gi = mapped(col("is_gi"), n, self._gi, self._gi_of, False, bad)
        statuses = mapped(col("status"), n, self._statuses, self._status_of, ("", None), bad)
        renewals = mapped(col("renewal_dates"), n, self._date_lists, self._date_list, (), bad)
        transfers = mapped(col("transfer_dates"), n, self._date_lists, self._date_list, (), bad)
        names = mapped(col("name"), n, self._names, self._name_of, "", bad)
        owners = mapped(col("owner_name"), n, self._names, self._name_of, "", bad)
        terms = col("term") or [""] * n
        addresses = [_clean(a)[:500] for a in col("owner_address") or [""] * n]
        codes = col("region_code") or [""] * n
        RENEWAL, TRANSFER, ORDINARY = TrademarkEventKind.RENEWAL, TrademarkEventKind.TRANSFER, TrademarkKind.ORDINARY

        out: list = [None] * n
        for i in range(n):
            if i in bad or terms[i]:  # a term (专用权期限) to read: the row mapper's
                continue
            f, r, end = filing[i], registered[i], ended[i]
            if f and r and r < f:
                continue
            kind, is_gi, owner = kinds[i], gi[i], owners[i]
            if (is_gi and kind == ORDINARY) or not owner:
                continue
            status, ev_kind = statuses[i]
            if (ev_kind and end is None) or (end and not ev_kind) or (end and r and end < r):
                continue
            events = [{"kind": RENEWAL, "date": d, "detail": ""} for d in renewals[i]]
            events += [{"kind": TRANSFER, "date": d, "detail": ""} for d in transfers[i]]
            if ev_kind:
                events.append({"kind": ev_kind, "date": end, "detail": status})
            events.sort(key=lambda e: (e["date"], e["kind"]))
            p = place(addresses[i], f or r, codes[i])
            wk = well_known[i]
            fields = {
                "number": keys[i], "nice_classes": list(classes[i]), "filing_date": f, "registration_date": r,
                "expiry_date": expiry[i], "name": names[i], "owner_name": owner, "owner_address": addresses[i],
                "region_id": p.region_id, "resolution_note": p.note[:300], "is_domestic": p.is_domestic,
                "kind": kind, "is_gi": is_gi, "well_known_on": wk, "source_status": status[:64],
                "terminated_on": trademark_termination_date((e["kind"], e["date"]) for e in events),
            }
            dates = [d for d in (f, r, wk, *(e["date"] for e in events)) if d]
            out[i] = Record(numbers[i], keys[i], fields, {"events": events}, record_date=max(dates, default=None),
                            unresolved=0 if p.region_id else 1)
        from_row = self.mapper.from_row
        for i in range(n):
            if out[i] is None:
                out[i] = from_row(source_row(i))
        return out
