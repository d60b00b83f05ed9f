"""The patent CSV/Excel mapping a chunk at a time, as columns: a stage of the one ingest path
(`batch._open` → this → `core.ingest.batch`), in front of the row mapper, not a second importer.

A chunk's cells are taken column by column and checked set-based: application numbers by one
pattern and their check characters computed over the whole column at once (numpy), publication
numbers by pattern, and every low-cardinality column (dates, 专利类型, 法律状态, counts, IPC and
inventor lists, the applicants with their region) through the row mapper's own functions once per
distinct value of the chunk. A row whose every check passes is assembled from those columns; any
row a check refuses, or cannot decide (an 8-digit or full-width number, a date out of range, an
unknown type, a name too long …), goes to the row mapper (`PatentMapper.from_row`) unchanged, so a
refused row keeps its row number, column, value and reason exactly as before.

The records are the row mapper's: the same fields and children (same values, same types: choices
stay enum members) and the same content hash. The hash (`Record.hash`: blake2b over the repr of the
values) is computed here from the repr of each column, each distinct value's repr made once, joined
per row — the same text `Record.hash` would build (tests/rights/test_import_columnar.py holds both
paths to the same records, hashes and refusals).
"""

from __future__ import annotations

import datetime
import hashlib
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from operator import itemgetter

import numpy as np

from ipgov.core.ingest import bulk
from ipgov.core.ingest.columns import CONTROL, EARLIEST
from ipgov.core.ingest.errors import RowError
from ipgov.core.ingest.records import Record, SourceRow
from ipgov.core.ingest.table import Table
from ipgov.rights.choices import LegalEventKind
from ipgov.rights.importers import legalstatus
from ipgov.rights.importers.headers import PATENT_COLUMNS
from ipgov.rights.importers.mapping import (
    STATED_TYPES,
    TITLE_LIMIT,
    PatentMapper,
    RowContext,
    _clean,
    _lookup,
    combine_dates,
    ipc_fields,
    legal_events,
)
from ipgov.rights.importers.values import BadValue, parse_count, parse_date_text, split_list
from ipgov.rights.numbers import FIRST_YEAR_12, KIND_CODES, TYPE_DIGITS, WEIGHTS_12
from ipgov.rights.services import termination_date

CHUNK = 2000
BAD = object()  # a cell the set-based checks refuse or cannot decide: its row goes to the row mapper
ENABLED = True  # tests hold both paths to the same output; False maps every row with the row mapper

# the usual written form of an application number (12 digits since Oct 2003, dot, check character);
# every other form (8 digits, no dot, full-width digits, spaces, lower case) goes to the row mapper
_APPLICATION = re.compile(r"(?:CN|ZL)?([0-9]{12})\.([0-9X])")
_PUBLICATION = re.compile(r"CN[0-9]{7,10}([A-Z][0-9]?)")
_TYPE_OF_DIGIT = {ord(d): v for d, v in TYPE_DIGITS.items()}
_WEIGHTS = np.array(WEIGHTS_12, dtype=np.int64)
_YEAR = np.array([1000, 100, 10, 1], dtype=np.int64)
DATE_FIELDS = ("filing_date", "publication_date", "grant_date", "publication_or_grant_date", "legal_status_date",
               "exam_date", "terminated_date", "invalidation_date", "priority_date", "pct_filing_date",
               "national_phase_date")
LIST_DATE_FIELDS = (("transfer_date", LegalEventKind.TRANSFER), ("licence_date", LegalEventKind.LICENCE),
                    ("pledge_date", LegalEventKind.PLEDGE))
COUNT_FIELDS = ("priority_count", "family_size", "citations_count")
# the fields the chunk checks know (the row mapper reads no other; `office` comes from XML only): a table that
# maps any other field is mapped row by row
KNOWN_TO_CHUNKS = frozenset(PATENT_COLUMNS) - {"office"}
FIELD_NAMES = ("office", "application_number", "patent_type", "filing_date", "publication_number",
               "publication_date", "grant_number", "grant_date", "title", "abstract", "ipc_main", "ipc_codes",
               "ipc_section", "region_id", "applicant_type", "is_domestic", "inventors", "agency", "agent",
               "priority_number", "priority_date", "priority_count", "is_pct", "pct_application_number",
               "pct_filing_date", "pct_publication_number", "national_phase_date", "family_size", "citations_count",
               "source_status", "terminated_on")
