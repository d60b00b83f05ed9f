"""The database executor's PostgreSQL path turns psycopg's rows into the expression's arrow types: a money
column read whole for the Parquet snapshot stays decimal, a sum becomes a float (pyarrow refuses a float for
a decimal column, which broke the snapshot of the pledge amounts on PostgreSQL)."""

from decimal import Decimal

import pyarrow as pa

from ipgov.indicators.executors.database import _column


def test_a_decimal_column_keeps_its_decimals():
    column = _column([Decimal("12.50"), None, Decimal("3")], pa.field("amount", pa.decimal128(18, 2)))
    assert column.type == pa.decimal128(18, 2)
    assert column.to_pylist() == [Decimal("12.50"), None, Decimal("3.00")]


def test_a_float_column_takes_the_decimals_as_floats():
    column = _column([Decimal("12.5"), None, 7], pa.field("value", pa.float64()))
    assert column.to_pylist() == [12.5, None, 7.0]
