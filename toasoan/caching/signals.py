"""Purge receivers: publish, edit, unpublish, expiry (Wagtail's scheduler unpublishes), move and delete."""

from __future__ import annotations

import threading

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from toasoan.caching.purge import purge_article, purge_tags
from toasoan.caching.tags import ALL, CHROME, article_tags, page_tags
from toasoan.core.signals import front_slot_expired, reader_page_changed
from toasoan.home.models import FrontSlot, Imprint
from toasoan.news.models import ArticlePage

_before = threading.local()


def _stash() -> dict[int, set[str]]:
    if not hasattr(_before, "tags"):
        _before.tags = {}
    return _before.tags


@receiver(pre_save, sender=ArticlePage)
def remember_where_it_was(sender, instance: ArticlePage, update_fields=None, **kwargs) -> None:
    """Before a full save of a live article, note the listings it is in now (it may leave some)."""
    if instance.pk is None or update_fields is not None:
        return
    if ArticlePage.objects.filter(pk=instance.pk, live=True).exists():
        _stash()[instance.pk] = article_tags(instance.pk)


@receiver(page_published)
def purge_on_publish(sender, instance, **kwargs) -> None:
    if isinstance(instance, ArticlePage):
        purge_article(instance.pk, before=_stash().pop(instance.pk, None))
        return
    tags = page_tags(instance)
    if "home" in tags:
        tags.add("l:hot")  # Tin nóng pins live on the home page
    purge_tags(tags)


@receiver(page_unpublished)
def purge_on_unpublish(sender, instance, **kwargs) -> None:
    if isinstance(instance, ArticlePage):
        purge_article(instance.pk, before=_stash().pop(instance.pk, None))
    else:
        purge_tags(page_tags(instance))


@receiver(pre_delete, sender=ArticlePage)
def purge_on_delete(sender, instance: ArticlePage, **kwargs) -> None:
    purge_tags(article_tags(instance.pk))



@receiver(post_save, sender=FrontSlot)
@receiver(post_delete, sender=FrontSlot)
def purge_on_front_slot_change(sender, instance: FrontSlot, **kwargs) -> None:
    """A curated slot changed outside a page publish: the front it sits on, and Tin nóng, must refresh."""
    purge_tags({"l:hot", *page_tags(instance.front.specific)})


@receiver(front_slot_expired)
def purge_on_front_slot_expiry(sender, slot: FrontSlot, **kwargs) -> None:
    """A slot's expiry time has passed (the scheduler noticed): its front no longer shows the story."""
    purge_on_front_slot_change(sender=FrontSlot, instance=slot)


@receiver(post_save, sender=Imprint)
def purge_on_imprint_change(sender, instance: Imprint, **kwargs) -> None:
    """The imprint and logo are on every page (masthead and footer): every page and the chrome fragments."""
    purge_tags({ALL, CHROME})


@receiver(reader_page_changed)
def purge_on_reader_change(sender, page, **kwargs) -> None:
    """What readers get at a live page changed outside a publish (a live update, a correction, a takedown)."""
    if isinstance(page, ArticlePage):
        purge_article(page.pk)
    else:
        purge_tags(page_tags(page))