_CACHE_LIMIT = 200_000  # distinct values remembered across chunks (dates, statuses, applicants …)
# the columns whose values' repr is remembered (choices and dates: their repr is slow, their values few)
REPR_REMEMBERED = frozenset({"patent_type", "filing_date", "publication_date", "grant_date", "applicant_type",
                             "priority_date", "pct_filing_date", "national_phase_date", "terminated_on"})


class ChunkMapper(ABC):
    """What the set-based mappers share: a table's rows taken a chunk at a time as columns (`map_table`, `map`),
    and the per-value checks of dates remembered across chunks (`_mapped`). A subclass's `map_chunk` yields
    what its row mapper's `from_row` would, row by row, in the rows' order."""

    KNOWN: frozenset = frozenset()  # the fields the chunk checks know: a table mapping any other is mapped row by row

    def __init__(self, mapper, fields: Iterable[str]):
        self.mapper, self.today = mapper, mapper.today
        self.fields = frozenset(fields)
        self.enabled = ENABLED and self.fields <= self.KNOWN
        self._dates: dict = {}
        self._date_lists: dict = {}

    def map(self, rows: Iterable[SourceRow]) -> Iterator[Record | list[RowError]]:
        """The records (or errors) of `rows`, in their order."""
        if not self.enabled:
            yield from map(self.mapper.from_row, rows)
            return
        fields = self.fields
        for chunk in bulk.chunks(rows, CHUNK):
            cells = [r.cells for r in chunk]
            yield from self.map_chunk([r.row for r in chunk], {f: [c.get(f) for c in cells] for f in fields},
                                      chunk.__getitem__)

    def map_table(self, table: Table) -> Iterator[Record | list[RowError]]:
        """The records (or errors) of a table's rows; a CSV's columns are taken straight from its rows."""
        if not (self.enabled and table.text_cells):
            yield from self.map(table)
            return
        index, getters = table.field_index, {}
        for name, i in index.items():
            getters[name] = itemgetter(i)
        source_row = table.source_row
        strip = str.strip
        for chunk in bulk.chunks(table.checked_rows(), CHUNK):
            rows = [r for _, r in chunk]
            columns = {name: list(map(strip, map(get, rows))) for name, get in getters.items()}
            yield from self.map_chunk([number for number, _ in chunk], columns,
                                      lambda i, chunk=chunk: source_row(*chunk[i]))

    @abstractmethod
    def map_chunk(self, numbers: list[int], columns: dict[str, list],
                  source_row: Callable[[int], SourceRow]) -> list[Record | list[RowError]]:
        """The chunk's records (or errors) in its rows' order: `columns` are its cells by field (a field the
        table lacks is absent), `source_row(i)` its i-th row for the row mapper."""

    # ---------------------------------------------------------------- column checks
    def _date(self, value, latest: datetime.date | None = None):
        """The row mapper's `RowContext.date` for one cell, BAD where it would record an error; `latest`: the
        last day allowed (today; `datetime.date.max` for a term's end, which may lie ahead)."""
        if not value:
            return None
        if value.__class__ is not str:
            return BAD
        try:
            d = parse_date_text(value.strip())
        except BadValue:
            return BAD
        if d is not None and (d > (latest or self.today) or d < EARLIEST):
            return BAD
        return d

    def _date_list(self, value):
        """Dates of a list cell (transfers, licences, pledges): a tuple, or BAD."""
        out = []
        for text in split_list(value):
            d = self._date(text)
            if d is BAD:
                return BAD
            if d:
                out.append(d)
        return tuple(out)

    def _mapped(self, column: list | None, n: int, cache: dict, compute, default, bad: set) -> list:
        """`compute` once per distinct value of the column (remembered across chunks); the rows whose value is
        BAD are added to `bad`."""
        if column is None:
            return [default] * n
        if len(cache) > _CACHE_LIMIT:
            cache.clear()
        distinct = set(column)
        for v in distinct.difference(cache):
            cache[v] = compute(v)
        out = list(map(cache.__getitem__, column))
        if any(cache[v] is BAD for v in distinct):
            bad.update(i for i, r in enumerate(out) if r is BAD)
        return out


