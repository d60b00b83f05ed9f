"""`column` is one of many values, as ONE query parameter: `= ANY(array)` on PostgreSQL, `IN (SELECT value
FROM json_each(…))` on SQLite. Django's `__in` writes one placeholder per value: 10,000 ids as `IN (%s, %s,
…)` cost 60–90 ms to plan per query on PostgreSQL and as long again to compose in Python (psycopg parses
the query client-side), and SQLite refuses more than 32,766 of them."""

from __future__ import annotations

import json

from django.db.models import Lookup

INTEGER_TYPES = {"AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField",
                 "SmallIntegerField", "PositiveIntegerField", "PositiveBigIntegerField", "PositiveSmallIntegerField",
                 "ForeignKey", "OneToOneField"}


class AnyOf(Lookup):
    """`AnyOf(F("pk"), ids)` or `AnyOf(F("raw"), names)`: the rows whose column holds one of the values
    (integers or text, by the column's type)."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        integers = self.lhs.output_field.get_internal_type() in INTEGER_TYPES
        sql, values = any_of_sql(lhs, self.rhs, connection.vendor, integers=integers)
        return sql, [*params, *values]


def any_of_sql(column: str, values, vendor: str, *, integers: bool = False) -> tuple[str, list]:
    """`AnyOf` for hand-written SQL: the condition on `column` (an SQL expression) and its one parameter."""
    values = [int(v) for v in values] if integers else list(values)
    if vendor == "postgresql":
        if integers:  # an array literal: psycopg would type a list of ints by its largest value
            return f"{column} = ANY(%s::bigint[])", ["{" + ",".join(map(str, values)) + "}"]
        return f"{column} = ANY(%s::text[])", [[str(v) for v in values]]
    return f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(values, ensure_ascii=False)]
