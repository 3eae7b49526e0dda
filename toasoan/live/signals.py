"""The cached feed of a story follows its publication: a story unpublished, taken down or published again."""

from __future__ import annotations

from django.db import transaction

from toasoan.live.selectors import forget_feed


def forget_on_publication_change(sender, instance, **kwargs) -> None:
    article_id = instance.pk
    transaction.on_commit(lambda: forget_feed(article_id=article_id))
