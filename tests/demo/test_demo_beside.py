"""A demo step run beside the next ones, in a forked child (ipgov.demo.beside): its result, its lines, its
errors and its death come back to the step that collects it; its database reads are its own connection's."""

import os
import signal

import pytest
from django.core.management.base import CommandError
from django.utils import translation

from ipgov.demo import beside
from ipgov.demo.steps import DemoContext, StepResult


def _pid_step(ctx: DemoContext) -> StepResult:
    ctx.say("halfway")
    return StepResult("pid", True, [str(os.getpid()), translation.get_language()])


def _failing_step(ctx: DemoContext) -> StepResult:
    ctx.say("before the failure")
    raise FileNotFoundError(2, "No such file or directory", "/nowhere/cells.csv")


def _killed_step(ctx: DemoContext) -> StepResult:
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.fixture
def two_cores(monkeypatch):
    monkeypatch.setattr(beside.os, "cpu_count", lambda: 2)


def test_a_step_beside_runs_in_another_process_and_its_result_and_lines_come_back(tmp_path, two_cores):
    said = []
    ctx = DemoContext(home=tmp_path, progress=said.append)
    with translation.override("zh-hans"):
        pid = beside.start(ctx, "x", _pid_step)
    assert pid and pid != os.getpid() and "x" in ctx.running
    result = beside.finish(ctx, "x")
    assert "x" not in ctx.running
    assert result.title == "pid" and result.changed
    assert result.lines[1:] == [str(pid), "zh-hans"]  # run in the child, in the caller's language
    assert f"{pid}" in result.lines[0]  # the line saying where it ran and how long
    assert said == ["halfway"]  # its progress told when collected
    assert beside.finish(ctx, "x") is None  # nothing started under that key any more


def test_an_error_in_the_child_is_raised_by_finish_after_its_lines(tmp_path, two_cores):
    said = []
    ctx = DemoContext(home=tmp_path, progress=said.append)
    beside.start(ctx, "x", _failing_step)
    with pytest.raises(FileNotFoundError) as raised:
        beside.finish(ctx, "x")
    assert raised.value.filename == "/nowhere/cells.csv" and said == ["before the failure"]


def test_a_killed_child_ends_in_a_sentence_in_the_users_language(tmp_path, two_cores):
    ctx = DemoContext(home=tmp_path)
    pid = beside.start(ctx, "x", _killed_step)
    with translation.override("zh-hans"), pytest.raises(CommandError) as raised:
        beside.finish(ctx, "x")
    assert f"进程 {pid}" in str(raised.value) and "-9" in str(raised.value)


def test_one_core_or_an_open_transaction_runs_the_step_in_its_place(tmp_path, monkeypatch, db):
    monkeypatch.setattr(beside.os, "cpu_count", lambda: 1)
    assert beside.start(DemoContext(home=tmp_path), "x", _pid_step) is None
    monkeypatch.setattr(beside.os, "cpu_count", lambda: 2)
    from django.db import connection

    connection.ensure_connection()  # the test's transaction is open: its connection cannot be closed
    assert connection.in_atomic_block
    assert beside.start(DemoContext(home=tmp_path), "x", _pid_step) is None


def _count_regions(ctx: DemoContext) -> StepResult:
    from ipgov.regions.models import Region

    return StepResult("regions", False, [str(Region.objects.filter(code="410000").count())])


@pytest.mark.django_db(transaction=True)
def test_the_child_reads_the_database_through_its_own_connection(tmp_path, two_cores):
    from django.db import connection

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("the test database is in this process's memory: a child cannot open it")
    ctx = DemoContext(home=tmp_path)
    assert beside.start(ctx, "x", _count_regions)
    assert beside.finish(ctx, "x").lines[1:] == ["1"]
    from ipgov.regions.models import Region

    assert Region.objects.filter(code="410000").exists()  # the parent reconnected after the fork


@pytest.mark.django_db(transaction=True)
def test_the_snapshot_written_ahead_is_read_by_the_compute_with_what_came_after_it(tmp_path, two_cores, settings,
                                                                                system_actor):
    """`start_snapshot` writes the register's partitions in a child; a batch imported after is not missed: the
    compute's own refresh writes that batch's partition only, and counts every patent."""
    import datetime

    from django.db import connection

    from ipgov.demo import indicators as demo_indicators
    from ipgov.indicators import catalogue, compute, services
    from ipgov.indicators.executors import snapshot
    from tests.indicators.conftest import make_batch, make_patent

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("the test database is in this process's memory: a child cannot open it")
    settings.IPGOV_HOME = tmp_path
    first = make_batch("2019.csv")
    for day in (1, 2):
        make_patent(region="410102", filed=datetime.date(2019, 3, day), batch=first)
    ctx = DemoContext(home=tmp_path)
    started = demo_indicators.start_snapshot(ctx)
    assert not started.changed and ("process" in started.lines[0] or "进程" in started.lines[0])
    ahead = beside.finish(ctx, demo_indicators.SNAPSHOT)
    assert ahead.changed  # the partitions it wrote: the cube step that collects it counts them as a change
    later = make_batch("2019-05.csv")  # imported after the snapshot was written (a step after its start)
    make_patent(region="410102", filed=datetime.date(2019, 5, 6), batch=later)
    assert "partitions written" in ahead.lines[1] or "分区" in ahead.lines[1]
    assert (tmp_path / "snapshot" / "patents" / f"batch-{first.pk}.parquet").exists()
    report = snapshot.refresh(catalogue.default(), snapshot.default_directory())
    assert [w for w in report.written if w.startswith("patents/")] == [f"patents/batch-{later.pk}"]
    run = compute.compute("duckdb", "2019-01", "2019-12")
    assert run.status == "finished"
    assert services.value("patent_applications", "410100", "2019") == 3


@pytest.mark.django_db
def test_a_step_that_cannot_run_beside_says_why(tmp_path, two_cores, monkeypatch):
    """Inside a transaction (this test's) the fork would close the connection that holds it: the step runs in its
    place, and the sentence names the transaction, not the cores."""
    with translation.override("zh-hans"):
        assert beside.why_not() == "调用方的事务尚未结束"
        assert beside.start(DemoContext(home=tmp_path), "x", _pid_step) is None
    monkeypatch.setattr(beside.os, "cpu_count", lambda: 1)
    with translation.override("en"):
        assert beside.why_not() == "one core"
