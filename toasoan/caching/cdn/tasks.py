"""The CDN purge, run by the task worker (publication queue) after the publish has committed."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django_tasks import task

from toasoan.caching import cdn

logger = logging.getLogger(__name__)


@task()
def purge_cdn_tags(tags: list[str]) -> int:
    """Purge ``tags`` at the CDN (batches, retries: :mod:`toasoan.caching.cdn.backends`); returns the calls made."""
    found = cdn.backend()
    return 0 if found is None else found.purge_tags(tags).sent


def purge_later(tags: Iterable[str]) -> None:
    """Purge ``tags`` at the CDN from the task queue (nothing without a CDN). Called after the commit."""
    if cdn.backend() is None or not tags:
        return
    from toasoan.core.queue import enqueue

    try:
        enqueue(purge_cdn_tags, sorted(tags), urgent=True)
    except Exception:  # the CDN keeps the old page until its lifetime ends; the publish itself succeeded
        logger.exception("Không xếp được lệnh xóa bộ đệm CDN")

