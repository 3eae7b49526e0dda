"""Readers' personal data in comments: export and erase on request, and the periodic purge of what is past its
retention (docs/security.md, "Dữ liệu của bạn đọc trong bình luận").

* The client's address (``ip``) is cleared ``TOASOAN_COMMENTS_IP_RETENTION_DAYS`` after the comment was sent;
  likes and reports (keyed hashes of address and browser) go with it.
* Email and phone are cleared ``TOASOAN_COMMENTS_CONTACT_RETENTION_DAYS`` after it was sent.
* Rejected comments are deleted ``TOASOAN_COMMENTS_REJECTED_RETENTION_DAYS`` after they were rejected.

Requests by email find a reader's comments by the keyed hash of the address, which stays as long as the comment,
so they work after the clear address was purged.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from toasoan.comments import conf, moderation_log, selectors
from toasoan.comments.models import Comment, CommentLike, CommentReport, Status

logger = logging.getLogger(__name__)
PURGE_EVERY = 3600  # the scheduler's passes run the purge at most once an hour
PURGE_LOCK = "toasoan:comments:purge"


def _of(email: str, reader_id: int | None = None):
    """The comments sent with this address, and those of the reader account ``reader_id`` (toasoan/readers)."""
    wanted = Q(email_hash=conf.keyed_hash("email", (email or "").strip().lower()))
    if reader_id is not None:
        wanted |= Q(reader_id=reader_id)
    return Comment.objects.filter(wanted)


def export_by_email(*, email: str, reader_id: int | None = None, user=None) -> dict:
    """Everything the paper keeps about the reader with this address (and account), as JSON-ready data; the audit
    trail says who exported which comments (``user``: the moderator; none for a command or the reader)."""
    comments = list(_of(email, reader_id).select_related("article").order_by("created_at", "pk"))
    moderation_log.record_reader_request(action=moderation_log.READER_DATA_EXPORTED, user=user,
                                         comment_ids=[c.pk for c in comments])
    return {
        "email": email.strip().lower(),
        "exported_at": timezone.now().isoformat(),
        "comments": [
            {
                "id": c.pk,
                "article": {"id": c.article_id, "title": c.article.title, "url": c.article.canonical_path()},
                "reply_to": c.parent_id,
                "name": c.name,
                "body": c.body,
                "status": c.status,
                "reject_reason": c.reject_reason,
                "created_at": c.created_at.isoformat(),
                "email": c.email,
                "phone": c.phone,
                "phone_verified": c.phone_verified,
                "ip": c.ip,
                "consent_at": c.consent_at.isoformat(),
                "consent_version": c.consent_version,
                "likes_received": c.like_count,
                "reader_account": c.reader_id is not None,
            }
            for c in comments
        ],
    }


def erase_by_email(*, email: str, reader_id: int | None = None, user=None) -> int:
    """Delete every comment of the reader with this address (and account); replies of others stay, as top-level
    comments. The audit trail says who erased which comments."""
    with transaction.atomic():
        found = list(_of(email, reader_id).values_list("pk", "article_id"))
        _total, per_model = _of(email, reader_id).delete()
        moderation_log.record_reader_request(action=moderation_log.READER_DATA_ERASED, user=user,
                                             comment_ids=[pk for pk, _article in found])
    selectors.forget(*(article for _pk, article in found))
    return per_model.get("comments.Comment", 0)


@dataclass
class PurgeResult:
    addresses_cleared: int = 0
    contacts_cleared: int = 0
    rejected_deleted: int = 0
    likes_deleted: int = 0
    reports_deleted: int = 0

    def __str__(self) -> str:
        return (f"Đã xóa IP của {self.addresses_cleared} bình luận, thông tin liên hệ của {self.contacts_cleared}, "
                f"{self.rejected_deleted} bình luận bị từ chối, {self.likes_deleted} lượt thích và "
                f"{self.reports_deleted} báo cáo quá hạn lưu.")


def purge_expired(*, now: datetime | None = None) -> PurgeResult:
    now = now or timezone.now()
    result = PurgeResult()
    ip_before = now - timedelta(days=conf.ip_retention_days())
    contact_before = now - timedelta(days=conf.contact_retention_days())
    rejected_before = now - timedelta(days=conf.rejected_retention_days())
    with transaction.atomic():
        result.addresses_cleared = Comment.objects.filter(created_at__lt=ip_before, ip__isnull=False).update(ip=None)
        result.likes_deleted, _ = CommentLike.objects.filter(created_at__lt=ip_before).delete()
        result.reports_deleted, _ = CommentReport.objects.filter(created_at__lt=ip_before).delete()
        result.contacts_cleared = (
            Comment.objects.filter(created_at__lt=contact_before).filter(~Q(email="") | ~Q(phone=""))
            .update(email="", phone="", contact_cleared_at=now)
        )
        _total, per_model = Comment.objects.filter(status=Status.REJECTED,
                                                   moderated_at__lt=rejected_before).delete()
        result.rejected_deleted = per_model.get("comments.Comment", 0)
    return result


def purge_on_scheduler_pass(sender=None, **kwargs) -> None:
    """Receiver of ``core.signals.scheduler_pass``: the purge, at most once an hour across every scheduler."""
    if not cache.add(PURGE_LOCK, 1, PURGE_EVERY):
        return
    result = purge_expired(now=kwargs.get("now"))
    logger.info("%s", result)
