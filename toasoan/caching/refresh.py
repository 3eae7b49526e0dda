"""Re-rendering URLs through a front's refresh server (loopback): shared by one node's purge
(toasoan.caching.purge) and the front agents of several nodes (toasoan.caching.fronts)."""

from __future__ import annotations

import logging
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings

logger = logging.getLogger(__name__)
REFRESH_HEADER = "X-Toasoan-Refresh"
REFRESH_THREADS = 8
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def executor() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=REFRESH_THREADS, thread_name_prefix="toasoan-refresh")
        return _pool


def refresh_one(base: str, url: str) -> bool | None:
    """True when refreshed, False when the front did not answer, None for an entry that is not a URL."""
    host, _sep, path = url.partition("|")
    if not host or not path.startswith("/"):
        return None
    # The scheme readers use, which the refresh server passes on (deploy/nginx): an HTTPS site must not store
    # the redirect to HTTPS that a plain request would get.
    scheme = "https" if getattr(settings, "SECURE_SSL_REDIRECT", False) else "http"
    request = urllib.request.Request(f"{base}{path}", headers={"Host": host, REFRESH_HEADER: "1",  # noqa: S310
                                                               "X-Forwarded-Proto": scheme})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback, from settings
            response.read()
    except urllib.error.HTTPError as exc:  # 404/410 after an unpublish is stored too
        exc.read()
    except OSError as exc:
        logger.warning("Không làm mới được %s ở bộ đệm trước: %s", url, exc)
        return False
    return True
