"""Readers' personal data in comments: export and erase on request, and the periodic purge of what is past its
retention (docs/security.md, "Dữ liệu của bạn đọc trong bình luận").

* The client's address (``ip``) is cleared ``TOASOAN_COMMENTS_IP_RETENTION_DAYS`` after the comment was sent;
  likes and reports (keyed hashes of address and browser) go with it.
* Email and phone are cleared ``TOASOAN_COMMENTS_CONTACT_RETENTION_DAYS`` after it was sent.
* Rejected comments are deleted ``TOASOAN_COMMENTS_REJECTED_RETENTION_DAYS`` after they were rejected.

Requests by email find a reader's comments by the keyed hash of the address, which stays as long as the comment,
so they work after the clear address was purged. Erasing on request (``anonymise_by_email``) leaves the text of
the comments on the stories under a neutral name and takes away everything that ties them to the reader (name,
email, phone, IP and their hashes, the account); the reader deleting their own account deletes the comments
(``erase_by_email``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from toasoan.comments import conf, moderation_log, selectors
from toasoan.comments.models import Ban, Comment, CommentLike, CommentReport, Status

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
                                         comment_ids=[c.pk for c in comments], account=reader_id is not None)
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
                                             comment_ids=[pk for pk, _article in found],
                                             account=reader_id is not None, text="deleted")
    selectors.forget(*(article for _pk, article in found))
    return per_model.get("comments.Comment", 0)


def anonymous_name() -> str:
    """The name an erased reader's comments keep on the stories."""
    return _("Bạn đọc")


def anonymise_by_email(*, email: str, reader_id: int | None = None, user=None) -> int:
    """Erase the personal data of every comment of the reader with this address (and account) and keep their text
    on the stories under ``anonymous_name()``: name, email, phone, IP, their keyed hashes and the link to the account
    go, so no later request, ban or search ties the text to anyone. The labels of bans on this address (or on the
    comments' addresses), which hold the name, are blanked; the bans stay. The audit trail says who erased which
    comments, never whose. Returns the number of comments."""
    now = timezone.now()
    with transaction.atomic():
        found = list(_of(email, reader_id).select_for_update().values_list("pk", "article_id", "ip_hash",
                                                                          "email_hash"))
        hashes = {value for _pk, _article, *values in found for value in values if value}
        hashes.add(conf.keyed_hash("email", (email or "").strip().lower()))
        Ban.objects.filter(value_hash__in=hashes).exclude(label="").update(label="")
        Comment.objects.filter(pk__in=[pk for pk, *_rest in found]).update(
            name=anonymous_name(), email="", phone="", phone_verified=False, ip=None, ip_hash="", email_hash="",
            contact_cleared_at=now, reader=None)
        moderation_log.record_reader_request(action=moderation_log.READER_DATA_ERASED, user=user,
                                             comment_ids=[pk for pk, *_rest in found],
                                             account=reader_id is not None, text="anonymised")
    selectors.forget(*(article for _pk, article, *_rest in found))
    return len(found)


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
