"""A demo step run beside the next ones, in a forked child process (issue 17: the demo in minutes).

A step that only reads the database and writes files of its own (the open-data release) can run on the
second core while the parent goes on with the steps after it (the analyses, the reports, the portal), and be
collected later, in its place in STEPS: `start` forks, `finish` waits for the child and returns the step's
own result. The database is read through a connection the child opens itself: the parent's are closed before
the fork (a connection used on both sides of a fork is corrupted by both). SQLite in WAL mode lets the child
read while the parent writes; the child sees what was committed before it began.

Where a fork is not available or cannot pay (one core, or inside a transaction), `start` returns None and
the step runs in its place. The step's progress lines are printed when it is collected; an error raised in
the child is raised by `finish`, as if the step had run there; a child that dies without a word (killed for
memory) ends the demo with a sentence, not a hang.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import time
from collections.abc import Callable

from django.core.management.base import CommandError
from django.db import connections
from django.utils import translation
from django.utils.translation import gettext

from ipgov.core.ingest.ahead import picklable
from ipgov.demo.steps import DemoContext, StepResult


def why_not() -> str | None:
    """Why a step cannot run beside the others here, as the start of a sentence; None when it can: two cores or
    more, a system that forks, and no transaction open (closing its connection would end it)."""
    if (os.cpu_count() or 1) < 2:
        return gettext("one core")
    if "fork" not in multiprocessing.get_all_start_methods():
        return gettext("this system cannot start a process by fork")
    if any(c.in_atomic_block for c in connections.all(initialized_only=True)):
        return gettext("a transaction is open (the caller's)")
    return None


def start(ctx: DemoContext, key: str, step: Callable[[DemoContext], StepResult]) -> int | None:
    """`step(ctx)` started in a child process, kept in `ctx.running[key]`; its pid, or None (not started: `why_not`)."""
    if why_not() is not None:
        return None
    connections.close_all()  # the child opens its own; the parent reconnects at its next query
    fork = multiprocessing.get_context("fork")
    receiver, sender = fork.Pipe(duplex=False)
    child = fork.Process(target=_run, args=(step, ctx, sender, translation.get_language()), daemon=True)
    child.start()
    sender.close()  # the child holds the only sending end: when it ends, however, the pipe says so (EOFError)
    ctx.running[key] = (receiver, child, time.perf_counter())
    return child.pid


def start_step(ctx: DemoContext, key: str, step: Callable[[DemoContext], StepResult], title: str, in_place: str,
               changed: bool = False) -> StepResult:
    """A demo step that starts `step` beside the next ones (`start`): its result says the process started, or, with
    `in_place` (a sentence with %(reason)s), why the step will run in its own place. `changed`: whether starting is
    a change (the release's is; a step whose collector says what it wrote is not)."""
    pid = start(ctx, key, step)
    if pid is None:
        return StepResult(title, False, [in_place % {"reason": why_not()}])
    return StepResult(title, changed, [gettext("writing in process %(pid)s") % {"pid": pid}])


def _run(step, ctx: DemoContext, sender, language: str | None) -> None:
    # What the parent held at the fork is left out of this process's garbage collections, which walked it whole
    # each time: the reports child's collections took 3.3 s of its 21.2 s of CPU before, 2.6 s after (one run each).
    gc.freeze()
    said: list[str] = []
    ctx.progress = said.append  # this process's copy of the context: told to the parent at the end
    translation.activate(language) if language else translation.deactivate()
    try:
        message = ("done", step(ctx), said)
    except BaseException as exc:  # raised again by `finish`, in the parent
        message = ("error", picklable(exc, CommandError), said)
    finally:
        connections.close_all()
    sender.send(message)


def finish(ctx: DemoContext, key: str) -> StepResult | None:
    """The result of the step `start` ran under `key` (its progress lines told first), once its process has
    ended; None when none was started."""
    started = ctx.running.pop(key, None)
    if started is None:
        return None
    receiver, child, clock = started
    try:
        message = receiver.recv()
    except EOFError:  # ended without a word: killed (out of memory, a signal)
        child.join()
        raise CommandError(gettext(
            "the step running in process %(pid)s ended with code %(code)s before it finished (killed, perhaps "
            "for lack of memory); run `ipgov demo` again") % {"pid": child.pid, "code": child.exitcode}) from None
    finally:
        receiver.close()
    child.join()
    tag, payload, said = message
    for line in said:
        ctx.say(line)
    if tag == "error":
        raise payload
    payload.lines.insert(0, gettext("ran in process %(pid)s beside the steps before this one: %(seconds)s s "
                                    "from its start") % {"pid": child.pid,
                                                         "seconds": f"{time.perf_counter() - clock:.1f}"})
    return payload
