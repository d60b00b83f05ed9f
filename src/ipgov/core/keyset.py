"""Pages by key (a cursor, never OFFSET) and counts that do not count a big table: the one module for both.

The API (`api.staff`) and the staff lists (`web.generic`) share the cursor encoding: base64 of the JSON
`[key, ordering]`, where the key is the last row's id (API) or its ordering values (staff lists), and the
ordering is the one the cursor was made for (a cursor from another ordering is refused).

A staff list is ordered by its keys (e.g. `-filing_date, application_number`) and then by the primary key as
the tiebreaker unless a key is already unique, so every row has one place. The next page is the rows after the last row's key values,
the previous page the rows before the first row's; the query reads `limit + 1` ids along the ordering's
index and never skips rows, so page 1,000 costs what page 1 costs. Nullable keys sort their NULLs last in
either direction (the same on SQLite and PostgreSQL).
"""

from __future__ import annotations

import base64
import datetime
import decimal
import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import OperationalError, connections, models, transaction
from django.db.models import F, Q

from ipgov.core import dbstats

EXACT_UP_TO = 1000  # a filtered list this small is counted exactly
WHOLE = 20_000  # PostgreSQL: a list expected this small is read whole for a page (`_page_rows`)
# PostgreSQL: what a list's count may take before the page settles for a lower bound: at 10 million patents
# 河南大学 within one county (63,379 patents, 829 of them hers) is counted only by testing every patent of the
# county, ~600 ms, where its first page takes ~50 ms
SIZE_BUDGET_MS = 150
# PostgreSQL: a whole read (`_page_rows`) that takes longer than this is not the cheaper way to the page (a firm's
# 5,693 patents at 10 million: ~45 ms read whole, 186 ms walked along the order's index); past it, the page alone
WHOLE_BUDGET_MS = 75


class CursorError(ValueError):
    """A cursor this application did not give for this ordering."""


def encode_cursor(key, ordering: str) -> str:
    return base64.urlsafe_b64encode(json.dumps([key, ordering], default=_plain).encode()).decode().rstrip("=")


def decode_cursor(text: str, ordering: str):
    """The key of a cursor made by `encode_cursor` for `ordering`; CursorError otherwise."""
    try:
        key, was = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (ValueError, TypeError):
        raise CursorError(text) from None
    if was != ordering:
        raise CursorError(text)
    return key


def _plain(value):
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} cannot be a cursor key")


# --------------------------------------------------------------------------------------------------
# Keyset pages
# --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Key:
    path: str  # ORM path ("filing_date", "pledgor__name", "region_id")
    descending: bool
    field: models.Field
    nullable: bool

    def order(self, reverse: bool = False):
        desc = self.descending != reverse
        if not self.nullable:
            return f"-{self.path}" if desc else self.path
        # NULLs last in the page's direction (first when walking backwards), alike on both databases
        nulls = {"nulls_first": True} if reverse else {"nulls_last": True}
        return F(self.path).desc(**nulls) if desc else F(self.path).asc(**nulls)


def keys_of(model, ordering) -> list[Key]:
    """The ordering's keys, each resolved to a concrete field, then the primary key as the tiebreaker."""
    pk = model._meta.pk
    out: list[Key] = []
    for entry in ordering:
        desc, path = entry.startswith("-"), entry.lstrip("-")
        parts = pk.name.split("__") if path == "pk" else path.split("__")
        field, nullable, current = None, False, model
        for i, part in enumerate(parts):
            field = current._meta.get_field(part)
            nullable = nullable or bool(getattr(field, "null", False))
            if field.is_relation and i < len(parts) - 1:
                current = field.related_model
        if field.is_relation:  # a foreign key orders by its column, the value the cursor holds
            parts[-1] = field.attname
            field = field.target_field
        out.append(Key("__".join(parts), desc, field, nullable))
        if len(parts) == 1 and (field.primary_key or field.unique) and not nullable:
            return out  # unique (the primary key, an application number): nothing after it decides
    return [*out, Key(pk.attname, True, pk, False)]


def ordering_label(keys: list[Key]) -> str:
    return ",".join(("-" if k.descending else "") + k.path for k in keys)


