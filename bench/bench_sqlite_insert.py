"""SQLite bulk inserts: `bulk.sqlite_insert` (100 rows a statement) and `bulk.sqlite_insert_columns` (the same
statements, their parameters interleaved from columns) against executemany of one row a statement, the same rows
into the same table in the same run (the cube's cells: 7 bound values, the constant columns
written as literals, the unique index of a cell, inserted in its order).

    python bench/bench_sqlite_insert.py [--rows 1000000] [--sequences 115] [--repeat 3]

`--sequences`: how many tables with AUTOINCREMENT keys already hold rows (a row each in sqlite_sequence; the
demo's database has ~115). Every execution of an INSERT into such a table first scans sqlite_sequence for
its name: with one row a statement that scan is paid on every row. Each timing fills a new table in a new
file database of that many tables, in one transaction with its commit. Prints medians and the ratio.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from ipgov.core.ingest.bulk import sqlite_insert, sqlite_insert_columns  # noqa: E402

TABLE = ('CREATE TABLE cells (id integer NOT NULL PRIMARY KEY AUTOINCREMENT, indicator varchar(64) NOT NULL, '
         'region_id varchar(12) NOT NULL, period varchar(16) NOT NULL, period_kind varchar(8) NOT NULL, '
         'breakdown varchar(100) NOT NULL, value real NOT NULL, unit varchar(16) NOT NULL, status varchar(16) NOT NULL, '
         'run_id bigint NULL, quoted varchar(100) NOT NULL, source varchar(300) NOT NULL)')
INDEX = "CREATE UNIQUE INDEX cell ON cells (indicator, region_id, period, breakdown, status)"
HEAD = "INSERT INTO cells (indicator, region_id, period, period_kind, breakdown, value, unit, status, run_id, quoted, source)"
GROUP = "(?, ?, ?, ?, ?, ?, ?, 'computed', 1, '', '')"


def cells(count: int) -> list[tuple]:
    """Cells in the unique index's order, as the cube writes them."""
    regions = [f"41{i:04d}" for i in range(180)]
    periods = [f"{y}-{m:02d}" for y in range(2015, 2021) for m in range(1, 13)] + [str(y) for y in range(2015, 2021)]
    out = []
    for ind in range(count // (len(regions) * len(periods)) + 1):
        for code in regions:
            for period in periods:
                out.append((f"indicator_{ind:03d}", code, period, "M" if "-" in period else "Y", "", float(ind), "件"))
                if len(out) == count:
                    return out
    return out


def one_run(rows: list[tuple], sequences: int, write) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        db = sqlite3.connect(Path(tmp) / "bench.sqlite3", isolation_level=None)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA cache_size = -262144")  # as bulk.session sets it
        for i in range(sequences):
            db.execute(f"CREATE TABLE t{i} (id integer PRIMARY KEY AUTOINCREMENT, x)")
            db.execute(f"INSERT INTO t{i} (x) VALUES (1)")
        db.execute(TABLE)
        db.execute(INDEX)
        db.execute("BEGIN")
        start = time.perf_counter()
        write(db, rows)
        db.execute("COMMIT")
        elapsed = time.perf_counter() - start
        assert db.execute("SELECT count(*) FROM cells").fetchone()[0] == len(rows)
        db.close()
    return elapsed


def one_a_statement(db: sqlite3.Connection, rows: list[tuple]) -> None:
    """The baseline: executemany of a one-row INSERT, 5,000 rows a call (what the writers did before)."""
    for i in range(0, len(rows), 5000):
        db.executemany(f"{HEAD} VALUES {GROUP}", rows[i:i + 5000])


def many_a_statement(db: sqlite3.Connection, rows: list[tuple]) -> None:
    sqlite_insert(db, HEAD, GROUP, 7, rows)


def from_columns(db: sqlite3.Connection, rows: list[tuple]) -> None:
    """As the cube writes: columns a batch of 20,000 (it reads them from Arrow with `to_pylist`, as here from
    the rows)."""
    for i in range(0, len(rows), 20_000):
        sqlite_insert_columns(db, HEAD, GROUP, [list(c) for c in zip(*rows[i:i + 20_000], strict=True)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--sequences", type=int, default=115)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = cells(args.rows)
    timings: dict[str, list[float]] = {"executemany, one row a statement (baseline)": [], "bulk.sqlite_insert": [],
                                       "bulk.sqlite_insert_columns": []}
    for _ in range(args.repeat):  # they take turns: a drift of the machine's speed touches each
        for runs, write in zip(timings.values(), (one_a_statement, many_a_statement, from_columns), strict=True):
            runs.append(one_run(rows, args.sequences, write))
    print(f"SQLite {sqlite3.sqlite_version}: {len(rows):,} cube cells into a new table, {args.sequences} other "
          f"AUTOINCREMENT tables in sqlite_sequence; medians of {args.repeat}")
    medians = {name: statistics.median(runs) for name, runs in timings.items()}
    for name, seconds in medians.items():
        print(f"  {name:<45} {seconds:7.2f} s  {seconds / len(rows) * 1e6:5.2f} µs a row  "
              f"{len(rows) / seconds:12,.0f} rows/s")
    baseline, rows_, columns = medians.values()
    print(f"  ratio bulk.sqlite_insert / baseline: {rows_ / baseline:.2f}×; "
          f"bulk.sqlite_insert_columns / baseline: {columns / baseline:.2f}×")


if __name__ == "__main__":
    main()
