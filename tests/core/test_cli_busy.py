"""A command that meets a database another writer holds ends in a sentence, not a traceback."""

import sqlite3

import pytest

from tests.homes import home_env, ipgov


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp("busy_home")
    env = home_env(home, IPGOV_LOCK_TIMEOUT=1, IPGOV_LANGUAGE="en")
    ipgov("migrate", "-v0", env=env)
    return home, env


def test_sqlite_is_in_wal_mode(home):
    path, _ = home
    assert sqlite3.connect(path / "ipgov.sqlite3").execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_locked_database_ends_in_a_sentence(home):
    path, env = home
    holder = sqlite3.connect(path / "ipgov.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # stands for a long import holding the write lock
    try:
        env = dict(env, DJANGO_SUPERUSER_PASSWORD="Root-pass-2020-x")
        result = ipgov("createsuperuser", "--noinput", "--username", "root", "--email", "r@example.cn",
                       env=env, check=False)
    finally:
        holder.close()
    assert result.returncode == 75
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("ipgov createsuperuser: the database is busy")  # in English (IPGOV_LANGUAGE)
    assert "run it again" in result.stderr
    # once the other writer is gone, the same command succeeds
    ipgov("createsuperuser", "--noinput", "--username", "root", "--email", "r@example.cn", env=env)


def test_output_closed_by_its_reader_ends_in_a_sentence(home):
    """`ipgov … | head`: the reader goes away before the command ends. The command stops with a sentence on
    stderr and the shell's status for a closed pipe, not a BrokenPipeError traceback."""
    import os
    import subprocess
    import sys

    _, env = home
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line: every write meets a closed pipe
    try:
        result = subprocess.run([sys.executable, "-m", "ipgov", "showmigrations"], env=env, stdout=write_end,
                                stderr=subprocess.PIPE, text=True, timeout=300)
    finally:
        os.close(write_end)
    assert result.returncode == 141
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert result.stderr.startswith("ipgov showmigrations: its output was closed before it ended")
