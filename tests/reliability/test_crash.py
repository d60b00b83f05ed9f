"""Crash test (issue 16): `kill -9` an `ipgov import` at three points — early, mid-write, during commit —
and an `ipgov compute` while its run is recorded as running; then the home must show no visible batch,
pass an integrity check, and a re-import must give the same content as a clean import elsewhere; the
next compute marks the killed run failed.

The kill points are hit exactly through `ipgov.core.testpause` (IPGOV_TEST_PAUSE_AT): the process
says "paused at <point>" and waits to be killed. Runs on SQLite, and on PostgreSQL (a database of its own
per home) when the test run's IPGOV_DATABASE_URL is PostgreSQL. Quick: a couple of thousand patents.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import uuid

import pytest

from ipgov.rights.numbers import make_application_number
from tests.homes import home_env, ipgov
from tests.rights.conftest import sample_rows, with_values

PG_URL = os.environ.get("IPGOV_DATABASE_URL", "")
ON_POSTGRES = PG_URL.startswith("postgres")
PATENTS = int(os.environ.get("IPGOV_CRASH_PATENTS", "2000"))
POINTS = ("import-early", "import-mid", "import-commit")


def _pg(sql: str, database: str = "postgres") -> None:
    import psycopg

    base = PG_URL.rpartition("/")[0]
    with psycopg.connect(f"{base}/{database}", autocommit=True) as admin:
        admin.execute(sql)


class Home:
    """An IPGOV_HOME with its own database (a SQLite file, or a PostgreSQL database made for it)."""

    def __init__(self, path):
        self.path, self.url = path, ""
        if ON_POSTGRES:
            self.database = f"ipgov_crash_{uuid.uuid4().hex[:8]}"
            _pg(f'CREATE DATABASE "{self.database}"')
            self.url = f"{PG_URL.rpartition('/')[0]}/{self.database}"
        self.env = home_env(path, **({"IPGOV_DATABASE_URL": self.url} if self.url else {}))
        ipgov("init", env=self.env)

    def rows(self, sql: str) -> list[tuple]:
        if self.url:
            import psycopg

            with psycopg.connect(self.url) as conn:
                return conn.execute(sql).fetchall()
        conn = sqlite3.connect(self.path / "ipgov.sqlite3")
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()

    def healthy(self) -> bool:
        """SQLite's integrity check passes / PostgreSQL answers (it recovers from its WAL by itself)."""
        if self.url:
            return self.rows("SELECT 1") == [(1,)]
        return self.rows("PRAGMA integrity_check") == [("ok",)]

    def content_hash(self) -> str:
        """SHA-256 over the register as stored: patents (with their record hash), applicants, legal events."""
        digest = hashlib.sha256()
        for sql in (
            "SELECT application_number, patent_type, filing_date, grant_date, title, region_id, record_hash "
            "FROM rights_patent ORDER BY application_number",
            "SELECT p.application_number, a.position, a.name, a.region_id FROM rights_applicant a "
            "JOIN rights_patent p ON p.id = a.patent_id ORDER BY 1, 2",
            "SELECT p.application_number, e.kind, e.date FROM rights_legalevent e "
            "JOIN rights_patent p ON p.id = e.patent_id ORDER BY 1, 2, 3",
        ):
            for row in self.rows(sql):
                digest.update(("\x1f".join(map(str, row)) + "\n").encode())
        return digest.hexdigest()

    def drop(self) -> None:
        if self.url:
            _pg(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


@pytest.fixture
def homes(tmp_path):
    made = []

    def make(name):
        made.append(Home(tmp_path / name))
        return made[-1]

    yield make
    for home in made:
        home.drop()


@pytest.fixture(scope="module")
def patents_csv(tmp_path_factory):
    """A few thousand distinct, valid patents made from a real CNIPA record."""
    header, rows = sample_rows()
    base = rows[0]
    buf = io.StringIO()
    out = csv.writer(buf)
    out.writerow(header)
    for i in range(PATENTS):
        out.writerow(with_values(header, base, 申请号="CN" + make_application_number(2021, 2, 100000 + i),
                                 专利名称=f"{base[header.index('专利名称')]}{i}"))
    path = tmp_path_factory.mktemp("crash") / "patents.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def kill_at(point: str, env: dict, *args) -> None:
    """Run `ipgov *args`, wait until it pauses at `point`, then SIGKILL it."""
    proc = subprocess.Popen([sys.executable, "-m", "ipgov", *map(str, args)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env={**env, "IPGOV_TEST_PAUSE_AT": point})
    watchdog = threading.Timer(240, proc.kill)
    watchdog.start()
    seen = []
    try:
        for line in proc.stderr:
            seen.append(line)
            if line.strip() == f"paused at {point}":
                os.kill(proc.pid, signal.SIGKILL)
                break
        proc.wait()
    finally:
        watchdog.cancel()
    assert proc.returncode == -signal.SIGKILL, f"ipgov {args[0]} never reached {point}:\n{''.join(seen)}"


def test_killed_imports_leave_nothing_and_a_reimport_equals_a_clean_import(homes, patents_csv):
    clean = homes("clean")
    ipgov("import", patents_csv, "--kind", "patents", "--quiet", env=clean.env)
    expected = clean.content_hash()
    assert clean.rows("SELECT count(*) FROM rights_patent") == [(PATENTS,)]

    crashed = homes("crashed")
    empty = crashed.content_hash()
    for point in POINTS:
        kill_at(point, crashed.env, "import", patents_csv, "--kind", "patents", "--quiet")
        assert crashed.healthy(), point
        assert crashed.rows("SELECT count(*) FROM rights_importbatch") == [(0,)], point  # no batch, even a failed one
        assert crashed.rows("SELECT count(*) FROM rights_patent") == [(0,)], point
        assert crashed.content_hash() == empty, point

    again = ipgov("import", patents_csv, "--kind", "patents", env=crashed.env)
    assert f"新增 {PATENTS} 条" in again.stdout, again.stdout  # the CLI speaks zh-Hans by default
    # piped, not a terminal: no progress bar, and no empty line it left before the summary
    assert again.stdout.startswith(patents_csv.name) and again.stderr == "", (again.stdout, again.stderr)
    assert crashed.content_hash() == expected
    assert crashed.rows("SELECT status, rows_created FROM rights_importbatch") == [("committed", PATENTS)]


def test_a_killed_compute_is_marked_failed_by_the_next(homes, patents_csv):
    home = homes("compute")
    ipgov("import", patents_csv, "--kind", "patents", "--quiet", env=home.env)
    window = ("--executor", "database", "--from", "2021-10", "--to", "2021-12")
    kill_at("compute-running", home.env, "compute", *window)
    assert home.healthy()
    assert home.rows("SELECT status FROM indicators_computationrun") == [("running",)]
    ipgov("compute", *window, env=home.env)
    runs = home.rows("SELECT status, message FROM indicators_computationrun ORDER BY id")
    assert [r[0] for r in runs] == ["failed", "finished"], runs
    assert runs[0][1].startswith("interrupted: process ")
