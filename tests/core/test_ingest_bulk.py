"""The bulk writer's value conversions and the content hash: the same text and the same digest as before."""

import datetime
import hashlib
import json

import pytest

from ipgov.core.ingest.bulk import _json
from ipgov.core.ingest.records import Record


@pytest.mark.parametrize("value", [
    [], ["G06F16/30"], ["G06F16/30", "H04L9/40"], ["王一", "李二"], ['say "hi"'], ["back\\slash"], ["line\nbreak"],
    ["\x1f"], ["\x7f", "\u2028"], ["plain", 'not "plain"'], ["a,b", "c"], [1, 2], [35], [1, True], [1, 2.5],
    ["a", None], ["a", 1], [{"a": 1}], [type("Text", (str,), {})("sub")], {"a": ["b"]}, "text", 3, None,
])
def test_json_text_is_what_json_dumps_writes(value):
    expected = None if value is None else json.dumps(value, ensure_ascii=False)
    assert _json(value) == expected
    assert _json(value) == expected  # the second time from the memo of lists of strings


def test_the_memo_of_string_lists_answers_no_other_list():
    assert (_json(["1"]), _json([1]), _json([True]), _json([1.0])) == ('["1"]', "[1]", "[true]", "[1.0]")
    assert (_json([1]), _json(["1"])) == ("[1]", '["1"]')


def test_dates_go_to_sqlite_as_the_text_djangos_adapter_writes():
    from django.db.backends.sqlite3.base import adapt_date

    from ipgov.core.ingest.bulk import _iso_date

    day = datetime.date(2020, 2, 29)
    assert _iso_date(day) == adapt_date(day) == "2020-02-29"
    assert _iso_date(day) == "2020-02-29"  # the second time from the memo
    moment = datetime.datetime(2020, 2, 29, 8, 30)
    assert _iso_date(moment) is moment and _iso_date(None) is None  # left to the driver, as before


def test_the_content_hash_is_stable_across_versions():
    """Re-import detection compares this digest with the one stored by earlier versions: it must not move."""
    record = Record(2, "201510000001.2", {"application_number": "201510000001.2", "filing_date": datetime.date(2015, 1, 1),
                                          "ipc_codes": ["G06F16/30"], "is_pct": False, "region_id": None},
                    {"applicants": [{"position": 1, "name": "郑州大学"}], "events": []})
    # the documented definition: BLAKE2b-128 of the repr of the values (fields, then each child kind's name and rows)
    formula = [tuple(record.fields.values()), "applicants", (1, "郑州大学"), "events"]
    assert record.hash == hashlib.blake2b(repr(formula).encode(), digest_size=16).hexdigest()
    assert record.hash == "31143a862d3f7317168406c9efffa544"


@pytest.mark.django_db(transaction=True)
def test_insert_skipping_conflicts_leaves_out_the_keys_already_held():
    """`bulk.insert(skip_conflicts=True)` (the name links of `orgs.harmonise_names`): rows whose unique key the
    table holds, or an earlier row of the same call, are left out, on both databases; the count is of rows
    inserted, and the rows already there keep their values."""
    from django.db import transaction

    from ipgov.core.ingest import bulk
    from ipgov.orgs.models import ApplicantName

    ApplicantName.objects.create(raw="河南大学", rule="exact", detail="first")
    columns = ["raw", "organization_id", "rule", "detail"]
    rows = [("河南大学", None, "exact", "second"), ("郑州大学", None, "exact", ""), ("郑州大学", None, "normalised", "dup")]
    assert bulk.insert(ApplicantName, columns, rows, skip_conflicts=True) == 1  # outside any transaction too
    with transaction.atomic():
        assert bulk.insert(ApplicantName, columns, [("郑州大学", None, "exact", ""), ("洛阳师范学院", None, "exact", "")],
                           skip_conflicts=True) == 1
        assert bulk.insert(ApplicantName, columns, [("新乡学院", None, "exact", "")], skip_conflicts=True) == 1
    assert dict(ApplicantName.objects.values_list("raw", "detail")) == {
        "河南大学": "first", "郑州大学": "", "洛阳师范学院": "", "新乡学院": ""}


def _autoincrement_table():
    import sqlite3

    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t (id integer PRIMARY KEY AUTOINCREMENT, name text UNIQUE, n integer, kind text)")
    return db


@pytest.mark.parametrize("count", [0, 1, 99, 100, 101, 250, 5000, 5001, 12_345])
def test_sqlite_insert_writes_every_row_in_order_across_statements_and_chunks(count):
    """100 rows a statement, the rest one a statement, 5,000 rows a chunk: every row once, in the given order
    (the keys SQLite gives them follow it), the literal part of the row group on each."""
    from ipgov.core.ingest.bulk import sqlite_insert

    db = _autoincrement_table()
    rows = [(f"name {i}", i) for i in range(count)]
    assert sqlite_insert(db, "INSERT INTO t (name, n, kind)", "(?, ?, 'patent')", 2, iter(rows)) == count
    assert db.execute("SELECT name, n FROM t ORDER BY id").fetchall() == rows
    assert db.execute("SELECT count(*) FROM t WHERE kind = 'patent'").fetchone() == (count,)


