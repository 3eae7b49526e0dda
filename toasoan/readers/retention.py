"""Accounts nobody uses are not kept for ever: an account not signed in to for ``READERS_INACTIVE_DAYS`` days
(default 730; 0 keeps them) is deleted with its sign-in records, from the scheduler's passes at most once an hour.
Its comments stay on the stories as comments without an account; their own personal data (email, phone, address)
goes by the comments' retention settings (toasoan/comments/privacy.py)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from toasoan.comments.models import Comment
from toasoan.readers import conf, services
from toasoan.readers.models import Reader

logger = logging.getLogger(__name__)

PURGE_EVERY = 3600
PURGE_LOCK = "toasoan:readers:purge"


def purge_inactive(*, now: datetime | None = None) -> int:
    """Delete the accounts unused for longer than the setting; returns how many."""
    days = conf.inactive_days()
    if days <= 0:
        return 0
    cutoff = (now or timezone.now()) - timedelta(days=days)
    unused = Q(last_sign_in_at__lt=cutoff) | Q(last_sign_in_at__isnull=True, created_at__lt=cutoff)
    with transaction.atomic():
        stale = list(Reader.objects.select_for_update().filter(unused).values_list("pk", "email"))
        if not stale:
            return 0
        ids = [pk for pk, _email in stale]
        Comment.objects.filter(reader_id__in=ids).update(reader=None)
        services.forget_sign_ins(emails=[email for _pk, email in stale])
        Reader.objects.filter(pk__in=ids).delete()
    return len(ids)


def purge_on_scheduler_pass(sender=None, **kwargs) -> None:
    """Receiver of ``core.signals.scheduler_pass``: the purge, at most once an hour across every scheduler."""
    if not cache.add(PURGE_LOCK, 1, PURGE_EVERY):
        return
    count = purge_inactive(now=kwargs.get("now"))
    if count:
        logger.info("%d unused reader accounts deleted", count)
