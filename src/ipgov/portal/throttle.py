"""Per-address rate limits of the visitors' forms, counted in Django's cache.

`IPGOV_PORTAL_RATE` = "5/600" allows 5 posts of one kind per address in 600 seconds. With several
server processes use a shared cache (the default local-memory cache counts per process).
"""

from __future__ import annotations

import os

from django.core.cache import cache


def limits() -> tuple[int, int]:
    count, _, seconds = os.environ.get("IPGOV_PORTAL_RATE", "5/600").partition("/")
    return int(count), int(seconds or 600)


def allow(kind: str, address: str | None) -> bool:
    """Count one attempt of `kind` from `address`; False once the limit is reached."""
    count, seconds = limits()
    key = f"portal-rate:{kind}:{address or '-'}"
    cache.add(key, 0, seconds)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)
        used = 1
    return used <= count
