"""Shared helpers for benchmarks: Django setup and medians of repeated timings."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable


def setup_django(home: str | None = None) -> None:
    if home:
        os.environ.setdefault("IPGOV_HOME", home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipgov.settings")
    import django

    django.setup()


def median_seconds(fn: Callable[[], object], repeat: int = 5) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)
