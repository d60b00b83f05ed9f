"""The bulk writer's tools: inserts below the ORM with their audit (one entry per batch), for imports of hundreds of
thousands of rows, and the session such an import runs in.

Django's bulk_create spends ~50 µs per row compiling values; here rows are tuples of driver-ready
values written with COPY on PostgreSQL (psycopg) or multi-row INSERTs on SQLite (`sqlite_insert`). Only the
columns that need it are converted (JSON to text; dates to their ISO text on SQLite, as Django's sqlite3
adapter writes them, remembered; psycopg adapts dates itself); values that are the same on every row (times,
ids of the batch) are converted once by the caller with `prep`. Primary keys are allocated up front (the
sequence on PostgreSQL, max(id) inside the batch's write transaction on SQLite) so children can point at their
parents without reading anything back.
"""

from __future__ import annotations

import datetime
import gc
import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain, islice

from django.db import connection, models, transaction
from django.utils.translation import gettext as _

from ipgov.core.ingest.errors import ImportFailed
from ipgov.core.textsearch import sqlite_indexed_after

_encode = json.JSONEncoder(ensure_ascii=False).encode  # what json.dumps(v, ensure_ascii=False) does, once built


_PLAIN = re.compile(r'[^"\\\x00-\x1f]*')  # a string JSON writes as is, between quotes


_LISTS: dict[tuple, str] = {}  # the JSON text of lists of plain strings already written (IPC codes, inventors repeat)
_LISTS_LIMIT = 100_000
_STR, _INT = {str}, {int}  # a list's element types (`{*map(type, value)}`) written without the encoder


def _json(value):
    """JSON text as `json.dumps(value, ensure_ascii=False)` writes it; a list of plain strings (IPC codes,
    inventors: most JSON cells of the register) is joined directly, ~10× faster, to the same text, and
    remembered (only lists of strings are: no other value equals a string, so a hit is the same text)."""
    if value is None:
        return None
    if value.__class__ is list:
        try:
            return _LISTS[tuple(value)]
        except (KeyError, TypeError):  # not seen yet, or not hashable (a list of dicts)
            pass
        types = {*map(type, value)}
        # _PLAIN's class is per character, so the strings joined by a plain "," match it when each string does
        if types <= _STR and _PLAIN.fullmatch(",".join(value)):
            text = '["' + '", "'.join(value) + '"]' if value else "[]"
            if len(_LISTS) < _LISTS_LIMIT:
                _LISTS[tuple(value)] = text
            return text
        if types == _INT:  # a trademark's Nice classes; not remembered: [1] == [True]
            return "[" + ", ".join(map(str, value)) + "]"
    return _encode(value)


_ISO: dict = {}  # the ISO text of dates already written (a register's dates are a few thousand days)


def _iso_date(value):
    """A date as Django's sqlite3 adapter writes it (`isoformat`), remembered: the adapter costs ~1.5 µs a value
    through the driver, a memo hit ~0.1 µs."""
    if value is None:
        return None
    try:
        return _ISO[value]
    except KeyError:
        if value.__class__ is not datetime.date:  # not a plain date: the driver adapts it, as before
            return value
        if len(_ISO) > _LISTS_LIMIT:
            _ISO.clear()
        text = _ISO[value] = value.isoformat()
        return text


def prep(model: type[models.Model], attname: str, value):
    """One value as the driver takes it (for values repeated on every row: convert once)."""
    return _db(next(f for f in model._meta.concrete_fields if f.attname == attname), value)


def converters(model: type[models.Model], columns: Sequence[str], ready: Iterable[str] = ()) -> list[Callable | None]:
    """Per column: the conversion from a Python value to what the driver takes (None = as is).
    Columns in `ready` hold driver-ready values already (see `prep`)."""
    ready = set(ready)
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    out = []
    for name in columns:
        field = by_attname[name]
        if name in ready:
            out.append(None)
        elif isinstance(field, models.JSONField):
            out.append(_json)
        elif isinstance(field, models.DateTimeField | models.UUIDField | models.GenericIPAddressField):
            out.append(lambda v, f=field: f.get_db_prep_save(v, connection))
        elif isinstance(field, models.DateField) and connection.vendor == "sqlite":
            out.append(_iso_date)
        else:
            out.append(None)  # text, numbers, booleans (and dates on PostgreSQL): the drivers adapt them
    return out


