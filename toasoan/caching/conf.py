"""Page-cache settings, from Django settings or the environment.

``TOASOAN_PAGE_CACHE`` (env ``PAGE_CACHE``):
  ``django`` (default) — pages are cached in Django's cache (Redis when ``REDIS_URL`` is set);
  ``front`` — a front cache (nginx, ``deploy/nginx``) stores pages; the app sends lifetimes and tags and
  asks the front to re-render purged URLs;
  ``off`` — nothing is cached (benchmarks of the uncached page).
``TOASOAN_PAGE_CACHE_SECONDS`` (env ``PAGE_CACHE_SECONDS``, default 60): how long a page is fresh; after
that it is served stale while one request re-renders it (at most ``STALE_SECONDS`` more).
``TOASOAN_FRONT_REFRESH_URL`` (env ``FRONT_REFRESH_URL``): the loopback address of the front cache's
refresh server, e.g. ``http://127.0.0.1:8081``.
"""

from __future__ import annotations

import os

from django.conf import settings

STALE_SECONDS = 600


def mode() -> str:
    value = getattr(settings, "TOASOAN_PAGE_CACHE", None) or os.environ.get("PAGE_CACHE", "django")
    return value if value in {"django", "front", "off"} else "django"


def fresh_seconds() -> int:
    value = getattr(settings, "TOASOAN_PAGE_CACHE_SECONDS", None)
    return int(value if value is not None else os.environ.get("PAGE_CACHE_SECONDS", "60"))


def front_refresh_url() -> str:
    return (getattr(settings, "TOASOAN_FRONT_REFRESH_URL", None) or os.environ.get("FRONT_REFRESH_URL", "")).rstrip("/")


# /truc-tiep/: the live feed answers from its own cache with an ETag (toasoan/live/views.py).
EXCLUDED_PREFIXES = ("/admin/", "/_v", "/truc-tiep/", "/binh-luan/", "/documents/", "/images/", "/uploads/", "/static/",
                     "/django-admin/")


# How long a publish waits for the fronts to re-render its pages (toasoan.caching.purge, .fronts).
REFRESH_WAIT_SECONDS = 5.0
