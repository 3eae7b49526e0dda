"""Purging after the transaction commits: bump tag versions (Django cache) and have the front re-render."""

from __future__ import annotations

import logging
import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from django.db import transaction

from toasoan.caching import conf, store
from toasoan.caching.tags import article_tags

logger = logging.getLogger(__name__)
REFRESH_HEADER = "X-Toasoan-Refresh"
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def purge_tags_now(tags: set[str]) -> set[str]:
    """Invalidate ``tags`` now; returns the front-cache URLs whose refresh was started."""
    if not tags:
        return set()
    store.bump(tags)
    urls: set[str] = set()
    if conf.mode() == "front" and conf.front_refresh_url():
        urls = store.take_urls(tags)
        if urls:
            _executor().submit(refresh_front, urls)
    return urls


def purge_tags(tags: set[str]) -> None:
    """Invalidate ``tags`` once the current transaction commits (at once outside a transaction)."""
    frozen = set(tags)
    transaction.on_commit(lambda: purge_tags_now(frozen))


def purge_article(article_id: int, *, before: set[str] | None = None) -> None:
    """Purge an article and every listing that shows it, as stored after the commit (and ``before``)."""
    previous = set(before or ())

    def run() -> None:
        purge_tags_now(previous | article_tags(article_id))

    transaction.on_commit(run)


def _executor() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="toasoan-refresh")
        return _pool


def refresh_front(urls: set[str]) -> int:
    """Ask the front cache's refresh server to fetch ``urls`` from the app and store the new copies.

    The refresh server (loopback only) shares the cache zone and key with the public server and always
    bypasses the cache lookup, so readers keep getting the old copy until the new one replaces it: no
    miss, no lock, no stampede.
    """
    base = conf.front_refresh_url()
    done = 0
    for url in sorted(urls):
        host, _sep, path = url.partition("|")
        request = urllib.request.Request(f"{base}{path}", headers={"Host": host, REFRESH_HEADER: "1"})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback, from settings
                response.read()
            done += 1
        except urllib.error.HTTPError as exc:  # 404/410 after an unpublish is stored too
            exc.read()
            done += 1
        except OSError as exc:
            logger.warning("Không làm mới được %s ở bộ đệm trước: %s", url, exc)
    return done
