"""A query's rows as an Arrow table, read through the database's own CSV output: no Python object per value.

SQLite builds the CSV text itself (one `group_concat` text a query, each line one `printf`: strings quoted with their
quotes doubled, doubles printed with `%!.17g`, which reads back as the same double); PostgreSQL writes it with
`COPY … TO STDOUT (FORMAT csv)` (its float8 output is exact since version 12). Arrow's CSV reader parses it into
the columns' types. A NULL is an unquoted empty field, an empty string a quoted one, so the two stay apart.

Reading millions of rows as Python tuples cost the cube's comparison 23.4 of a full recompute's 31.9 s and the
open-data release 7.8 of its 24 s (cProfile, the demo's cube). The query runs on Django's connection, so it sees
the caller's open transaction. One SQLite text is limited to a billion bytes (SQLITE_MAX_LENGTH): callers read a
large table in parts (per indicator, per group of periods).
"""

from __future__ import annotations

import io

import pyarrow as pa
import pyarrow.csv as pcsv
from django.db import connection

# SQLite: each line one printf (a chain of || built a string per step: 2.5 against 1.2 µs a cell), a field's format and
# argument by its type; %w doubles the double quotes, a nullable field goes through %s, which prints NULL as nothing.
# Dates are ISO texts in both databases; booleans 0/1 in SQLite, t/f from PostgreSQL's COPY.
_QUOTED = ('"%w"', """iif({c} IS NULL, NULL, printf('"%w"', {c}))""")
_AS_IS = ("%s", "{c}")
_DOUBLE = ("%!.17g", "iif({c} IS NULL, NULL, printf('%!.17g', {c}))")  # printf('%!.17g', NULL) is '0.0'


def _sqlite_field(kind: pa.DataType) -> tuple[str, str] | None:
    """(format when never NULL, argument when nullable) of a column's type; None for a type it cannot read."""
    if pa.types.is_string(kind) or pa.types.is_date32(kind):
        return _QUOTED
    if pa.types.is_integer(kind) or pa.types.is_boolean(kind):
        return _AS_IS
    if pa.types.is_float64(kind):
        return _DOUBLE
    return None


def supports(schema: pa.Schema) -> bool:
    return all(_sqlite_field(f.type) for f in schema)


def read(sql: str, params, schema: pa.Schema) -> pa.Table:
    """The rows of `sql` (its columns in the order of `schema`: strings, integers, float64, date32, booleans). A
    field that is not nullable in `schema` must hold no NULL (SQLite would print one as an empty string or 0.0)."""
    for f in schema:
        if not _sqlite_field(f.type):
            raise TypeError(f"sqlarrow reads strings, integers, float64, date32 and booleans, not {f.type} ({f.name})")
    data = _csv(sql, params, schema)
    if not data:
        return schema.empty_table()
    return pcsv.read_csv(
        io.BytesIO(data), read_options=pcsv.ReadOptions(column_names=schema.names),
        parse_options=pcsv.ParseOptions(newlines_in_values=True),
        convert_options=pcsv.ConvertOptions(column_types={f.name: f.type for f in schema}, strings_can_be_null=True,
                                            quoted_strings_can_be_null=False, true_values=["1", "t"],
                                            false_values=["0", "f"])).cast(schema)


def _csv(sql: str, params, schema: pa.Schema) -> bytes:
    names = [f"c{k}" for k in range(len(schema))]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            out = io.BytesIO()
            with cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params) as copy:
                for block in copy:
                    out.write(block)
            return out.getvalue()
        fields = [(n, f.nullable, _sqlite_field(f.type)) for n, f in zip(names, schema, strict=True)]
        formats = ",".join("%s" if nullable else kind[0] for _, nullable, kind in fields)
        args = ", ".join(kind[1].format(c=n) if nullable else n for n, nullable, kind in fields)
        # every % doubled: Django's SQLite cursor turns %s into ? and %% into % (given parameters, even none)
        line = f"printf('{formats}', {args})".replace("%", "%%")
        if params is None:  # a query written with its values (no placeholders): its own % kept as they are
            sql, params = sql.replace("%", "%%"), []
        cursor.execute(f"WITH t({', '.join(names)}) AS ({sql}) SELECT group_concat({line}, char(10)) FROM t",
                       list(params))
        text = cursor.fetchone()[0]
    return (text + "\n").encode() if text else b""
