"""Reading live coverage: the updates a reader page shows and the small feed its script polls.

The feed of a story is built once per change and kept in the cache under the current version of the story's
cache tag ``a:<id>`` (``toasoan.caching.store``): every change that purges the story — an update posted,
changed or removed (``core.signals.reader_page_changed``), the story published, unpublished or taken down —
gives it a new key, in every process and on every machine. Thousands of readers polling it cost two cache
reads each and no database query.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone

from toasoan.caching.store import tag_versions
from toasoan.live.models import LiveCoverage, LiveUpdate

FEED_SIZE = 30  # the newest updates in the polled feed; older ones stay as the page rendered them
PAGE_SIZE = 200  # updates shown on the page itself (works without JavaScript)
IMAGE_SPEC = "width-800|format-webp"
FEED_KEY = "toasoan:live:feed:{}:{}"
FEED_LIFETIME = 24 * 3600


@dataclass(frozen=True)
class Feed:
    body: bytes
    etag: str


def coverage_for(*, article_id: int) -> LiveCoverage | None:
    """The coverage of a published story (None for a draft, an unpublished or taken-down story)."""
    return LiveCoverage.objects.filter(article_id=article_id, article__live=True).first()


def updates_of(*, coverage: LiveCoverage, limit: int = PAGE_SIZE) -> list[LiveUpdate]:
    return list(coverage.updates.select_related("image").order_by("-created_at", "-pk")[:limit])


def pinned_of(updates: list[LiveUpdate]) -> LiveUpdate | None:
    return next((u for u in updates if u.pinned), None)


def image_of(update: LiveUpdate) -> dict | None:
    if update.image is None:
        return None
    rendition = update.image.get_rendition(IMAGE_SPEC)
    return {"url": rendition.url, "width": rendition.width, "height": rendition.height,
            "alt": update.image.title}


def version_of(update: LiveUpdate) -> int:
    """Changes whenever the update is edited: the reader's script replaces an update whose version changed."""
    return int((update.edited_at or update.created_at).timestamp() * 1000)


def update_data(update: LiveUpdate) -> dict:
    local = timezone.localtime(update.created_at)
    return {
        "id": update.pk,
        "anchor": update.anchor,
        "kind": update.kind,
        "text": update.text,
        "quote_source": update.quote_source,
        "embed_url": update.embed_url,
        "image": image_of(update),
        "pinned": update.pinned,
        "time": local.strftime("%H:%M"),
        "date": local.strftime("%d/%m/%Y"),
        "iso": local.isoformat(),
        "version": version_of(update),
        "edited": update.edited_at is not None,
    }


def build_feed(*, article_id: int) -> Feed:
    coverage = coverage_for(article_id=article_id)
    if coverage is None:
        return Feed(body=b"", etag="")
    data: dict = {"article": article_id}
    updates = updates_of(coverage=coverage, limit=FEED_SIZE)
    pinned = coverage.updates.filter(pinned=True).select_related("image").first()
    data.update({
        "running": coverage.is_running,
        "started_at": timezone.localtime(coverage.started_at).isoformat(),
        "ended_at": timezone.localtime(coverage.ended_at).isoformat() if coverage.ended_at else None,
        "updates": [update_data(u) for u in updates],
        "pinned": update_data(pinned) if pinned else None,
    })
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return Feed(body=body, etag='"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"')


def feed(*, article_id: int) -> Feed:
    tag = f"a:{article_id}"
    key = FEED_KEY.format(article_id, tag_versions([tag]).get(tag, "0"))
    cached = cache.get(key)
    if cached is not None:
        return Feed(*cached)
    built = build_feed(article_id=article_id)
    cache.set(key, (built.body, built.etag), FEED_LIFETIME)
    return built
