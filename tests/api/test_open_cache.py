"""Open answers kept per cube run: served before the rest of the request, changed with the cube, still
counted against the per-address limit; the SQLite watch that tells when the cube may have changed."""

import sqlite3

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ipgov.indicators import opendata
from tests.reports import cube

CELLS = "/api/v1/open/cells"
QUERY = {"indicator": "patent_applications", "region": "410000", "period": "2020H1"}


@pytest.fixture
def seeded(db):
    run = cube.run()
    cube.seed_creation(run)
    return run


def _value(response):
    [cell] = response.json()["cells"]
    return cell["value"], cell["run_id"]


def test_kept_answer_is_served_by_the_middleware_and_changes_with_the_cube(client, seeded, monkeypatch):
    first = client.get(CELLS, QUERY)
    assert first.status_code == 200 and _value(first) == (80868, seeded.pk)
    from ipgov.api import open_data

    handled = []
    monkeypatch.setattr(open_data, "per_cube_run", lambda *a, **k: handled.append(a) or pytest.fail("computed"))
    with CaptureQueriesContext(connection) as queries:
        again = client.get(CELLS, QUERY)
    # the kept answer, byte for byte, without the handler: one query (the cube's version; in a test's
    # transaction the SQLite watch stands aside), no session, no user
    assert again.status_code == 200 and again.content == first.content and not handled
    assert [q["sql"].count("MAX(id)") for q in queries.captured_queries] == [1]
    assert (again["ETag"], again["Vary"], again["Content-Language"]) == (first["ETag"], "Accept, Authorization",
                                                                         "zh-hans")
    assert "default-src" in again["Content-Security-Policy"]  # the security middleware still ran
    assert client.get(CELLS, QUERY, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    monkeypatch.undo()
    # a new computation run: the next answer is computed again, with the run's cells
    new_run = cube.run()
    opendata.Observation.objects.filter(indicator="patent_applications", region="410000",
                                        period="2020H1").update(value=80900, run=new_run)
    assert _value(client.get(CELLS, QUERY)) == (80900, new_run.pk)


def test_formats_and_languages_are_kept_apart(client, seeded):
    json_body = client.get(CELLS, QUERY).content
    csv_body = client.get(CELLS, QUERY, HTTP_ACCEPT="text/csv").content
    assert csv_body.startswith(b"indicator,") and json_body.startswith(b"{")
    assert client.get(CELLS, QUERY).content == json_body  # JSON again, not the kept CSV
    assert client.get(CELLS, {**QUERY, "format": "csv"}, HTTP_ACCEPT="application/json").content == csv_body
    # the query's order does not matter
    assert client.get(CELLS, dict(reversed(list(QUERY.items())))).content == json_body
    refused = {"indicator": "overdue_deadlines", "region": "410300", "period": "2020H1"}
    assert "未公开发布" in client.get(CELLS, refused).json()["detail"]
    client.cookies["django_language"] = "en"
    assert "not published" in client.get(CELLS, refused).json()["detail"]


def test_kept_answers_still_count_against_the_address_limit(client, seeded, settings):
    settings.IPGOV_API_RATE_ANONYMOUS = 3
    assert [client.get(CELLS, QUERY).status_code for _ in range(3)] == [200, 200, 200]
    over = client.get(CELLS, QUERY)  # kept, but over the limit: the normal way answers 429
    assert over.status_code == 429 and int(over["Retry-After"]) >= 1 and "3" in over.json()["detail"]
    other = client.get(CELLS, QUERY, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 200


def _tables(path):
    db = sqlite3.connect(path)
    db.executescript('CREATE TABLE "indicators_computationrun" (id INTEGER PRIMARY KEY, finished TEXT, '
                     'observations_written INTEGER);'
                     'CREATE TABLE "indicators_observation" (id INTEGER PRIMARY KEY);'
                     'PRAGMA journal_mode=WAL;')
    return db


def test_sqlite_watch_runs_the_statement_only_after_a_commit(tmp_path, monkeypatch):
    path = tmp_path / "cube.sqlite3"
    writer = _tables(path)
    writer.execute("INSERT INTO indicators_computationrun VALUES (1, '2020-08-10 09:30', 12)")
    writer.execute("INSERT INTO indicators_observation VALUES (40)")
    writer.commit()
    watch = opendata._SQLiteWatch()
    statements = []
    real = opendata._version_of
    monkeypatch.setattr(opendata, "_version_of", lambda cursor: statements.append(1) or real(cursor))
    assert watch.version(path) == "1:2020-08-10_09:30:12:40"
    assert watch.version(path) == "1:2020-08-10_09:30:12:40" and len(statements) == 1  # nothing committed
    writer.execute("INSERT INTO indicators_observation VALUES (41)")
    assert watch.version(path) == "1:2020-08-10_09:30:12:40"  # not committed yet: not seen
    writer.commit()
    assert watch.version(path) == "1:2020-08-10_09:30:12:41" and len(statements) == 2
    writer.execute("INSERT INTO indicators_computationrun VALUES (2, NULL, 0)")
    writer.commit()
    assert watch.version(path) == "2:None:0:41"
    writer.close()
    # the file replaced (a restore): the watch reopens it
    (tmp_path / "cube.sqlite3-wal").unlink(missing_ok=True)
    path.unlink()
    restored = _tables(path)
    restored.execute("INSERT INTO indicators_observation VALUES (7)")
    restored.commit()
    assert watch.version(path) == "None:None:None:7"
    assert watch.version(":memory:") is None and watch.version("file:memorydb_default?mode=memory&cache=shared") is None


def test_sqlite_watch_asks_a_callers_statement_again_only_after_a_commit(tmp_path, monkeypatch):
    """`database_rows` (the portal's article state beside the cube's version): one answer per commit."""
    path = tmp_path / "cube.sqlite3"
    writer = _tables(path)
    writer.execute("INSERT INTO indicators_observation VALUES (40)")
    writer.commit()
    watch = opendata._SQLiteWatch()
    sql = 'SELECT COUNT(*), MAX(id) FROM "indicators_observation" WHERE id > %s'
    assert watch.rows(path, sql, (10,)) == ((1, 40),) and watch.rows(path, sql, (50,)) == ((0, None),)
    writer.execute("INSERT INTO indicators_observation VALUES (60)")
    assert watch.rows(path, sql, (10,)) == ((1, 40),)  # not committed yet: the kept answer
    writer.commit()
    assert watch.rows(path, sql, (10,)) == ((2, 60),) and watch.rows(path, sql, (50,)) == ((1, 60),)
    assert watch.version(path) == "None:None:None:60"  # the cube's version beside them
    writer.close()
    assert watch.rows(":memory:", sql, (10,)) is None
