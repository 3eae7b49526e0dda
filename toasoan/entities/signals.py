"""Extract entities whenever an article is saved (draft or published), after the transaction commits."""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_save

logger = logging.getLogger(__name__)


def extract_on_save(sender, instance, raw: bool = False, **kwargs) -> None:
    """Schedule the extraction once the save is committed; never raises into the save."""
    if raw or getattr(instance, "_skip_entity_extraction", False) or instance.pk is None:
        return
    from toasoan.entities.tasks import schedule_extraction

    article_id = instance.pk
    try:
        transaction.on_commit(lambda: schedule_extraction(article_id=article_id))
    except Exception:
        logger.exception("could not schedule entity extraction for article %s", article_id)


def connect() -> None:
    from toasoan.news.models import ArticlePage

    post_save.connect(extract_on_save, sender=ArticlePage, dispatch_uid="entities_extract_on_save")
