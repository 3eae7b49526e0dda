"""Publish, edit (a new published revision), unpublish, expiry, move and delete → an index task."""

from __future__ import annotations

import logging

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from toasoan.core.queue import enqueue

logger = logging.getLogger("toasoan.search")


def _article_class():
    from toasoan.news.models import ArticlePage

    return ArticlePage


def enqueue_update(article_id: int) -> None:
    from toasoan.search.tasks import update_article_index

    try:
        enqueue(update_article_index, article_id=article_id, urgent=True)
    except Exception:  # the index must never block publishing; `toasoan reindex` repairs it
        logger.exception("Không xếp được tác vụ cập nhật chỉ mục cho bài %s", article_id)


def on_page_changed(sender, instance, **kwargs) -> None:
    article = _article_class()
    if isinstance(instance, article) or getattr(instance, "specific_class", None) is article:
        enqueue_update(instance.pk)


def on_article_deleted(sender, instance, **kwargs) -> None:
    from toasoan.search.tasks import remove_article_index

    try:
        enqueue(remove_article_index, article_id=instance.pk, urgent=True)
    except Exception:
        logger.exception("Không xếp được tác vụ xóa bài %s khỏi chỉ mục", instance.pk)


def connect() -> None:
    article = _article_class()
    page_published.connect(on_page_changed, sender=article, dispatch_uid="toasoan_search_published")
    page_unpublished.connect(on_page_changed, sender=article, dispatch_uid="toasoan_search_unpublished")
    post_page_move.connect(on_page_changed, dispatch_uid="toasoan_search_moved")
    post_delete.connect(on_article_deleted, sender=article, dispatch_uid="toasoan_search_deleted")
