"""Reading and mapping ahead of the writer (issue 17): a source's items made a block at a time while the caller
writes the previous ones — in a forked child process (`Forked`, the register's large files) or in a second
thread.

The writer spends much of its time waiting on the database (PostgreSQL's COPY, SQLite's steps: the
drivers release the GIL while they wait); a mapper is plain Python. One after the other, a batch
takes the sum of both; with the mapping a block ahead, about the larger of the two. A thread shares the
interpreter's lock with the writer, so it pays only where the writer mostly waits (PostgreSQL); a child
process maps on the other core whatever the database, at the cost of pickling the items. The items and
their order are unchanged, and so is every error: an exception raised while making them is raised in the
caller's thread at the item where it happened.

The mapping must not use the database (a thread would open a connection of its own, outside the batch's
transaction; a child must not touch the caller's): what a mapper reads from it (the region index) is loaded
by the caller before (`prepare`). Translations follow the caller's language; a thread gets the caller's
context variables (the actor), a child a copy of the whole process. Closing the iterator (or leaving the
loop over it) stops the thread or ends the child.
"""

from __future__ import annotations

import contextvars
import os
import pickle
import queue
import signal
import struct
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import translation
from django.utils.translation import gettext as _

from ipgov.core.ingest.errors import ImportFailed

BLOCK = 1000  # items handed over at a time (one hand-over costs a lock and a wake-up)
DEPTH = 4  # blocks ready at most: the mapping runs ≤ 4,000 items ahead (memory stays bounded)
ENABLED = True  # False: the items are made in the caller's thread, one after the other (bench_import's comparison)
# how long the mapping thread may keep the GIL once the writer's thread wants it back (Python's default: 5 ms).
# The writer waits on the database hundreds of times a chunk (each COPY buffer sent); with the default, each
# return from such a wait can cost it up to 5 ms of waiting for the GIL — more than the overlap saves.
SWITCH_INTERVAL = 0.0002
_DONE = object()
_FRAME = struct.Struct("<Q")  # a pickled block's length before it on the pipe


def pays_off() -> bool:
    """Whether a second mapping thread shortens an import into the default database: on PostgreSQL, whose
    server writes in a process of its own (the read-ahead's wall time 0.77× the serial import's, see
    bench/README.md); not on SQLite, where the writing is done in this process and the two threads take turns
    with the GIL (the demo's trademarks_2018.csv, 283,319 rows into SQLite after 2017's, 3 runs each taking
    turns: 24.6 s with the thread against 20.6 s without; patents_2018.csv, 154,723 rows: 33.0 against 26.5 s)."""
    return connections[DEFAULT_DB_ALIAS].vendor == "postgresql"


def can_fork() -> bool:
    """Whether items can be made in a child process that pays: the system forks, and this process may run on
    two cores or more (on one, the child would only add the pickling)."""
    return hasattr(os, "fork") and len(os.sched_getaffinity(0)) >= 2


def read_ahead(items: Iterable, *, block: int = BLOCK, depth: int = DEPTH,
               prepare: Callable[[], object] | None = None, threaded: bool = True,
               forked: Forked | None = None) -> Iterator:
    """`items`, made in a second thread up to `depth` blocks of `block` ahead of the caller. The thread starts
    at the first item asked for (after `prepare`, in the caller's thread) and stops when the iterator is
    exhausted or closed. `threaded=False`: the items are made in the caller's thread (after `prepare`).
    With `forked` (where `can_fork()`), they are made in a child process instead (`_from_child`)."""
    if prepare is not None:
        prepare()
    if ENABLED and forked is not None and can_fork():
        yield from _from_child(items, forked, block)
        return
    if not ENABLED or not threaded:
        yield from items
        return
    handed: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()
    language = translation.get_language()

    def put(entry) -> bool:
        while not stop.is_set():
            try:
                handed.put(entry, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        chunk: list = []
        try:
            with translation.override(language):
                for item in items:
                    chunk.append(item)
                    if len(chunk) == block:
                        if not put((chunk, None)):
                            return
                        chunk = []
            if chunk:
                put((chunk, None))
        except BaseException as exc:  # raised again in the caller's thread, after the items made before it
            if not chunk or put((chunk, None)):
                put((None, exc))
        finally:
            connections.close_all()  # a connection this thread opened (it should open none)
            put(_DONE)

    thread = threading.Thread(target=contextvars.copy_context().run, args=(produce,), name="ipgov-read-ahead",
                              daemon=True)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, SWITCH_INTERVAL))
    thread.start()
    try:
        while True:
            entry = handed.get()
            if entry is _DONE:
                return
            chunk, exc = entry
            if exc is not None:
                raise exc
            yield from chunk
    finally:
        _stop(thread, stop, handed)
        if sys.getswitchinterval() == min(interval, SWITCH_INTERVAL):  # not changed meanwhile by another
            sys.setswitchinterval(interval)


