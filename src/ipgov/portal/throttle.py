"""Per-address rate limits of the visitors' forms, counted in Django's cache.

`IPGOV_PORTAL_RATE` = "5/600" allows 5 posts of one kind per address in 600 seconds. With several
server processes use a shared cache (the default local-memory cache counts per process).
Captchas (`captcha_allowed`) are counted the same way, twice the posts' number: one for each post and one
"another code" each.
"""

from __future__ import annotations

import os

from django.core.cache import cache


def limits() -> tuple[int, int]:
    count, _, seconds = os.environ.get("IPGOV_PORTAL_RATE", "5/600").partition("/")
    return int(count), int(seconds or 600)


def allow(kind: str, address: str | None, factor: int = 1) -> bool:
    """Count one attempt of `kind` from `address`; False once the limit (times `factor`) is reached."""
    count, seconds = limits()
    count *= factor
    key = f"portal-rate:{kind}:{address or '-'}"
    cache.add(key, 0, seconds)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)
        used = 1
    return used <= count


CAPTCHAS_PER_POST = 2


def captcha_allowed(address: str | None) -> bool:
    """Count one new captcha for `address` (each writes a row): `views.captcha_new` and `?captcha=1`."""
    return allow("captcha", address, factor=CAPTCHAS_PER_POST)


def retry_after() -> int:
    return limits()[1]
