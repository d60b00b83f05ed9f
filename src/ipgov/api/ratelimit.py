"""Rate limits per token and per client address (Django cache, fixed one-minute windows).

Numbers (documented in docs/api.md), per minute: IPGOV_API_RATE_ANONYMOUS (default 300) requests from
one address without a token, IPGOV_API_RATE_TOKEN (default 1200) per token. Over the limit: 429 with
Retry-After (seconds to the next window). The default cache is per process: behind gunicorn each worker
counts for itself, so the effective limit is the number times the workers; a shared cache (Redis,
memcached via CACHES) makes it exact.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

WINDOW = 60


class RateLimited(Exception):
    def __init__(self, retry_after: int, limit: int):
        super().__init__(_("more than %(limit)s requests a minute: wait %(seconds)s s and try again")
                         % {"limit": limit, "seconds": retry_after})
        self.retry_after = retry_after


def limit_for(kind: str) -> int:
    return int(getattr(settings, f"IPGOV_API_RATE_{kind.upper()}", {"anonymous": 300, "token": 1200}[kind]))


def hit(kind: str, key: str) -> None:
    """Count one request of `key` ("token:12", "addr:1.2.3.4"); RateLimited beyond the limit."""
    limit = limit_for(kind)
    now = time.time()
    window = int(now // WINDOW)
    name = f"ipgov-api-rate:{kind}:{key}:{window}"
    if cache.add(name, 1, WINDOW + 5):
        count = 1
    else:
        try:
            count = cache.incr(name)
        except ValueError:  # expired between add and incr
            cache.add(name, 1, WINDOW + 5)
            count = 1
    if count > limit:
        raise RateLimited(max(1, int((window + 1) * WINDOW - now) + 1), limit)
