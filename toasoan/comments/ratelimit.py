"""Fixed-window counters in Django's cache (Redis in production): how many comments a client or an email
address has sent in the current window."""

from __future__ import annotations

import math
import time

from django.core.cache import cache

from toasoan.comments.conf import Rate

PREFIX = "toasoan:comments:rate:"


def hit(*, key: str, rate: Rate, now: float | None = None) -> int:
    """Count one attempt for ``key``; returns 0 when it is within ``rate``, else the seconds until the window
    ends (the attempt is counted either way, so hammering does not open the window sooner)."""
    if rate.count <= 0:
        return 0
    now = time.time() if now is None else now
    window = int(now // rate.seconds)
    cache_key = f"{PREFIX}{key}:{window}"
    if cache.add(cache_key, 1, rate.seconds + 5):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.set(cache_key, 1, rate.seconds + 5)
            count = 1
    if count <= rate.count:
        return 0
    return max(1, math.ceil((window + 1) * rate.seconds - now))
