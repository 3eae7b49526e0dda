"""Absolute image URLs for feeds, JSON-LD and OpenGraph, from Wagtail renditions."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace

from django.http import HttpRequest

logger = logging.getLogger(__name__)

SHARE_SPEC = "fill-1200x675-c100"  # 16:9, what Google Discover and social cards want (>= 1200 px wide)


@dataclass(frozen=True)
class ShareImage:
    url: str
    width: int
    height: int
    length: int
    mime_type: str


MIME = {"jpeg": "image/jpeg", "jpg": "image/jpeg", "png": "image/png", "webp": "image/webp",
        "avif": "image/avif", "gif": "image/gif"}


MEMO_SECONDS = 300
MEMO_SIZE = 4096
_memo: dict[tuple, tuple[float, ShareImage]] = {}


def share_image(image, *, request: HttpRequest, spec: str = SHARE_SPEC) -> ShareImage | None:
    """A rendition of ``image`` for sharing, or None when there is no image or its file cannot be read.

    What a rendition gives here (its address, size and type) is remembered in this process for
    ``MEMO_SECONDS``, keyed by what Wagtail keys the rendition by — the image, its file's hash, its focal point
    and the spec — so an edited image or focal point is a new entry at once: every page head and feed item
    shows a share image, and looking the rendition up again costs ~0.3 ms for an image read afresh.
    """
    if image is None:
        return None
    key = (image.pk, image.file_hash, image.focal_point_x, image.focal_point_y, image.focal_point_width,
           image.focal_point_height, spec)
    now = time.monotonic()
    memo = _memo.get(key)
    if memo is None or memo[0] <= now:
        found = _share_image(image, spec=spec)
        if found is None:
            return None
        if len(_memo) >= MEMO_SIZE:
            _memo.clear()
        memo = _memo[key] = (now + MEMO_SECONDS, found)
    return replace(memo[1], url=request.build_absolute_uri(memo[1].url))


def _share_image(image, *, spec: str) -> ShareImage | None:
    try:
        rendition = image.get_rendition(spec)
    except Exception as exc:  # missing or unreadable source file: share without an image
        logger.warning("Không tạo được ảnh chia sẻ cho ảnh %s: %s", getattr(image, "pk", "?"), exc)
        return None
    try:
        length = rendition.file.size
    except Exception:  # unreadable on disk (OSError) or in the object store (botocore's errors)
        length = 0
    extension = rendition.file.name.rsplit(".", 1)[-1].lower()
    return ShareImage(url=rendition.url, width=rendition.width, height=rendition.height, length=length,
                      mime_type=MIME.get(extension, "image/jpeg"))


def forget_share_images() -> None:
    """Empty this process's memo (tests)."""
    _memo.clear()