def test_sqlite_insert_keeps_within_the_placeholder_limit_and_counts_rows_skipped():
    """A row group of `width` placeholders: no more rows a statement than the connection's limit allows; with
    INSERT OR IGNORE the count is of the rows inserted, duplicates within one statement left out too."""
    import sqlite3

    from ipgov.core.ingest.bulk import sqlite_insert

    db = _autoincrement_table()
    db.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 10)  # 5 rows of 2 a statement at most
    rows = [(f"name {i % 7}", i) for i in range(23)]  # 7 distinct names
    assert sqlite_insert(db, "INSERT OR IGNORE INTO t (name, n)", "(?, ?)", 2, rows) == 7
    assert db.execute("SELECT name, n FROM t ORDER BY id").fetchall() == [(f"name {i}", i) for i in range(7)]
    with pytest.raises(sqlite3.IntegrityError):
        sqlite_insert(db, "INSERT INTO t (name, n)", "(?, ?)", 2, [("new", 1), ("name 3", 2)])


@pytest.mark.parametrize("count", [0, 1, 99, 100, 101, 250, 12_345])
def test_sqlite_insert_columns_writes_the_rows_sqlite_insert_writes(count):
    """Rows given as columns: the same rows, in the same order, as `sqlite_insert` given them as tuples, and
    the placeholder limit kept (3 rows of 3 a statement with a limit of 10)."""
    import sqlite3

    from ipgov.core.ingest.bulk import sqlite_insert, sqlite_insert_columns

    rows = [(f"name {i}", i, "utility" if i % 3 else None) for i in range(count)]
    by_rows, by_columns = _autoincrement_table(), _autoincrement_table()
    by_columns.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 10)
    head, group = "INSERT INTO t (name, n, kind)", "(?, ?, ?)"
    assert sqlite_insert(by_rows, head, group, 3, rows) == count
    columns = [list(c) for c in zip(*rows, strict=True)] if rows else [[], [], []]
    assert sqlite_insert_columns(by_columns, head, group, columns) == count
    query = "SELECT id, name, n, kind FROM t ORDER BY id"
    assert by_columns.execute(query).fetchall() == by_rows.execute(query).fetchall()


@pytest.mark.django_db(transaction=True)
def test_allocated_keys_are_fresh_and_each_given_once():
    """`allocate_ids`: keys above every key the table holds, none given twice; `alone` (a first fill, the table
    locked by the batch) gives a run and leaves the table's sequence past it (PostgreSQL: one `setval`), so a
    row inserted afterwards the ordinary way gets the next key."""
    from django.db import transaction

    from ipgov.core.ingest import bulk
    from ipgov.orgs.models import ApplicantName

    held = ApplicantName.objects.create(raw="河南大学", rule="exact").pk
    columns = ["id", "raw", "rule", "detail"]
    with transaction.atomic():  # each allocation written before the next, as the writer does (SQLite reads MAX(id))
        drawn = bulk.allocate_ids(ApplicantName, 3)
        bulk.insert(ApplicantName, columns, [(pk, f"name {pk}", "exact", "") for pk in drawn])
        run = bulk.allocate_ids(ApplicantName, 5, alone=True)
        bulk.insert(ApplicantName, columns, [(pk, f"name {pk}", "exact", "") for pk in run])
        assert bulk.allocate_ids(ApplicantName, 0, alone=True) == []
    assert min(drawn) > held and len(set(drawn + run)) == 8
    assert run == list(range(run[0], run[0] + 5))
    later = ApplicantName.objects.create(raw="郑州大学", rule="exact").pk
    assert later > max(drawn + run)


@pytest.mark.django_db(transaction=True)
def test_a_first_fill_skips_the_lookup_of_existing_records_and_keeps_every_outcome(tmp_path):
    """The batch that fills an empty register looks nothing up per chunk (nothing can be there): its repeated
    keys are still told apart (duplicate, refused), and the next batch, into a filled register, looks up again
    and finds the file unchanged."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ipgov.core.actor import Actor, acting_as
    from ipgov.rights.importers import import_file
    from ipgov.rights.models import Patent
    from tests.rights.conftest import sample_rows, write_csv

    header, rows = sample_rows()
    path = tmp_path / "patents.csv"
    write_csv(path, header, rows + [rows[0]])  # the first row again: a duplicate
    lookup = 'SELECT "application_number", id, record_hash'
    with acting_as(Actor.system("test")):
        with CaptureQueriesContext(connection) as first:
            report = import_file(path, kind="patents")
        assert (report.created, report.duplicates) == (len(rows), 1)
        assert not any(lookup in q["sql"] for q in first.captured_queries)
        with CaptureQueriesContext(connection) as second:
            again = import_file(path, kind="patents", force=True)  # the same file read again, not skipped
    assert (again.created, again.unchanged, again.duplicates) == (0, len(rows), 1)
    assert any(lookup in q["sql"] for q in second.captured_queries)
    assert Patent.objects.count() == len(rows)
