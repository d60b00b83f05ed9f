"""Reading ahead in a second thread or a child process (`core.ingest.ahead`): the same items in the same order, errors raised where
they happened, the caller's language, and the thread gone once the caller stops."""

import os
import threading

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from ipgov.core.ingest.ahead import Forked, read_ahead
from ipgov.core.ingest.errors import ImportFailed


def _threads():
    return [t for t in threading.enumerate() if t.name == "ipgov-read-ahead"]


def test_the_items_in_their_order_across_blocks():
    assert list(read_ahead(iter(range(2503)), block=100, depth=2)) == list(range(2503))
    assert list(read_ahead([])) == []
    assert _threads() == []


def test_an_error_is_raised_after_the_items_before_it():
    def items():
        yield from (1, 2, 3)
        raise ValueError("row 4: bad")

    got = []
    with pytest.raises(ValueError, match="row 4: bad"):
        for item in read_ahead(items(), block=2):
            got.append(item)
    assert got == [1, 2, 3]
    assert _threads() == []


def test_the_mapping_thread_speaks_the_callers_language():
    def items():
        for _i in range(3):
            yield translation.get_language(), _("Patents")

    with translation.override("zh-hans"):
        zh = list(read_ahead(items()))
    with translation.override("en"):
        en = list(read_ahead(items()))
    assert {lang for lang, _text in zh} == {"zh-hans"} and {lang for lang, _text in en} == {"en"}
    assert zh[0][1] != en[0][1] == "Patents"


def test_closing_early_stops_the_thread_and_an_unstarted_one_never_starts():
    made = []

    def items():
        for i in range(100_000):
            made.append(i)
            yield i

    ahead = read_ahead(items(), block=10, depth=2)
    assert [next(ahead) for _ in range(5)] == [0, 1, 2, 3, 4]
    ahead.close()
    assert _threads() == []
    assert len(made) <= 10 * (2 + 2)  # the blocks handed over, the one being put, the one being made
    read_ahead(items()).close()
    assert _threads() == [] and len(made) <= 40


def test_prepare_runs_in_the_callers_thread_first():
    seen = []
    items = read_ahead(iter([1]), prepare=lambda: seen.append(threading.current_thread().name))
    assert seen == []  # nothing happens before the first item is asked for
    assert list(items) == [1] and seen == [threading.current_thread().name]


# Made in a forked child (`ahead.Forked`): the same items, errors and language, the child's work kept, the child gone.

def _children() -> set[int]:
    """The pids of this process's children still alive or not yet waited for."""
    me = os.getpid()
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == me:
                found.add(int(entry))
    return found


def test_a_forked_reader_gives_the_items_in_their_order_made_in_another_process():
    before = _children()
    pids = list(read_ahead((os.getpid() for _ in range(2503)), block=100, forked=Forked()))
    assert len(pids) == 2503 and len(set(pids)) == 1 and pids[0] != os.getpid()
    assert list(read_ahead(iter([]), forked=Forked())) == []
    assert _children() == before


def test_the_child_readys_each_item_and_hands_back_its_state():
    table = {"samples": []}

    def items():
        for i in range(5):
            table["samples"].append(i)  # filled while reading, in the child
            yield {"n": i}

    def ready(item):
        item["square"] = item["n"] ** 2

    def restore(state):
        table["samples"] = state

    got = list(read_ahead(items(), block=2, forked=Forked(ready, lambda: table["samples"], restore)))
    assert got == [{"n": i, "square": i * i} for i in range(5)]
    assert table["samples"] == [0, 1, 2, 3, 4]


def test_a_childs_error_is_raised_after_the_items_before_it():
    def items():
        yield from (1, 2, 3)
        raise ValueError("row 4: bad")

    got = []
    with pytest.raises(ValueError, match="row 4: bad"):
        for item in read_ahead(items(), block=2, forked=Forked()):
            got.append(item)
    assert got == [1, 2, 3]


def test_a_read_error_in_the_child_is_raised_in_the_caller_not_taken_for_a_dead_child():
    def items():
        yield 1
        raise OSError("input/output error reading row 2")

    with pytest.raises(OSError, match="input/output error reading row 2"):
        list(read_ahead(items(), forked=Forked()))


def test_an_error_that_cannot_be_pickled_arrives_as_its_text():
    class Local(Exception):  # a class pickle cannot find by name
        pass

    def items():
        yield 1
        raise Local("the file's row 2 cannot be read")

    with pytest.raises(ImportFailed, match="row 2 cannot be read"):
        list(read_ahead(items(), forked=Forked()))


def test_a_child_that_dies_ends_the_import_with_a_sentence():
    def items():
        yield 1
        os._exit(3)  # as when the kernel kills it for memory

    with translation.override("zh-hans"), pytest.raises(ImportFailed, match="读取文件的进程在读完之前意外结束"):
        list(read_ahead(items(), forked=Forked()))
    with translation.override("en"), pytest.raises(ImportFailed, match="nothing was written — run the import again"):
        list(read_ahead(items(), forked=Forked()))


def test_the_child_speaks_the_callers_language():
    def items():
        for _i in range(3):
            yield translation.get_language(), _("Patents")

    with translation.override("zh-hans"):
        zh = list(read_ahead(items(), forked=Forked()))
    assert {lang for lang, _text in zh} == {"zh-hans"} and zh[0][1] != "Patents"


def test_closing_a_forked_reader_early_ends_the_child():
    before = _children()
    ahead = read_ahead(iter(range(10**9)), block=10, forked=Forked())
    assert [next(ahead) for _ in range(5)] == [0, 1, 2, 3, 4]
    assert len(_children() - before) == 1
    ahead.close()
    assert _children() == before