class PatentChunks(ChunkMapper):
    """Maps the rows of a patent table a chunk at a time; yields what `PatentMapper.from_row` would, row by row,
    in the rows' order."""

    KNOWN = KNOWN_TO_CHUNKS

    def __init__(self, mapper: PatentMapper, fields: Iterable[str]):
        super().__init__(mapper, fields)
        self._counts: dict = {}
        self._stated: dict = {}
        self._status: dict = {}
        self._applicants: dict = {}
        self._ipc: dict = {}
        self._lists: dict = {}
        self._reprs: dict = {}

    def _count(self, value):
        if not value:
            return 0
        try:
            return parse_count(value)
        except BadValue:
            return BAD

    def _stated_type(self, value):
        stated = _clean(value)
        if not stated:
            return None
        found = _lookup(stated, STATED_TYPES)
        return BAD if found is None else found

    def _status_of(self, value):
        status = _clean(value)
        kinds, unknown = legalstatus.classify(status)
        return status, kinds, "; ".join(unknown)

    def _application_numbers(self, column: list | None, n: int) -> tuple[list, list, list]:
        """(canonical number, patent type, is_pct) per row, set-based; BAD for every form but the usual one
        and for any number the row mapper would refuse (check character, year, type digit)."""
        keys, types, pct = [BAD] * n, [None] * n, [False] * n
        if column is None:
            return keys, types, pct
        at, bodies, checks = [], [], []
        match = _APPLICATION.fullmatch
        for i, v in enumerate(column):
            m = match(v) if v.__class__ is str else None
            if m is not None:
                at.append(i)
                bodies.append(m.group(1))
                checks.append(m.group(2))
        if not at:
            return keys, types, pct
        digits = (np.frombuffer("".join(bodies).encode("ascii"), dtype=np.uint8).reshape(-1, 12) - 48).astype(np.int64)
        value = digits @ _WEIGHTS % 11
        years = digits[:, :4] @ _YEAR
        ok = (years >= FIRST_YEAR_12) & (years <= self.today.year)
        expected = np.where(value == 10, ord("X"), value + 48)
        given = np.frombuffer("".join(checks).encode("ascii"), dtype=np.uint8)
        ok &= expected == given
        type_digits = digits[:, 4] + 48
        for j in np.flatnonzero(ok).tolist():
            kind = _TYPE_OF_DIGIT.get(int(type_digits[j]))
            if kind is None:
                continue
            i = at[j]
            keys[i] = f"{bodies[j]}.{checks[j]}"
            types[i], pct[i] = kind
        return keys, types, pct

    def _publication_numbers(self, column: list | None, types: list, n: int) -> list:
        """The canonical publication number per row ("" when blank), BAD unless written canonically with a
        kind code of the number's patent type."""
        if column is None:
            return [""] * n
        out = []
        match = _PUBLICATION.fullmatch
        for v, patent_type in zip(column, types, strict=True):
            if not v:
                out.append("" if v is None or v == "" else BAD)
                continue
            m = match(v) if v.__class__ is str else None
            if m is None:
                out.append(BAD)
                continue
            kind = KIND_CODES.get(m.group(1))
            out.append(v if kind is not None and kind[1] == patent_type else BAD)
        return out

    def _applicants_of(self, key: tuple, filing) -> tuple | object:
        """The row mapper's applicants (with their places) for one (names, types, address, region code,
        filing year): a template copied per row, or BAD when the row mapper would refuse it."""
        names, types, address, code = key[:4]
        names, types = split_list(names), split_list(types)
        raw = {"applicants": [{"name": name, "address": (address if address is not None else "") if i == 0 else "",
                               "type": types[i] if i < len(types) else ""} for i, name in enumerate(names)]}
        if code is not None:
            raw["region_code"] = code
        ctx = RowContext(0, self.today)
        applicants, unresolved = self.mapper._applicants(raw, filing, ctx)
        if ctx.errors:
            return BAD
        first = applicants[0]
        domestic = first["_domestic"]
        for a in applicants:
            del a["_domestic"]
        reprs = ", ".join(repr(tuple(a.values())) for a in applicants)
        return tuple(applicants), unresolved, first["region_id"], first["applicant_type"], domestic, reprs

    # ---------------------------------------------------------------- one chunk
    def map_chunk(self, numbers: list[int], columns: dict[str, list],
                  source_row: Callable[[int], SourceRow]) -> list[Record | list[RowError]]:
        """The chunk's records (or errors) in its rows' order: `columns` are its cells by field (a field the
        table lacks is absent), `source_row(i)` its i-th row for the row mapper."""
        n, col, bad = len(numbers), columns.get, set()
        keys, types, pct = self._application_numbers(col("application_number"), n)
        bad.update(i for i, k in enumerate(keys) if k is BAD)
        mapped = self._mapped
        stated = mapped(col("patent_type"), n, self._stated, self._stated_type, None, bad)
        dates = {f: mapped(col(f), n, self._dates, self._date, None, bad) for f in DATE_FIELDS}
        listed = [mapped(col(f), n, self._date_lists, self._date_list, (), bad) for f, _ in LIST_DATE_FIELDS]
        counts = [mapped(col(f), n, self._counts, self._count, 0, bad) for f in COUNT_FIELDS]
        statuses = mapped(col("legal_status"), n, self._status, self._status_of, ("", (), ""), bad)
        publications = self._publication_numbers(col("publication_number"), types, n)
        grants = self._publication_numbers(col("grant_number"), types, n)
        for column in (publications, grants):
            bad.update(i for i, v in enumerate(column) if v is BAD)
        none = [None] * n
        ipcs = mapped(list(zip(col("ipc_codes") or none, col("ipc_main") or none, strict=True)), n, self._ipc,
                      _ipc_pair, None, bad)
        inventors = mapped(col("inventors"), n, self._lists, _list, (), bad)
        texts = {f: list(map(_clean, c)) if (c := col(f)) is not None else [""] * n
                 for f in ("title", "grant_title", "abstract", "agency", "agent", "priority_number",
                           "pct_application_number", "pct_publication_number")}
        applicant_cells = list(zip(col("applicants") or none, col("applicant_type") or none,
                                   col("applicant_address") or none, col("region_code") or none, strict=True))

        out: list = [None] * n
        fast: list[tuple[int, dict, dict, str]] = []  # (position, fields, children, repr of the applicants)
        d_filing, d_pub, d_grant = dates["filing_date"], dates["publication_date"], dates["grant_date"]
        d_comb, d_status, d_exam = dates["publication_or_grant_date"], dates["legal_status_date"], dates["exam_date"]
        d_ended, d_invalid = dates["terminated_date"], dates["invalidation_date"]
        d_priority, d_pct, d_phase = dates["priority_date"], dates["pct_filing_date"], dates["national_phase_date"]
        l_transfer, l_licence, l_pledge = listed
        c_priority, c_family, c_citations = counts
        t_title, t_grant_title, t_abstract = texts["title"], texts["grant_title"], texts["abstract"]
        t_agency, t_agent, t_priority = texts["agency"], texts["agent"], texts["priority_number"]
        t_pct, t_pct_pub = texts["pct_application_number"], texts["pct_publication_number"]
        applicant_cache = self._applicants
        if len(applicant_cache) > _CACHE_LIMIT:
            applicant_cache.clear()
        GRANT, control = LegalEventKind.GRANT, CONTROL.search
        for i in range(n):
            if i in bad:
                continue
            key, patent_type, filing = keys[i], types[i], d_filing[i]
            if filing is None:
                continue
            s = stated[i]
            if s is not None and s != patent_type:
                continue
            status, kinds, unknown = statuses[i]
            publication, grant, combined = d_pub[i], d_grant[i], d_comb[i]
            if combined is not None:
                publication, grant = combine_dates(patent_type, kinds, publication, grant, combined)
            if grant is None and GRANT in kinds:
                grant = d_status[i]
            if (grant and grant < filing) or (publication and publication < filing):
                continue
            publication_number, grant_number = publications[i], grants[i]
            if grant and not grant_number and publication_number[-1:] in ("U", "S"):
                grant_number = publication_number
            exam, ended, invalidated = d_exam[i], d_ended[i], d_invalid[i]
            if exam is None and ended is None and invalidated is None and not kinds \
                    and not (l_transfer[i] or l_licence[i] or l_pledge[i]):
                events = [{"kind": GRANT, "date": grant, "detail": ""}] if grant else []
                terminated = None
            else:
                listed_events = [(kind, d) for (_, kind), ds in zip(LIST_DATE_FIELDS, (
                    l_transfer[i], l_licence[i], l_pledge[i]), strict=True) for d in ds]
                events, problems = legal_events(grant, filing, exam, listed_events, status, d_status[i], ended,
                                                invalidated, kinds)
                if problems:
                    continue
                terminated = termination_date((e["kind"], e["date"]) for e in events)
            akey = (*applicant_cells[i], filing.year)
            try:
                applicants = applicant_cache[akey]
            except KeyError:
                applicants = applicant_cache[akey] = self._applicants_of(akey, filing)
            if applicants is BAD:
                continue
            title = t_title[i] or t_grant_title[i]
            if control(title):
                title = CONTROL.sub("", title)
            if not title or len(title) > TITLE_LIMIT:
                continue
            template, unresolved, region_id, applicant_type, domestic, applicant_reprs = applicants
            ipc_main, ipc_codes = ipcs[i]
            pct_number = t_pct[i]
            fields = {
                "office": "CN", "application_number": key, "patent_type": patent_type, "filing_date": filing,
                "publication_number": publication_number, "publication_date": publication,
                "grant_number": grant_number if grant else "", "grant_date": grant, "title": title,
                "abstract": t_abstract[i], "ipc_main": ipc_main[:32], "ipc_codes": list(ipc_codes),
                "ipc_section": ipc_main[:1] if ipc_main[:1] in "ABCDEFGH" else "", "region_id": region_id,
                "applicant_type": applicant_type, "is_domestic": domestic, "inventors": list(inventors[i]),
                "agency": t_agency[i][:200], "agent": t_agent[i][:200], "priority_number": t_priority[i][:64],
                "priority_date": d_priority[i], "priority_count": c_priority[i], "is_pct": pct[i] or bool(pct_number),
                "pct_application_number": pct_number[:32], "pct_filing_date": d_pct[i],
                "pct_publication_number": t_pct_pub[i][:32], "national_phase_date": d_phase[i],
                "family_size": c_family[i], "citations_count": c_citations[i], "source_status": status[:64],
                "terminated_on": terminated,
            }
            if events:
                record_date = max(d for d in (filing, publication, grant, *(e["date"] for e in events)) if d)
            else:
                record_date = max(d for d in (filing, publication, grant) if d)
            children = {"applicants": [dict(a) for a in template], "events": events}
            out[i] = Record(numbers[i], key, fields, children, record_date=record_date, unresolved=unresolved,
                            unknown_status=unknown)
            fast.append((i, fields, children, applicant_reprs))
        self._hash(fast, out)
        mapper = self.mapper
        for i in range(n):
            if out[i] is None:
                out[i] = mapper.from_row(source_row(i))
        return out

    # ---------------------------------------------------------------- hashes
    def _repr(self, value) -> str:
        """repr of an event's kind or date, remembered."""
        cache = self._reprs.setdefault("events", {})
        try:
            return cache[value]
        except KeyError:
            r = cache[value] = repr(value)
            return r

    def _hash(self, fast: list, out: list) -> None:
        """`Record.hash` of the chunk's assembled records, from the repr of each column: the same text
        (`repr([tuple(fields.values()), "applicants", *applicant tuples, "events", *event tuples])`)."""
        if not fast:
            return
        reprs = self._reprs
        if len(reprs) > _CACHE_LIMIT:
            reprs.clear()
        columns = []
        for name, values in zip(FIELD_NAMES, zip(*(f.values() for _, f, _, _ in fast), strict=True), strict=True):
            if name in REPR_REMEMBERED:  # one column's values are of one type (or None): no 1 == True clash
                cache = reprs.setdefault(name, {})
                for v in set(values).difference(cache):
                    cache[v] = repr(v)
                columns.append(map(cache.__getitem__, values))
            else:
                columns.append(map(repr, values))
        rep = self._repr
        blake2b = hashlib.blake2b
        for (i, _, children, applicant_reprs), joined in zip(fast, map(", ".join, zip(*columns, strict=True)),
                                                             strict=True):
            events = children["events"]
            text = f"[({joined}), 'applicants', {applicant_reprs}, 'events'"
            if events:
                text += ", " + ", ".join(f"({rep(e['kind'])}, {rep(e['date'])}, {e['detail']!r})" for e in events)
            out[i]._hash = blake2b((text + "]").encode(), digest_size=16).hexdigest()


def _ipc_pair(pair: tuple) -> tuple[str, tuple[str, ...]]:
    ipc_main, codes = ipc_fields(split_list(pair[0]), pair[1])
    return ipc_main, tuple(codes)


def _list(value) -> tuple[str, ...]:
    return tuple(split_list(value))
