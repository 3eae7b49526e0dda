"""Absolute image URLs for feeds, JSON-LD and OpenGraph, from Wagtail renditions."""

from __future__ import annotations

import logging
from dataclasses import dataclass

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


def share_image(image, *, request: HttpRequest, spec: str = SHARE_SPEC) -> ShareImage | None:
    """A rendition of ``image`` for sharing, or None when there is no image or its file cannot be read."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(spec)
    except Exception as exc:  # missing or unreadable source file: share without an image
        logger.warning("Không tạo được ảnh chia sẻ cho ảnh %s: %s", getattr(image, "pk", "?"), exc)
        return None
    try:
        length = rendition.file.size
    except OSError:
        length = 0
    extension = rendition.file.name.rsplit(".", 1)[-1].lower()
    return ShareImage(
        url=request.build_absolute_uri(rendition.url),
        width=rendition.width,
        height=rendition.height,
        length=length,
        mime_type=MIME.get(extension, "image/jpeg"),
    )
