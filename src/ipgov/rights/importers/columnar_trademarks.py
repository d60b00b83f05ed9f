"""The trademark CSV/Excel mapping a chunk at a time, as columns: the trademark counterpart of `columnar.py`'s
patents, a stage of the one ingest path in front of the row mapper (`TrademarkMapper.from_row`).

Registration numbers in their usual form (ASCII digits, no leading zero) are taken as they are; every other
column of a chunk (Nice classes, dates, 商标类型, 地理标志, 商标状态, renewal and transfer lists) is checked
through the row mapper's own rules once per distinct value; names and addresses are cleaned as the row mapper
cleans them. A row any check refuses or cannot decide (a number written another way, a date in the future, an
unknown class, a name too long, a term column …) goes to the row mapper unchanged, so a refused row keeps its
row number, column, value and reason. The records are the row mapper's: the same fields and children, values
and types (choices stay enum members), and so the same content hash (tests/rights/test_import_columnar.py).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

from ipgov.core.ingest.errors import RowError
from ipgov.core.ingest.records import Record, SourceRow
from ipgov.rights.choices import TrademarkEventKind, TrademarkKind
from ipgov.rights.importers.columnar import BAD, ChunkMapper
from ipgov.rights.importers.mapping import (
    NAME_LIMIT,
    TRADEMARK_KINDS,
    TRADEMARK_STATUS,
    _clean,
    _lookup,
    _visible,
)
from ipgov.rights.importers.regionmatch import place
from ipgov.rights.importers.values import BadValue, parse_bool
from ipgov.rights.numbers import TRADEMARK_DIGITS
from ipgov.rights.services import trademark_termination_date

# the fields the chunk checks know; a table mapping any other (the 专用权期限 `term`) is mapped row by row
KNOWN_TO_CHUNKS = frozenset({"number", "nice_classes", "name", "filing_date", "registration_date", "expiry_date",
                             "owner_name", "owner_address", "region_code", "kind", "is_gi", "well_known_on",
                             "status", "terminated_date", "renewal_dates", "transfer_dates"})
_CLASS_SPLIT = re.compile(r"[;；,，、\s]+")  # as the row mapper splits 国际分类
RENEWAL, TRANSFER = TrademarkEventKind.RENEWAL, TrademarkEventKind.TRANSFER


class TrademarkChunks(ChunkMapper):
    """Maps the rows of a trademark table a chunk at a time; yields what `TrademarkMapper.from_row` would, row by
    row, in the rows' order."""

    KNOWN = KNOWN_TO_CHUNKS

    def __init__(self, mapper, fields):
        super().__init__(mapper, fields)
        self._future: dict = {}
        self._classes: dict = {}
        self._kinds: dict = {}
        self._gi: dict = {}
        self._statuses: dict = {}
        self._texts: dict = {}

    # ---------------------------------------------------------------- column checks
    def _future_date(self, value):
        """A date that may lie after today (专用权期限's end)."""
        return self._date(value, datetime.date.max)

    @staticmethod
    def _nice(value):
        classes = []
        for part in _CLASS_SPLIT.split(_clean(value)):
            if not part:
                continue
            if part.isdecimal() and 1 <= int(part) <= 45:
                classes.append(int(part))
            else:
                return BAD
        return sorted(set(classes))

    @staticmethod
    def _kind(value):
        text = _clean(value)
        kind = _lookup(text, TRADEMARK_KINDS) if text else TrademarkKind.ORDINARY
        return BAD if kind is None else kind

    @staticmethod
    def _is_gi(value):
        try:
            return parse_bool(value)
        except BadValue:
            return BAD

    @staticmethod
    def _status(value):
        status = _clean(value)
        return status, (_lookup(status, TRADEMARK_STATUS) if status else None)

    @staticmethod
    def _name(value):
        text = _visible(_clean(value))
        return BAD if len(text) > NAME_LIMIT else text

    # ---------------------------------------------------------------- one chunk
    def map_chunk(self, numbers: list[int], columns: dict[str, list],
                  source_row: Callable[[int], SourceRow]) -> list[Record | list[RowError]]:
        n, col, bad, mapped = len(numbers), columns.get, set(), self._mapped
        none = [None] * n
        keys = col("number") or none
        classes = mapped(col("nice_classes"), n, self._classes, self._nice, [], bad)
        filed, registered, well_known, ended = (mapped(col(f), n, self._dates, self._date, None, bad)
                                                for f in ("filing_date", "registration_date", "well_known_on",
                                                          "terminated_date"))
        expiry = mapped(col("expiry_date"), n, self._future, self._future_date, None, bad)
        kinds = mapped(col("kind"), n, self._kinds, self._kind, TrademarkKind.ORDINARY, bad)
        gi = mapped(col("is_gi"), n, self._gi, self._is_gi, False, bad)
        renewals, transfers = (mapped(col(f), n, self._date_lists, self._date_list, (), bad)
                               for f in ("renewal_dates", "transfer_dates"))
        statuses = mapped(col("status"), n, self._statuses, self._status, ("", None), bad)
        owners, names = (mapped(col(f), n, self._texts, self._name, "", bad) for f in ("owner_name", "name"))
        addresses, codes = col("owner_address") or none, col("region_code") or none

        out: list = [None] * n
        for i in range(n):
            number = keys[i]
            if i in bad or number.__class__ is not str or not (
                    number.isascii() and number.isdigit() and number[0] != "0" and len(number) <= TRADEMARK_DIGITS):
                continue
            f, r, owner = filed[i], registered[i], owners[i]
            if (f and r and r < f) or not owner:
                continue
            kind, is_gi = kinds[i], gi[i]
            if is_gi and kind == TrademarkKind.ORDINARY:
                continue
            status, ev_kind = statuses[i]
            end = ended[i]
            if (ev_kind and end is None) or (end and not ev_kind) or (end and r and end < r):
                continue
            events = [{"kind": RENEWAL, "date": d, "detail": ""} for d in renewals[i]]
            events += [{"kind": TRANSFER, "date": d, "detail": ""} for d in transfers[i]]
            if ev_kind:
                events.append({"kind": ev_kind, "date": end, "detail": status})
            address = _clean(addresses[i])[:500]
            p = place(address, f or r, codes[i] or "")
            events.sort(key=lambda e: (e["date"], e["kind"]))
            fields = {
                "number": number, "nice_classes": list(classes[i]), "filing_date": f, "registration_date": r,
                "expiry_date": expiry[i], "name": names[i], "owner_name": owner, "owner_address": address,
                "region_id": p.region_id, "resolution_note": p.note[:300], "is_domestic": p.is_domestic,
                "kind": kind, "is_gi": is_gi, "well_known_on": well_known[i], "source_status": status[:64],
                "terminated_on": trademark_termination_date((e["kind"], e["date"]) for e in events),
            }
            dates = [d for d in (f, r, well_known[i], *(e["date"] for e in events)) if d]
            out[i] = Record(numbers[i], number, fields, {"events": events}, record_date=max(dates, default=None),
                            unresolved=0 if p.region_id else 1)
        mapper = self.mapper
        for i in range(n):
            if out[i] is None:
                out[i] = mapper.from_row(source_row(i))
        return out
