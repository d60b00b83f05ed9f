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


def test_the_cube_writer_compares_stored_cells_read_back_exactly(register):
    """The stored cells are read back for the comparison as the database's CSV (`store._existing`): a breakdown
    holding the CSV's own characters (comma, quote, line break) keeps its cell's identity, and a value keeps every
    bit of its double, so writing the same cells again changes nothing, a value moved by more than the tolerance
    is updated in place (same row, the new value and run), and a cell no longer computed is deleted."""
    import pandas as pd
    from django.utils import timezone

    from ipgov.core.periods import parse
    from ipgov.indicators import catalogue, store

    cat = catalogue.default()
    odd = 'a,"b"\nc'
    cells = pd.DataFrame({
        "indicator": ["patent_applications"] * 3, "code": ["410100", "410100", "410300"],
        "period": ["2020-01"] * 3, "period_kind": ["month"] * 3, "breakdown": ["", odd, ""],
        "value": [0.1 + 0.2, 1 / 3, 2.0 ** 60 + 1]})
    scope = {"patent_applications": {"2020-01"}}

    def write(frame):
        run = ComputationRun.objects.create(executor="database", actor="test", started=timezone.now())
        store.write_cells(frame, run, cat, [parse("2020-01")], scope=scope)
        return run.observations_written, run.observations_deleted

    assert write(cells) == (3, 0)
    read = store._existing(cat, [parse("2020-01")], scope, None).to_pydict()
    assert sorted(zip(read["k"], read["value"], strict=True)) == sorted(
        ("\x1f".join(("patent_applications", code, "2020-01", breakdown)), value)
        for code, breakdown, value in zip(cells["code"], cells["breakdown"], cells["value"], strict=True))
    assert write(cells) == (0, 0)
    stored = dict(Observation.objects.filter(indicator="patent_applications", period="2020-01")
                  .values_list("breakdown", "value").filter(region_id="410100"))
    assert stored == {"": 0.1 + 0.2, odd: 1 / 3}
    moved = cells.assign(value=[0.1 + 0.2, 1 / 3 + 1e-6, 2.0 ** 60 + 1])
    row = Observation.objects.get(indicator="patent_applications", period="2020-01", breakdown=odd)
    assert write(moved) == (1, 0)
    updated = Observation.objects.get(pk=row.pk)
    assert (updated.value, updated.breakdown) == (1 / 3 + 1e-6, odd)
    assert updated.run_id == ComputationRun.objects.latest("pk").pk != row.run_id
    assert write(moved.iloc[[0, 1]]) == (0, 1)
