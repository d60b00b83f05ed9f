import datetime

import pytest
from django.core.management import call_command
from django.utils import translation

from ipgov.core.actor import NoActorError
from ipgov.indicators import compute, services
from ipgov.indicators.models import ComputationRun, Observation
from tests.indicators.conftest import make_batch, make_patent

pytestmark = pytest.mark.django_db(transaction=False)




@pytest.fixture(autouse=True)
def _english():
    """These tests assert the runs' messages in English (the zh-Hans ones: tests/core/test_cli_language.py)."""
    with translation.override("en"):
        yield


def test_compute_needs_an_actor(register):
    with pytest.raises(NoActorError):
        compute.compute("database", "2019-01", "2020-06")


def test_compute_is_incremental(register, system_actor, tmp_path, settings):
    settings.IPGOV_HOME = tmp_path
    run = compute.compute("duckdb", "2019-01", "2020-06")
    assert run.status == "finished" and run.observations_written > 0 and run.batches == []
    [row] = services.query("patent_applications", "410100", "2019")
    assert row.value == 3 and row.run_id == run.pk
    # same register, same window: nothing recomputed
    again = compute.compute("duckdb", "2019-01", "2020-06")
    assert again.message.startswith(f"unchanged since run #{run.pk}") and again.observations_written == 0
    # a new import batch touching only May 2020: only the cells of periods containing May 2020 change
    b = make_batch("may.csv")
    make_patent(region="410102", filed=datetime.date(2020, 5, 6), patent_type="design", batch=b)
    third = compute.compute("duckdb", "2019-01", "2020-06")
    assert third.batches == [b.pk]
    # 2020-06 changes too: the year-to-date applications at June include May
    assert set(third.periods_changed) == {"2020-05", "2020-06", "2020Q2", "2020H1"}
    assert 0 < third.observations_written < run.observations_written / 10
    [row] = services.query("patent_applications", "410000", "2020H1")
    assert row.value == 1 and row.yoy == -0.5 and row.run_id == third.pk  # 2019H1: the PCT and the zone filing
    [row] = services.query("patent_applications", "410000", "2019")
    assert row.value == 4 and row.run_id == run.pk  # untouched cells keep the run that computed them
    assert Observation.objects.filter(run=third).count() == third.observations_written


def test_compute_command_on_the_database(register, capsys, system_actor):
    call_command("compute", "--executor", "database", "--from", "2019-01", "--to", "2019-12")
    out = capsys.readouterr().out
    run = ComputationRun.objects.get()
    assert f"run #{run.pk} (database, 2019-01..2019-12)" in out and run.actor == "system:cli:compute"
    assert services.value("gi_approvals", "410000", "2019") == 2


def _running(pid, host=None, started=None):
    import socket

    from django.utils import timezone

    return ComputationRun.objects.create(
        executor="database", actor="system:test", started=started or timezone.now(),
        message=f"running in process {pid} on {host or socket.gethostname()}")


def test_a_killed_compute_is_marked_failed_on_the_next_start(register, system_actor):
    import subprocess

    from django.utils import timezone

    ended = subprocess.Popen(["true"])
    ended.wait()  # a process that is gone, as a killed compute is
    alive = subprocess.Popen(["sleep", "60"])  # a compute still at work
    try:
        killed, working = _running(ended.pid), _running(alive.pid)
        elsewhere = _running(1234, host="other-host")  # cannot be checked: left alone for a day
        abandoned = _running(1234, host="other-host", started=timezone.now() - datetime.timedelta(days=2))
        run = compute.compute("database", "2019-01", "2020-06")
    finally:
        alive.kill()
        alive.wait()
    assert run.status == "finished"
    states = {r.pk: (r.status, r.message) for r in ComputationRun.objects.all()}
    assert states[killed.pk] == ("failed", f"interrupted: process {ended.pid} on {killed.message.split()[-1]} "
                                           "ended before the run finished; the cube was left as it was")
    assert states[working.pk][0] == states[elsewhere.pk][0] == "running"
    assert states[abandoned.pk][0] == "failed"
    assert ComputationRun.objects.get(pk=killed.pk).finished is not None


@pytest.mark.django_db(transaction=True)
def test_a_full_cube_written_outside_a_transaction_leaves_foreign_key_checks_on(register, system_actor, tmp_path,
                                                                                 settings):
    """Outside a transaction (the CLI, the demo) SQLite's row-by-row foreign-key checks are off while the cube's
    cells are written, the writer checking their regions itself; they are on again afterwards, the cells' regions
    and run as the register says."""
    from django.db import connection

    settings.IPGOV_HOME = tmp_path
    run = compute.compute("duckdb", "2019-01", "2020-06")
    assert run.status == "finished" and run.observations_written > 0
    assert services.value("patent_applications", "410100", "2019") == 3
    assert not Observation.objects.exclude(run=run).exists()
    assert Observation.objects.filter(region__code="410172").exists()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA foreign_keys")
            assert cursor.fetchone() == (1,)
            cursor.execute("PRAGMA foreign_key_check(indicators_observation)")
            assert cursor.fetchall() == []


def test_the_cube_writer_refuses_cells_of_regions_not_in_the_regions_table(register):
    import pyarrow as pa

    from ipgov.indicators import store

    store._check_regions(pa.table({"code": ["410100", "410172"]}))
    with pytest.raises(ValueError, match="999999"):
        store._check_regions(pa.table({"code": ["410100", "999999"]}))