def _stop(thread: threading.Thread, stop: threading.Event, handed: queue.Queue) -> None:
    """Tell a thread that fills `handed` to stop, take what it still puts (so a blocked put returns), join it."""
    stop.set()
    while thread.is_alive():
        try:
            handed.get(timeout=0.05)
        except queue.Empty:
            pass
    thread.join()


@dataclass(frozen=True)
class Forked:
    """How items made in a child process come back (`read_ahead(forked=…)`): `ready(item)` runs on each item in
    the child before it is sent (work done there rather than in the caller: a record's hash); `state()` is
    called in the child once the items are exhausted and `restore(state)` in the caller with what it returned
    (what the reading filled in besides its items, e.g. a table's unmapped columns' sample values)."""

    ready: Callable[[object], object] | None = None
    state: Callable[[], object] | None = None
    restore: Callable[[object], None] | None = None


def _from_child(items: Iterable, forked: Forked, block: int) -> Iterator:
    """The items made by a forked child and sent back pickled through a pipe, a block at a time: the mapping
    runs on another core beside the caller's writing, without sharing its GIL. A thread of the caller's
    takes the child's blocks off the pipe as they come (its reads release the GIL), so the child keeps up to
    `DEPTH` blocks ahead while the caller writes, whatever the pipe holds; the caller unpickles them.

    The child touches no database connection (what it reads was loaded by `prepare` before the fork) and leaves
    by `os._exit`, so nothing of the caller's (connections, temporary files, atexit handlers) is closed twice.
    An exception in the child is raised in the caller after the items made before it (as text in an
    ImportFailed when it cannot be pickled). Closing the iterator early ends the child."""
    read_end, write_end = os.pipe()
    language = translation.get_language()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(items, forked, block, write_end, language)
    os.close(write_end)
    frames: queue.Queue = queue.Queue(maxsize=DEPTH)
    stop = threading.Event()
    pipe = os.fdopen(read_end, "rb", buffering=1 << 20)

    def receive() -> None:
        try:
            while not stop.is_set():
                head = pipe.read(_FRAME.size)
                body = pipe.read(_FRAME.unpack(head)[0]) if len(head) == _FRAME.size else b""
                frames.put(body)  # b"": the child ended without saying it was done
                if not body:
                    return
        except (OSError, ValueError):  # the pipe closed under it: the caller stopped
            frames.put(b"")

    thread = threading.Thread(target=receive, name="ipgov-read-child", daemon=True)
    thread.start()
    finished = False
    try:
        while True:
            body = frames.get()
            if not body:
                raise ImportFailed(_("the process reading the file ended before its end (out of memory?); "
                                     "nothing was written — run the import again"))
            tag, payload = pickle.loads(body)
            if tag == "items":
                yield from payload
            elif tag == "error":
                raise payload
            else:
                if forked.restore is not None:
                    forked.restore(payload)
                finished = True
                return
    finally:
        if not finished:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        _stop(thread, stop, frames)
        pipe.close()
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:  # already reaped by someone waiting for any child
            pass


def _child(items: Iterable, forked: Forked, block: int, write_end: int, language: str | None) -> None:
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C is the caller's to handle; it ends this child
        translation.activate(language) if language else translation.deactivate()
        ready = forked.ready

        def send(entry) -> None:
            body = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
            view = memoryview(_FRAME.pack(len(body)) + body)
            while view:
                view = view[os.write(write_end, view):]

        chunk: list = []
        try:
            for item in items:
                if ready is not None:
                    ready(item)
                chunk.append(item)
                if len(chunk) == block:
                    send(("items", chunk))
                    chunk = []
            if chunk:
                send(("items", chunk))
            send(("done", forked.state() if forked.state else None))
        except BaseException as exc:  # sent to the caller, raised there after the items before it
            if chunk:
                send(("items", chunk))
            send(("error", picklable(exc)))
    except BaseException:  # the caller stopped reading (a closed pipe) or went away: nothing left to tell it
        code = 1
    finally:
        os._exit(code)


def picklable(exc: BaseException, fallback: type[Exception] = ImportFailed) -> BaseException:
    """`exc` when it survives pickling (to be raised again in another process), else `fallback` with its text."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return fallback(str(exc) or type(exc).__name__)
