"""A CDN in front of the site, purged by cache tag (Cloudflare, Fastly): docs/operations.md, «CDN».

``TOASOAN_CDN`` (settings, from the ``CDN_*`` environment variables) names the backend and its parameters, in the
form of one ``WAGTAILFRONTENDCACHE`` entry; empty: no CDN. :func:`page_headers` gives what a cacheable reader page
carries for it; :func:`tasks.purge_later` hands a purge to the task queue (the ``publication`` queue), so the publishing
request never waits for the CDN's API.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings

from toasoan.caching.cdn.backends import TagPurgeBackend

logger = logging.getLogger(__name__)


def backend() -> TagPurgeBackend | None:
    config = getattr(settings, "TOASOAN_CDN", None) or {}
    if not config.get("BACKEND"):
        return None
    return _backend(json.dumps(config, sort_keys=True, default=str))


@lru_cache(maxsize=4)
def _backend(config: str) -> TagPurgeBackend:
    from wagtail.contrib.frontend_cache.utils import get_backends

    return get_backends(backend_settings={"cdn": json.loads(config)})["cdn"]


def page_headers(tags: Iterable[str]) -> dict[str, str]:
    found = backend()
    return {} if found is None else found.page_headers(tags)


def header_names() -> tuple[str, ...]:
    """The names of :func:`page_headers` (kept with a page in Django's page cache)."""
    return tuple(page_headers(()))
