"""The keys a batch has met so far, with the row and content hash of each key's first occurrence: how a
file's repeated rows are told (a duplicate, or "same record as row N but with different content").

A dict up to IN_MEMORY keys; past that, a temporary table of the batch's connection (inside its
transaction), so an import's memory does not grow with its file: a dict of 1M keys held ~280 MB, and a
national load brings 40M. Looked up and added to a chunk at a time."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import DatabaseError, connection

from ipgov.core.anyof import any_of_sql
from ipgov.core.ingest.bulk import sqlite_insert

IN_MEMORY = 100_000  # keys (~30 MB) before the table takes them
TABLE = "ipgov_ingest_seen"


class SeenKeys:
    def __init__(self):
        self.limit = IN_MEMORY
        self.memory: dict[str, tuple[int, str]] = {}
        self.spilled = False

    def earlier(self, keys: list[str]) -> dict[str, tuple[int, str]]:
        """{key: (row, hash)} of the `keys` met before."""
        if not self.spilled:
            memory = self.memory
            return {k: memory[k] for k in keys if k in memory}
        where, params = any_of_sql("record_key", keys, connection.vendor)
        with connection.cursor() as cur:
            cur.execute(f"SELECT record_key, first_row, digest FROM {TABLE} WHERE {where}", params)
            return {key: (row, digest) for key, row, digest in cur.fetchall()}

    def add(self, firsts: Iterable[tuple[str, int, str]]) -> None:
        """(key, row, hash) of keys not met before."""
        if not self.spilled:
            self.memory.update((key, (row, digest)) for key, row, digest in firsts)
            if len(self.memory) <= self.limit:
                return
            self._spill()
            firsts, self.memory = [(k, row, digest) for k, (row, digest) in self.memory.items()], {}
        self._insert(firsts)

    def _spill(self) -> None:
        with connection.cursor() as cur:
            cur.execute(f"DROP TABLE IF EXISTS {TABLE}")
            cur.execute(f"CREATE TEMPORARY TABLE {TABLE} (record_key text PRIMARY KEY, first_row integer NOT NULL, digest text NOT NULL)")
        self.spilled = True

    def _insert(self, rows: Iterable[tuple[str, int, str]]) -> None:
        if connection.vendor == "postgresql":
            with connection.cursor() as cur, cur.cursor.copy(f"COPY {TABLE} (record_key, first_row, digest) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        connection.ensure_connection()
        sqlite_insert(connection.connection, f"INSERT INTO {TABLE} (record_key, first_row, digest)", "(?, ?, ?)", 3, rows)

    def close(self) -> None:
        """Drops the table (a batch rolled back drops it with its transaction)."""
        self.memory = {}
        if self.spilled:
            self.spilled = False
            try:
                with connection.cursor() as cur:
                    cur.execute(f"DROP TABLE IF EXISTS {TABLE}")
            except DatabaseError:  # the transaction failed: its rollback takes the table
                pass