def allocate_ids(model: type[models.Model], count: int, alone: bool = False) -> list[int]:
    """`count` fresh primary keys for `model` (call inside the writing transaction). `alone`: no other session
    inserts into the table meanwhile (a first fill holds it locked, `indexes_built_after`), so on PostgreSQL the
    sequence is moved past the keys in one call instead of drawn once a key (100,000 `nextval`s: 0.3 s of a
    5.5 s import). Were another session to draw meanwhile after all, its key would meet one of these at the
    primary key: one of the two fails whole, nothing is written twice."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            if alone:
                cur.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                            "nextval(pg_get_serial_sequence(%s, 'id')) + %s - 1)", [table, table, count])
                last = cur.fetchone()[0]
                return list(range(last - count + 1, last + 1))
            cur.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                        [table, count])
            return [row[0] for row in cur.fetchall()]
        cur.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')
        start = cur.fetchone()[0] + 1
        return list(range(start, start + count))


def insert(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence],
           ready: Iterable[str] = (), skip_conflicts: bool = False) -> int:
    """Insert `rows` (values in `columns` order) into the model's table; returns the count.
    `skip_conflicts`: a row whose unique key the table already holds (or an earlier row of `rows`) is left
    out, as bulk_create(ignore_conflicts=True) does; the count is then of the rows inserted."""
    plan = [(i, c) for i, c in enumerate(converters(model, columns, ready)) if c is not None]
    if plan:
        rows = _converted(rows, plan)
    table = model._meta.db_table
    names = ", ".join(f'"{model._meta.get_field(c).column}"' for c in columns)
    count = 0
    if connection.vendor == "postgresql" and skip_conflicts:
        return _insert_skipping_pg(table, names, rows)
    if connection.vendor == "postgresql":
        with connection.cursor() as cur, cur.cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
            write = copy.write_row
            for row in rows:
                write(row)
                count += 1
        return count
    connection.ensure_connection()
    raw = connection.connection  # the sqlite3 connection, inside the batch's transaction
    verb = "INSERT OR IGNORE" if skip_conflicts else "INSERT"
    head, group = f'{verb} INTO "{table}" ({names})', f'({", ".join(["?"] * len(columns))})'
    if skip_conflicts:  # the rows left out are not known here: their table's triggers index the others
        return sqlite_insert(raw, head, group, len(columns), rows)  # rows inserted (not the triggers' rows)
    pk = model._meta.pk
    at = columns.index(pk.attname) if pk.attname in columns else None
    ids = None if at is None else []  # the keys the rows carry, filled as they are written
    if ids is not None:
        rows = _noting(rows, at, ids)
    with connection.cursor() as cur, sqlite_indexed_after(cur, table, ids, pk.column):
        count = sqlite_insert(raw, head, group, len(columns), rows)
    return count


def _noting(rows: Iterable[Sequence], at: int, seen: list) -> Iterator[Sequence]:
    for row in rows:
        seen.append(row[at])
        yield row


# Rows a statement on SQLite. Each execution of an INSERT into a table with AUTOINCREMENT (Django's primary
# keys on SQLite) first scans sqlite_sequence, one row per such table, for the table's name: the demo's
# database has ~115, and one row a statement cost 6.4 µs a row for 5M cube cells where 100 rows a statement
# cost 1.5 µs (3.1 µs one a statement with a single table in sqlite_sequence).
ROWS_PER_STATEMENT = 100
_CHUNK = 5000


def chunks(items: Iterable, size: int) -> Iterator[list]:
    """`items` as lists of `size` (the last shorter)."""
    items = iter(items)
    while chunk := list(islice(items, size)):
        yield chunk


def sqlite_insert(raw: sqlite3.Connection, head: str, group: str, width: int, rows: Iterable[Sequence]) -> int:
    """SQLite: `head VALUES group` for each of `rows`, up to ROWS_PER_STATEMENT rows a statement
    (`head VALUES group, group, …`); `group` is one row's parenthesised values with `width` placeholders
    (it may hold literals besides). Returns the rows inserted (for INSERT OR IGNORE: those not skipped)."""
    limit = raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    per = max(1, min(ROWS_PER_STATEMENT, limit // max(width, 1)))
    many, one = f"{head} VALUES {', '.join([group] * per)}", f"{head} VALUES {group}"
    flat = chain.from_iterable
    count = 0
    for chunk in chunks(rows, _CHUNK):
        whole = len(chunk) - len(chunk) % per
        if whole:
            count += raw.executemany(many, [tuple(flat(chunk[i:i + per])) for i in range(0, whole, per)]).rowcount
        if whole < len(chunk):
            count += raw.executemany(one, chunk[whole:]).rowcount
    return count


def sqlite_insert_columns(raw: sqlite3.Connection, head: str, group: str, columns: Sequence[list]) -> int:
    """`sqlite_insert` of rows given as columns (equal-length lists, in the order of `group`'s placeholders):
    the statements' parameters are interleaved by slice assignment, in C, instead of a tuple a row and a
    flattening (a million cube cells, with SQLite's insert: 3.8 and 4.9 against 4.1 and 5.5 µs a row, two runs each)."""
    width, n = len(columns), len(columns[0]) if columns else 0
    limit = raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    per = max(1, min(ROWS_PER_STATEMENT, limit // max(width, 1)))
    flat: list = [None] * (width * n)
    for j, column in enumerate(columns):
        flat[j::width] = column
    whole, step = n - n % per, width * per
    count = 0
    if whole:
        many = f"{head} VALUES {', '.join([group] * per)}"
        count += raw.executemany(many, [flat[i:i + step] for i in range(0, width * whole, step)]).rowcount
    if whole < n:
        count += raw.executemany(f"{head} VALUES {group}",
                                 [flat[i:i + width] for i in range(width * whole, width * n, width)]).rowcount
    return count


def _insert_skipping_pg(table: str, names: str, rows: Iterable[Sequence]) -> int:
    """PostgreSQL: COPY into a temporary table of the columns (no constraints), then one INSERT … ON CONFLICT DO NOTHING
    (COPY itself cannot skip a row; Django's bulk_create with ignore_conflicts builds a model instance and
    a VALUES tuple per row)."""
    # inside a transaction (a savepoint when nested): a failure takes the temporary table with it
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(f'CREATE TEMPORARY TABLE "_ipgov_incoming" ON COMMIT DROP AS SELECT {names} FROM "{table}" WITH NO DATA')
        with cur.cursor.copy(f'COPY "_ipgov_incoming" ({names}) FROM STDIN') as copy:
            write = copy.write_row
            for row in rows:
                write(row)
        cur.execute(f'INSERT INTO "{table}" ({names}) SELECT {names} FROM "_ipgov_incoming" ON CONFLICT DO NOTHING')
        inserted = cur.rowcount
        cur.execute('DROP TABLE "_ipgov_incoming"')
        return inserted


def _converted(rows: Iterable[Sequence], plan: list[tuple[int, Callable]]):
    if len(plan) == 1:
        (i, c), = plan
        for row in rows:
            row = list(row)
            row[i] = c(row[i])
            yield row
        return
    for row in rows:
        row = list(row)
        for i, c in plan:
            row[i] = c(row[i])
        yield row


def batch_object_id(batch_id: int) -> str:
    """The object_id of a batch's audit entry (`audit_batch`) for the records it wrote."""
    return f"batch-{batch_id}"


def audit_batch(model: type[models.Model], batch_id: int, keys: Sequence[str], message: str, action: str) -> None:
    """One audit entry for the `model` records a batch wrote (not one per record): it names the batch
    (object_id `batch-<id>`) and the number of records; each record points at its batch (batch_id),
    and the versions table keeps what a changed record was before."""
    from django.contrib.contenttypes.models import ContentType

    from ipgov.core.actor import require_actor
    from ipgov.core.models import ObjectChange

    if not keys:
        return
    actor = require_actor()
    object_type = ContentType.objects.get_for_model(model)
    earlier = ObjectChange.objects.filter(object_type=object_type, object_id=batch_object_id(batch_id),
                                          action=action, message=message[:500]).first()
    if earlier is not None:  # the batch's next chunk: the same entry counts its records
        earlier.after = {"batch": batch_id, "records": earlier.after["records"] + len(keys)}
        earlier.save(update_fields=["after"])
        return
    shown = ", ".join(keys[:3]) + (f" … (+{len(keys) - 3})" if len(keys) > 3 else "")
    ObjectChange.objects.create(user_id=actor.user_id, actor=actor.label, remote_addr=actor.remote_addr,
                                request_id=actor.request_id, action=action,
                                object_type=object_type, object_id=batch_object_id(batch_id), object_repr=shown[:200], message=message[:500],
                                after={"batch": batch_id, "records": len(keys)})


def _db(field: models.Field, value):
    if isinstance(field, models.JSONField):
        return _json(value)
    return field.get_db_prep_save(value, connection)


@contextmanager
def indexes_built_after(tables: Sequence[str], enabled: bool) -> Iterator[None]:
    """Drop the tables' plain (non-unique) indexes, and create them again once the rows are in.

    Filling an empty table and then building each index in one sorted pass costs about half of keeping
    every index up to date row by row (PostgreSQL, COPY of 100,000 imported patents with their
    applicants and events: 41 µs of server CPU a patent with the indexes kept, 20 µs dropped and built
    after; the three trigram GIN indexes alone 19 µs kept, 9 µs built). Call inside the batch's
    transaction: the DDL is transactional on both databases, so a batch that fails rolls the indexes
    back with the rows. Unique indexes and those of constraints stay (they enforce the register's
    identities and serve the writer's lookups).

    PostgreSQL: DROP INDEX locks the table against every reader until the batch commits — only on a
    first fill, when there is nothing to read yet. A reader already holding the table (a page being
    served) is waited for up to LOCK_WAIT; then the indexes are kept and updated row by row, as on any
    later import."""
    if not enabled or not connection.in_atomic_block or connection.vendor not in ("sqlite", "postgresql"):
        yield
        return
    if connection.vendor == "postgresql" and not POSTGRESQL_BUILT_AFTER:
        yield
        return
    saved = _plain_indexes(tables)
    if saved and connection.vendor == "postgresql" and not _dropped_pg(saved):
        saved = []
    elif saved and connection.vendor == "sqlite":
        with connection.cursor() as cur:
            for name, _ in saved:
                cur.execute(f'DROP INDEX "{name}"')
    yield
    with connection.cursor() as cur:
        for _, sql in saved:
            cur.execute(sql)


LOCK_WAIT = "5s"
POSTGRESQL_BUILT_AFTER = True  # False: kept and updated row by row, as before (for comparisons)


def _plain_indexes(tables: Sequence[str]) -> list[tuple[str, str]]:
    """(name, CREATE INDEX statement) of each plain index of `tables`."""
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            saved = []
            for table in tables:
                cur.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                            "AND sql IS NOT NULL", [table])
                saved += [(name, sql) for name, sql in cur.fetchall()
                          if sql.lstrip().upper().startswith("CREATE INDEX")]
            return saved
        cur.execute("SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
                    "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
                    "WHERE t.relname = ANY(%s) AND t.relnamespace = current_schema()::regnamespace "
                    "AND NOT x.indisunique AND x.indisvalid "
                    "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) "
                    "ORDER BY t.relname, i.relname", [list(tables)])
        return cur.fetchall()


def _dropped_pg(saved: list[tuple[str, str]]) -> bool:
    """Drop the indexes (PostgreSQL), waiting at most LOCK_WAIT for the tables' readers; False, and
    nothing dropped, when they do not let go."""
    from django.db import DatabaseError, transaction

    with connection.cursor() as cur:
        cur.execute("SHOW lock_timeout")
        before = cur.fetchone()[0]
        try:
            with transaction.atomic():
                cur.execute("SELECT set_config('lock_timeout', %s, true)", [LOCK_WAIT])
                for name, _ in saved:
                    cur.execute(f'DROP INDEX "{name}"')
        except DatabaseError:
            return False
        finally:
            cur.execute("SELECT set_config('lock_timeout', %s, true)", [before])
    return True


SQLITE_CACHE_KIB = 256 * 1024  # an upper bound: SQLite allocates pages as it needs them


@contextmanager
def session(tables: Sequence[str], first_fill: bool) -> Iterator[None]:
    """Where a bulk write runs: no cyclic garbage collection, SQLite's page cache large enough for the batch's
    indexes, and — on a first fill of empty tables — secondary indexes built once at the end."""
    with without_cyclic_gc(), _large_page_cache(), indexes_built_after(tables, enabled=first_fill):
        yield


@contextmanager
def without_cyclic_gc() -> Iterator[None]:
    """A block that makes millions of small objects holding no cycles (records, rows, model instances): the
    cyclic garbage collector only costs time there, its full collections walking a heap that keeps growing.
    Refcounting still frees them; whatever cycles the block leaves are collected after it, as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def _large_page_cache():
    """On SQLite, a page cache big enough for the batch's index pages: with the default 2 MB, the
    indexes of a large batch spill out of the cache mid-transaction and are written and re-read
    many times over. The setting is the connection's own and is put back afterwards."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cur:
        cur.execute("PRAGMA cache_size")
        before = cur.fetchone()[0]
        cur.execute(f"PRAGMA cache_size = {-SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cur:
            cur.execute(f"PRAGMA cache_size = {int(before)}")


@contextmanager
def foreign_keys_checked_by_writer(enabled: bool = True) -> Iterator[bool]:
    """PostgreSQL: around the COPYs of rows whose every foreign key the writer checked itself, set-based
    (`References`: one query per chunk for the distinct keys it points at, locked FOR KEY SHARE as the
    triggers would; ids it allocated or the batch it created need no query), the server's per-row
    foreign-key triggers are off (`SET LOCAL session_replication_role = replica`, inside the batch's
    transaction). Everything else the batch writes (audit, versions, updates) is checked by the server.

    The deferred triggers cost ~65 µs per record at commit (5 foreign keys over a patent, its
    applicants and events); the set-based check a few queries per chunk. The constraints stay in the
    schema: every other writer is checked by the server as before. The setting is transaction-local
    and put back when the block ends. It needs a superuser or, from PostgreSQL 15,
    `GRANT SET ON PARAMETER session_replication_role TO <role>`; without it, the triggers stay on and
    nothing changes but the time. Yields whether the triggers are off."""
    if not enabled or connection.vendor != "postgresql" or not connection.in_atomic_block:
        yield False
        return
    from django.db import DatabaseError, transaction

    with connection.cursor() as cur:
        cur.execute("SHOW session_replication_role")
        before = cur.fetchone()[0]
        try:
            with transaction.atomic():
                cur.execute("SET LOCAL session_replication_role = replica")
        except DatabaseError:  # not allowed for this role: the server checks, as it always did
            yield False
            return
    try:
        yield True
    finally:
        with connection.cursor() as cur:
            cur.execute("SELECT set_config('session_replication_role', %s, true)", [before])


class MissingReference(ImportFailed):
    """A row points at a key its referenced table does not have (a bug, or a concurrent delete): the
    batch is rolled back, as the server's deferred check would have done at commit."""


class References:
    """The keys a batch points at in one referenced table, checked set-based before the rows are
    written: the distinct new keys of a chunk in one query, locked FOR KEY SHARE (as PostgreSQL's
    foreign-key triggers lock them) so that no concurrent transaction deletes them before commit."""

    def __init__(self, model: type[models.Model]):
        self.model, self.known = model, set()

    def check(self, keys: Iterable) -> None:
        new = {k for k in keys if k is not None} - self.known
        if not new:
            return
        table, pk = self.model._meta.db_table, self.model._meta.pk.column
        lock = " FOR KEY SHARE" if connection.vendor == "postgresql" else ""
        found = set()
        wanted = sorted(new)
        with connection.cursor() as cur:
            for start in range(0, len(wanted), 900):  # SQLite's limit of host parameters
                part = wanted[start:start + 900]
                cur.execute(f'SELECT "{pk}" FROM "{table}" WHERE "{pk}" IN ({", ".join(["%s"] * len(part))}){lock}',
                            part)
                found.update(row[0] for row in cur.fetchall())
        missing = new - found
        if missing:
            raise MissingReference(_("%(table)s has no %(column)s %(keys)s: nothing was written")
                                   % {"table": table, "column": pk, "keys": ", ".join(map(str, sorted(missing)[:5]))})
        self.known |= found
