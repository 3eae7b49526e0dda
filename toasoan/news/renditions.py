"""Image renditions for article figures: AVIF and WebP at three widths, made in the background at publish.

AVIF is smaller than WebP but slow to encode (about half a second for a 1200 px photo here), so the
renditions are made by the task worker when an article is published, not by the first reader's request.
``TOASOAN_AVIF = False`` (the test settings) serves WebP only.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django_tasks import task

logger = logging.getLogger(__name__)

FIGURE_WIDTHS = (480, 800, 1200)


def figure_formats() -> tuple[str, ...]:
    return ("avif", "webp") if getattr(settings, "TOASOAN_AVIF", True) else ("webp",)


def figure_filter_specs() -> list[str]:
    """The specs the figure template asks for (``{% picture %}`` / ``{% srcset_image %}``)."""
    return [f"width-{w}|format-{fmt}" for fmt in figure_formats() for w in FIGURE_WIDTHS]


def body_images(article) -> list:
    """Every image shown by a figure or gallery of ``article``'s body, in order, once."""
    seen: dict[int, object] = {}
    for block in article.body:
        values = []
        if block.block_type == "figure":
            values = [block.value]
        elif block.block_type == "gallery":
            values = list(block.value["photos"])
        for value in values:
            image = value.get("image")
            if image is not None:
                seen.setdefault(image.pk, image)
    return list(seen.values())


@task()
def warm_figure_renditions(article_id: int) -> int:
    """Make the figure renditions of a published article; returns how many images were handled."""
    from toasoan.news.models import ArticlePage

    article = ArticlePage.objects.filter(pk=article_id).first()
    if article is None:
        return 0
    images = body_images(article)
    for image in images:
        try:
            image.get_renditions(*figure_filter_specs())
        except Exception:  # a broken file must not stop the others; the reader's request will retry it
            logger.exception("Không tạo được ảnh thu nhỏ cho ảnh %s", image.pk)
    return len(images)


def on_article_published(sender, instance, **kwargs) -> None:
    article_id = instance.pk

    def enqueue() -> None:
        try:
            warm_figure_renditions.enqueue(article_id=article_id)
        except Exception:
            logger.exception("Không xếp được tác vụ tạo ảnh cho bài %s", article_id)

    transaction.on_commit(enqueue)
