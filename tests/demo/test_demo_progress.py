"""`ipgov demo` tells how each step goes while it runs: step titles before they run, the importer's
progress, and the register's files as the generator writes them (beside the import)."""

import json

import pytest
from django.utils.module_loading import import_string

from ipgov.demo.steps import STEPS, DemoContext
from ipgov.demo.synth.register import render
from ipgov.demo.synth.step import GENERATION, MANIFEST, demo_dir, files_as_written, start_generating


def test_every_step_has_a_title_before_it_runs():
    assert all(str(import_string(path).title) for path in STEPS)


def test_rows_progress_says_rows_and_rate():
    said = []
    ctx = DemoContext(home=".", progress=said.append)
    progress = ctx.rows_progress("patents_2019.csv", every=0)
    progress(1500, 3000)
    progress(3000, None)
    assert len(said) == 2
    assert said[0].startswith("patents_2019.csv") and "1,500" in said[0] and "3,000" in said[0]
    assert "3,000" in said[1] and "?" in said[1]
    DemoContext(home=".").rows_progress("quiet.csv", every=0)(10, 10)  # no reporter: nothing, no error


def test_files_come_as_written_and_are_the_generators_bytes(tmp_path):
    said = []
    ctx = DemoContext(home=tmp_path, seed=7, scale=0.005, progress=said.append)
    expected = dict(render(7, 0.005))
    first = list(files_as_written(ctx))
    assert [path.name for path, _ in first] == list(expected)  # in import order
    assert all(seconds is not None and seconds >= 0 for _, seconds in first)
    assert {path.name: path.read_bytes() for path, _ in first} == expected
    assert not list(demo_dir(ctx).glob("*.part"))
    manifest = json.loads((demo_dir(ctx) / MANIFEST).read_text(encoding="utf-8"))
    assert list(manifest["files"]) == list(expected)
    assert sum(any(name in line for line in said) for name in expected) == len(expected)  # each file told

    again = list(files_as_written(ctx))  # an identical set on disk: kept, nothing generated
    assert [(path.name, seconds) for path, seconds in again] == [(name, None) for name in expected]


def test_the_generation_started_by_an_earlier_step_is_the_one_the_register_imports(tmp_path, monkeypatch):
    from ipgov.demo.synth import step

    monkeypatch.setattr(step.os, "cpu_count", lambda: 2)  # the forked child, as on the two-core machine
    ctx = DemoContext(home=tmp_path, seed=7, scale=0.005)
    started = start_generating(ctx)
    assert started.changed and ctx.running[GENERATION][1].pid > 0
    monkeypatch.setattr(step, "_start", lambda *args: pytest.fail("a second generator was started"))
    files = list(files_as_written(ctx))
    assert GENERATION not in ctx.running
    assert {path.name: path.read_bytes() for path, _ in files} == dict(render(7, 0.005))
    assert all(seconds is not None for _, seconds in files)  # generated in this run, not kept
    again = start_generating(ctx)  # the set is on disk: nothing to start
    assert not again.changed and GENERATION not in ctx.running


def _one_file_then_killed(seed, scale, say=None):
    """The generator's first file, then its process killed by a signal (what the kernel does out of memory)."""
    import os
    import signal

    yield "patents_2008.csv", b"x"
    os.kill(os.getpid(), signal.SIGKILL)
    yield "never.csv", b""


def test_a_killed_generator_stops_the_step_with_a_sentence_not_a_hang(tmp_path, monkeypatch):
    import pytest
    from django.core.management.base import CommandError

    from ipgov.demo.synth import step

    monkeypatch.setattr(step, "render", _one_file_then_killed)
    monkeypatch.setattr(step.os, "cpu_count", lambda: 2)  # the forked child, as on the two-core machine
    ctx = DemoContext(home=tmp_path, seed=7, scale=0.005)
    files = files_as_written(ctx)
    path, _ = next(files)
    assert path.read_bytes() == b"x"  # the file written before the kill is kept
    with pytest.raises(CommandError, match="-9"):
        next(files)
    assert not (demo_dir(ctx) / MANIFEST).exists()  # no manifest: the next run generates again


def test_a_scale_the_generator_cannot_meet_is_refused_before_any_work():
    import pytest
    from django.core.management import call_command
    from django.core.management.base import CommandError
    from django.utils import translation

    with translation.override("en"), pytest.raises(CommandError, match="0.001 is not a scale of at least 0.005"):
        call_command("demo", "--scale", "0.001", "--no-serve")
