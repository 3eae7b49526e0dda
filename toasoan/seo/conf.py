"""SEO settings, all optional.

``TOASOAN_SITEMAP_CHUNK`` (default 10,000): how many article ids one child sitemap covers. Children are
id ranges (``pk BETWEEN lo AND hi``), read through the primary key, so every child costs the same at any
archive size; 10,000 keeps each child far under the protocol's 50,000-URL limit.
``TOASOAN_FEED_SIZE`` (default 30): items per RSS feed.
``TOASOAN_NEWS_SITEMAP_HOURS`` (default 48) and ``TOASOAN_NEWS_SITEMAP_MAX`` (default 1,000, Google's limit).
``TOASOAN_PUBLISHER_LOGO``: static path of the publisher logo in JSON-LD (default ``toasoan/seo/logo.png``).
``TOASOAN_TWITTER_SITE``: the newspaper's @account for ``twitter:site`` (left out when empty).
"""

from __future__ import annotations

from django.conf import settings


def sitemap_chunk() -> int:
    return max(1, int(getattr(settings, "TOASOAN_SITEMAP_CHUNK", 10_000)))


def feed_size() -> int:
    return int(getattr(settings, "TOASOAN_FEED_SIZE", 30))


def news_hours() -> int:
    return int(getattr(settings, "TOASOAN_NEWS_SITEMAP_HOURS", 48))


def news_max() -> int:
    return int(getattr(settings, "TOASOAN_NEWS_SITEMAP_MAX", 1000))


def publisher_logo() -> str:
    return getattr(settings, "TOASOAN_PUBLISHER_LOGO", "toasoan/seo/logo.png")


def twitter_site() -> str:
    return getattr(settings, "TOASOAN_TWITTER_SITE", "")


def site_name() -> str:
    return getattr(settings, "WAGTAIL_SITE_NAME", "Tòa Soạn")