def _after(key: Key, value, reverse: bool) -> Q:
    """Rows strictly after `value` in `key`'s direction (walking backwards when `reverse`)."""
    desc = key.descending != reverse
    nulls_last = not reverse
    if value is None:
        return Q(**{f"{key.path}__isnull": False}) if not nulls_last else Q(pk__in=[])
    q = Q(**{f"{key.path}__{'lt' if desc else 'gt'}": value})
    if key.nullable and nulls_last:
        q |= Q(**{f"{key.path}__isnull": True})
    return q


def _equal(key: Key, value) -> Q:
    return Q(**{f"{key.path}__isnull": True}) if value is None else Q(**{key.path: value})


def beyond(keys: list[Key], values: list, reverse: bool = False) -> Q:
    """Rows after (before when `reverse`) the row whose key values are `values`: k1 after v1, or k1 = v1
    and k2 after v2, … With a bound on the first key beside it, so that an index on it limits the scan."""
    q, equal = Q(pk__in=[]), Q()
    for key, value in zip(keys, values, strict=True):
        q |= equal & _after(key, value, reverse)
        equal &= _equal(key, value)
    first, v = keys[0], values[0]
    if v is not None and not first.nullable:
        q &= Q(**{f"{first.path}__{'lte' if first.descending != reverse else 'gte'}": v})
    return q


@dataclass
class KeyPage:
    ids: list
    next_cursor: str | None
    previous_cursor: str | None
    first: bool  # no rows before this page
    total: int | None = None  # the list's exact size when the page read the whole list (`_page_rows`)
    planned: int | None = None  # PostgreSQL's estimate of the list's size, asked for the page (`count` reuses it)
    costly: bool = False  # reading the whole list overran WHOLE_BUDGET_MS: it is not counted either (a lower bound)


def key_page(qs, ordering, cursor: str | None, limit: int) -> KeyPage:
    """One page of `qs`'s ids in `ordering` (primary key last), after or before the cursor's row.
    CursorError when the cursor is not one `key_page` gave for this ordering."""
    keys = keys_of(qs.model, ordering)
    label = ordering_label(keys)
    reverse, values = False, None
    if cursor:
        try:
            way, raw = decode_cursor(cursor, label)
            if way not in ("after", "before") or len(raw) != len(keys):
                raise CursorError(cursor)
            values = [None if v is None else k.field.to_python(v) for k, v in zip(keys, raw, strict=True)]
        except (ValueError, TypeError, ValidationError):
            raise CursorError(cursor) from None
        reverse = way == "before"
        qs = qs.filter(beyond(keys, values, reverse))
    paths = [k.path for k in keys]
    rows, whole, planned, costly = _page_rows(
        qs.order_by(*[k.order(reverse) for k in keys]).values_list("pk", *paths), limit)
    # after a cursor the page's query holds the cursor's condition: its sizes are not the list's
    total, planned, costly = (whole, planned, costly) if not cursor else (None, None, False)
    more = len(rows) > limit
    rows = rows[:limit]
    if reverse:
        rows.reverse()

    def at(row, way):
        return encode_cursor([way, list(row[1:])], label)

    if not rows:
        return KeyPage([], None, None, first=not cursor or reverse, total=total, planned=planned, costly=costly)
    has_next = more if not reverse else True
    has_previous = (values is not None) if not reverse else more
    return KeyPage([r[0] for r in rows], at(rows[-1], "after") if has_next else None,
                   at(rows[0], "before") if has_previous else None, first=not has_previous, total=total,
                   planned=planned, costly=costly)


def _page_rows(qs, limit: int) -> tuple[list, int | None, int | None, bool]:
    """The first `limit` + 1 rows of the ordered `qs`, the number of its rows when all were read,
    PostgreSQL's estimate of that number, and whether reading them all overran WHOLE_BUDGET_MS.

    On PostgreSQL by one process: parallel workers each walk ahead of a LIMIT (Gather Merge; 10 million
    patents, a firm's 5,693 applicants: 970,000 rows read for 51, 2.2 s; 100,000 without workers, 186 ms).

    A list the planner expects to hold at most WHOLE rows is asked for all of them (LIMIT WHOLE + 1) and
    cut here: asked for 51, PostgreSQL walks the order's index for rows scattered along it (those 100,000
    rows); asked for all, it fetches them and sorts (43 ms), and the list need not be counted again. Unless
    that takes longer than WHOLE_BUDGET_MS: a few rows among many that only a test of each row finds (a
    common name within one county) cost the whole scope; then the page alone, along the order's index."""
    connection = connections[qs.db]
    if connection.vendor != "postgresql":
        rows = list(qs[:limit + 1])
        return rows, (len(rows) if len(rows) <= limit else None), None, False
    expected = dbstats.planned_rows(qs)
    whole_tried = expected is not None and limit < expected <= WHOLE
    if whole_tried:
        rows = _read_within(qs, WHOLE + 1, WHOLE_BUDGET_MS)
        if rows is not None:
            return rows[:limit + 1], (len(rows) if len(rows) <= WHOLE else None), expected, False
    rows = _read_within(qs, limit + 1)
    return rows, (len(rows) if len(rows) <= limit else None), expected, whole_tried


