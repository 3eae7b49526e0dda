"""Purging after the transaction commits: bump tag versions (Django cache) and have the front re-render."""

from __future__ import annotations

import logging
from concurrent.futures import wait

from django.db import transaction

from toasoan.caching import conf, fronts, store
from toasoan.caching.cdn import tasks as cdn_tasks
from toasoan.caching.refresh import executor, refresh_one
from toasoan.caching.tags import article_tags

logger = logging.getLogger(__name__)
REFRESH_WAIT_SECONDS = conf.REFRESH_WAIT_SECONDS


def purge_tags_now(tags: set[str], *, by: int | None = None) -> set[str]:
    """Invalidate ``tags`` now; returns the front-cache URLs that were refreshed.

    ``by``: the article whose change this purge is (recorded with the new versions, see ``store.bump``).

    In front mode the purged URLs are re-rendered in parallel and this waits for them (at most
    ``REFRESH_WAIT_SECONDS``), so once the publishing request has returned readers get the new copy.
    No task queue is involved.
    """
    if not tags:
        return set()
    store.bump(tags, by=by)
    urls: set[str] = set()
    if conf.mode() == "front":
        # Several nodes: every registered front refreshes them (toasoan.caching.fronts); one node: its own front.
        everywhere = fronts.registered()
        if everywhere or conf.front_refresh_url():
            urls = store.take_urls(tags)
            if urls and everywhere:
                fronts.refresh_everywhere(urls, tags=tags, fronts=everywhere)
            elif urls:
                refresh_front(urls, tags=tags)
    cdn_tasks.purge_later(tags)  # after the front has the new copies: the CDN then fetches those (task queue)
    return urls


def purge_tags(tags: set[str]) -> None:
    """Invalidate ``tags`` once the current transaction commits (at once outside a transaction)."""
    frozen = set(tags)
    transaction.on_commit(lambda: purge_tags_now(frozen))


def purge_article(article_id: int, *, before: set[str] | None = None) -> None:
    """Purge an article and every listing that shows it, as stored after the commit (and ``before``)."""
    previous = set(before or ())

    def run() -> None:
        purge_tags_now(previous | article_tags(article_id), by=article_id)

    transaction.on_commit(run)


def refresh_front(urls: set[str], *, tags: set[str] | None = None) -> int:
    """Ask the front cache's refresh server to fetch ``urls`` (``host|path``) and store the new copies.

    The refresh server (loopback only) shares the cache zone and key with the public server and always
    bypasses the cache lookup, so readers keep getting the old copy until the new one replaces it: no
    miss, no lock, no stampede. The requests run in parallel; this waits for them for at most
    ``REFRESH_WAIT_SECONDS`` (slower ones finish in the background). A URL whose refresh failed is put
    back under ``tags`` so the next purge tries it again (its copy expires with the page lifetime anyway).
    Returns how many were refreshed in time.
    """
    base = conf.front_refresh_url()
    pool = executor()
    futures = {pool.submit(refresh_one, base, url): url for url in sorted(urls)}
    finished, _pending = wait(futures, timeout=REFRESH_WAIT_SECONDS)
    failed = [futures[f] for f in finished if f.result() is False]
    for url in failed:
        store.remember_urls(set(tags or ()), url)
    return sum(1 for f in finished if f.result())
