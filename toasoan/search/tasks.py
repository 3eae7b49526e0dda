"""Background tasks that keep the index current (django-tasks; the database worker runs them)."""

from __future__ import annotations

from django_tasks import task

from toasoan.search import services


@task()
def update_article_index(article_id: int) -> bool:
    """Index the article if readers may see it, drop it otherwise (unpublished, expired, deleted)."""
    return services.index_article(article_id=article_id)


@task()
def remove_article_index(article_id: int) -> None:
    services.remove_article(article_id=article_id)