def _read_within(qs, bound: int, budget_ms: int | None = None) -> list | None:
    """PostgreSQL: the first `bound` rows of `qs` (`_lean`)."""
    return _lean(qs.db, lambda: list(qs[:bound]), budget_ms)


def _lean(db: str, read, budget_ms: int | None = None):
    """PostgreSQL: `read()` by one process and without JIT compilation (which the planner asks for by cost:
    100 ms for a county's list, longer than the read itself); with `budget_ms`, None when it takes longer
    (the statement is cancelled, its savepoint rolled back)."""
    settings = "SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL jit = off"
    if budget_ms is not None:
        settings += f"; SET LOCAL statement_timeout = {int(budget_ms)}"
    nested = connections[db].in_atomic_block
    try:
        with transaction.atomic(using=db), connections[db].cursor() as cursor:
            cursor.execute(settings)  # until this transaction's end, or the savepoint's rollback
            result = read()
            if budget_ms is not None and nested:  # a released savepoint keeps the setting: the caller's
                cursor.execute("SET LOCAL statement_timeout TO DEFAULT")  # transaction goes on without it
            return result
    except OperationalError as exc:
        if budget_ms is None or not _cancelled(exc):
            raise
        return None


def _cancelled(exc: OperationalError) -> bool:
    """The statement overran its statement_timeout (psycopg's QueryCanceled, SQLSTATE 57014)."""
    return getattr(exc.__cause__, "sqlstate", None) == "57014"


# --------------------------------------------------------------------------------------------------
# Counts
# --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Count:
    n: int
    exact: bool  # False: `n` is a lower bound (SQLite) or the planner's estimate (PostgreSQL)
    estimated: bool = False  # the planner's estimate, not a lower bound
    cut_short: bool = False  # a lower bound because counting would have overrun SIZE_BUDGET_MS


def count(qs, exact_up_to: int | None = None, planned: int | None = None, *, at_least: int = 0,
          budget: bool = True) -> Count:
    """How many rows `qs` has, without counting a big table: exact up to `exact_up_to` (a COUNT over at most
    that many + 1 rows); beyond it, on PostgreSQL the planner's estimate (pg_class.reltuples for a whole
    table, the EXPLAIN row estimate for a filtered list; `planned` when the page asked for it already),
    elsewhere the bound itself ("1,000+").

    On PostgreSQL the COUNT may take SIZE_BUDGET_MS (unless `budget` is False: a user asked for the exact
    count); past it, `at_least` (the rows the caller has seen) as a lower bound, `cut_short`."""
    exact_up_to = EXACT_UP_TO if exact_up_to is None else exact_up_to
    bounded = qs.order_by()[:exact_up_to + 1]
    if connections[qs.db].vendor == "postgresql":
        n = _lean(qs.db, bounded.count, SIZE_BUDGET_MS if budget else None)
        if n is None:
            return Count(at_least, exact=False, cut_short=True)
    else:
        n = bounded.count()
    if n <= exact_up_to:
        return Count(n, exact=True)
    estimate = planned if planned is not None else dbstats.planned_rows(qs)
    if estimate is not None and estimate > exact_up_to:
        return Count(estimate, exact=False, estimated=True)
    return Count(exact_up_to, exact=False)



def size_of(qs, page: KeyPage | None = None, exact: bool = False) -> Count:
    """The list's size for its first `page` (`key_page`), which may know it (it read the whole list), carry
    PostgreSQL's estimate of it, or know that counting it costs more than a page may spend (then a lower
    bound: its rows). `exact`: the user asked for the exact count, whatever it costs."""
    if page is not None and page.total is not None:
        return Count(page.total, exact=True)
    seen = len(page.ids) if page is not None else 0
    if page is not None and page.costly and not exact:
        return Count(seen, exact=False, cut_short=True)
    return count(qs, planned=page.planned if page is not None else None, at_least=seen, budget=not exact)
