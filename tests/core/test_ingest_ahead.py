"""Reading ahead in a second thread (`core.ingest.ahead`): the same items in the same order, errors raised where
they happened, the caller's language, and the thread gone once the caller stops."""

import threading

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from ipgov.core.ingest.ahead import read_ahead


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
