"""Reading and mapping ahead of the writer: a source's items made in a second thread, a block at a time,
while the caller writes the previous ones (issue 17).

The writer spends much of its time waiting on the database (PostgreSQL's COPY, SQLite's steps: the
drivers release the GIL while they wait); a mapper is plain Python. One after the other, a batch
takes the sum of both; with the mapping a block ahead, about the larger of the two. The items and
their order are unchanged, and so is every error: an exception in the mapping thread is raised in
the caller's at the item where it happened.

The mapping thread must not use the database (it would open a connection of its own, outside the
batch's transaction): what a mapper reads from it (the region index) is loaded by the caller before
(`prepare`). Translations follow the caller's language; the caller's context variables (the actor)
are copied. Closing the iterator (or leaving the loop over it) stops the thread.
"""

from __future__ import annotations

import contextvars
import queue
import sys
import threading
from collections.abc import Callable, Iterable, Iterator

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import translation

BLOCK = 1000  # items handed over at a time (one hand-over costs a lock and a wake-up)
DEPTH = 4  # blocks ready at most: the mapping runs ≤ 4,000 items ahead (memory stays bounded)
ENABLED = True  # False: the items are made in the caller's thread, one after the other (bench_import's comparison)
# how long the mapping thread may keep the GIL once the writer's thread wants it back (Python's default: 5 ms).
# The writer waits on the database hundreds of times a chunk (each COPY buffer sent); with the default, each
# return from such a wait can cost it up to 5 ms of waiting for the GIL — more than the overlap saves.
SWITCH_INTERVAL = 0.0002
_DONE = object()


def pays_off() -> bool:
    """Whether a second mapping thread shortens an import into the default database: on PostgreSQL, whose
    server writes in a process of its own (the read-ahead's wall time 0.77× the serial import's, see
    bench/README.md); not on SQLite, where the writing is done in this process and the two threads take turns
    with the GIL (the demo's trademarks_2018.csv, 283,319 rows into SQLite after 2017's, 3 runs each taking
    turns: 24.6 s with the thread against 20.6 s without; patents_2018.csv, 154,723 rows: 33.0 against 26.5 s)."""
    return connections[DEFAULT_DB_ALIAS].vendor == "postgresql"


def read_ahead(items: Iterable, *, block: int = BLOCK, depth: int = DEPTH,
               prepare: Callable[[], object] | None = None, threaded: bool = True) -> Iterator:
    """`items`, made in a second thread up to `depth` blocks of `block` ahead of the caller. The thread starts
    at the first item asked for (after `prepare`, in the caller's thread) and stops when the iterator is
    exhausted or closed. `threaded=False`: the items are made in the caller's thread (after `prepare`)."""
    if prepare is not None:
        prepare()
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
        stop.set()
        while thread.is_alive():  # let a blocked put see the stop
            try:
                handed.get(timeout=0.05)
            except queue.Empty:
                pass
        thread.join()
        if sys.getswitchinterval() == min(interval, SWITCH_INTERVAL):  # not changed meanwhile by another
            sys.setswitchinterval(interval)
