"""Background task: extract entities after an article is saved, outside the request."""

from __future__ import annotations

import logging

from django_tasks import task

from toasoan.core.queue import enqueue

logger = logging.getLogger(__name__)


@task()
def extract_article_entities(article_id: int, auto_confirm: bool = False) -> None:
    from toasoan.entities.services import extract_for_article
    from toasoan.news.models import ArticlePage

    article = ArticlePage.objects.filter(pk=article_id).first()
    if article is None:
        return
    if article.latest_revision_id:
        # The editor's latest draft, so suggestions follow what is being written, not only what is live.
        try:
            article = article.get_latest_revision_as_object()
        except Exception:
            logger.warning("could not read the latest revision of article %s", article_id, exc_info=True)
    extract_for_article(article=article, auto_confirm=auto_confirm)


def schedule_extraction(*, article_id: int, auto_confirm: bool = False) -> None:
    """Queue the extraction; if the queue is unavailable, run it now. Never raises into the caller."""
    try:
        enqueue(extract_article_entities, article_id, auto_confirm)
    except Exception:
        logger.warning("could not queue entity extraction for article %s; running inline", article_id, exc_info=True)
        from toasoan.entities.services import extract_for_article
        from toasoan.news.models import ArticlePage

        try:
            article = ArticlePage.objects.filter(pk=article_id).first()
            if article is not None:
                extract_for_article(article=article, auto_confirm=auto_confirm)
        except Exception:
            logger.exception("entity extraction failed for article %s", article_id)
