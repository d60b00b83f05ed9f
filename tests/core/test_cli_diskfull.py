"""A full disk ends a command in a sentence (in the CLI's language), not a traceback: the real errors of a
file written to a full device and of a SQLite database that cannot grow."""

import sqlite3

import pytest
from django.utils import translation

from ipgov.cli import EXIT_BUSY, EXIT_DISK_FULL, _sentence_for
from ipgov.core.diskfull import disk_full_where


def _full_file_error() -> OSError:
    with pytest.raises(OSError) as caught:
        with open("/dev/full", "wb", buffering=0) as device:  # every write: ENOSPC
            device.write(b"report")
    return caught.value


def _full_sqlite_error(tmp_path):
    db = sqlite3.connect(tmp_path / "small.sqlite3")
    db.execute("CREATE TABLE IF NOT EXISTS t (x TEXT)")
    db.execute("PRAGMA max_page_count = 3")  # the database may not grow past three pages
    with pytest.raises(sqlite3.OperationalError) as caught:
        db.executemany("INSERT INTO t VALUES (?)", [("x" * 1000,)] * 100)
    return caught.value


def test_full_file_and_full_sqlite_are_recognised(tmp_path):
    assert disk_full_where(_full_file_error()) == "file"  # a write names no file
    assert disk_full_where(_full_sqlite_error(tmp_path)) == "database"
    try:  # as Django raises it: its own OperationalError, the driver's error as the cause
        raise RuntimeError("import failed") from _full_sqlite_error(tmp_path)
    except RuntimeError as wrapped:
        assert disk_full_where(wrapped) == "database"
    assert disk_full_where(ValueError("database or disk is almost full")) is None
    assert disk_full_where(FileNotFoundError(2, "No such file or directory", "x.csv")) is None


def test_the_sentences_in_both_languages(tmp_path):
    error = _full_file_error()
    with translation.override("en"):
        message, code = _sentence_for(error)
    assert code == EXIT_DISK_FULL
    assert message.startswith("the disk is full (a file being written)") and "run it again" in message
    with translation.override("zh-hans"):
        message, _ = _sentence_for(_full_sqlite_error(tmp_path))
    assert message.startswith("磁盘已满（数据库文件所在的磁盘）")
    with translation.override("zh-hans"):
        message, code = _sentence_for(sqlite3.OperationalError("database is locked"))
    assert code == EXIT_BUSY and message.startswith("数据库正忙")
    assert _sentence_for(ValueError("a bug")) is None  # anything else is not hidden
