"""A query's rows read as Arrow through the database's CSV output (`core.sqlarrow`), on SQLite and PostgreSQL."""

import datetime
import struct

import pyarrow as pa
import pytest
from django.db import connection

from ipgov.core import sqlarrow

pytestmark = pytest.mark.django_db

ROWS = [
    # text with the CSV's own characters, an empty text, doubles that need all 17 digits, NULLs, a large integer,
    # dates and booleans as each database stores them
    ('a,"b"\nc', "", 0.1 + 0.2, 7, datetime.date(2020, 2, 29), True),
    ("王一", None, 1 / 3, None, None, False),
    ("%s and %%", "x", None, 2 ** 53 + 1, datetime.date(1999, 12, 31), None),
    ("", "y", -0.0, -5, None, True),
]
SCHEMA = pa.schema([pa.field("text", pa.string(), False), pa.field("maybe", pa.string()),
                    pa.field("number", pa.float64()), pa.field("count", pa.int64()), pa.field("day", pa.date32()),
                    pa.field("flag", pa.bool_())])
COLUMNS = "text, maybe, number, count, day, flag"


def _bits(values):
    return [None if v is None else struct.pack("<d", v) for v in values]


@pytest.fixture
def rows_table():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE sqlarrow_rows (k integer, text varchar(20) NOT NULL, maybe varchar(20) NULL, "
                       "number double precision NULL, count bigint NULL, day date NULL, flag boolean NULL)")
        for k, row in enumerate(ROWS):
            cursor.execute("INSERT INTO sqlarrow_rows VALUES (%s, %s, %s, %s, %s, %s, %s)", [k, *row])
    yield "sqlarrow_rows"
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE sqlarrow_rows")


def test_rows_come_back_with_every_character_bit_and_null(rows_table):
    sql = f"SELECT {COLUMNS} FROM {rows_table} WHERE k >= %s ORDER BY k"
    table = sqlarrow.read(sql, [0], SCHEMA)
    assert table.schema == SCHEMA
    got = table.to_pydict()
    assert got["text"] == [r[0] for r in ROWS]
    assert got["maybe"] == [r[1] for r in ROWS]  # NULL and the empty string stay apart
    assert got["count"] == [r[3] for r in ROWS]
    assert got["day"] == [r[4] for r in ROWS]
    assert got["flag"] == [r[5] for r in ROWS]
    with connection.cursor() as cursor:
        cursor.execute(sql, [0])
        stored = [r[2] for r in cursor.fetchall()]  # (SQLite stores -0.0 as 0)
    assert _bits(got["number"]) == _bits(stored)  # every bit of what the database holds
    assert _bits(got["number"][:2]) == _bits([0.1 + 0.2, 1 / 3])


def test_no_rows_and_no_parameters(rows_table):
    assert sqlarrow.read(f"SELECT {COLUMNS} FROM {rows_table} WHERE k > 99", None, SCHEMA).num_rows == 0
    # a query written with its values, a % among them
    assert sqlarrow.read(f"SELECT {COLUMNS} FROM {rows_table} WHERE text <> '%%s' ORDER BY k", None,
                         SCHEMA).column("text").to_pylist() == [r[0] for r in ROWS]


def test_a_type_it_cannot_read_is_refused():
    assert not sqlarrow.supports(pa.schema([("amount", pa.decimal128(38, 9))]))
    with pytest.raises(TypeError, match="decimal128"):
        sqlarrow.read("SELECT 1", None, pa.schema([("amount", pa.decimal128(38, 9))]))
